"""The page where the regional team writes the report's introduction and theme narratives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.core import translation_state
from vawdasv.core.translation_state import State
from vawdasv.lib.bilingual import read
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy, Theme
from vawdasv.progress import selectors
from vawdasv.progress.models import NarrativeTreatment, ProgressUpdate
from vawdasv.progress.periods import ReportingPeriod, parse_period
from vawdasv.progress.report.text import WrittenText, save_report_text, written_text

TEXTAREA = {"class": "govuk-textarea", "rows": 6}
LANGUAGE_NAMES = {"en": gettext_lazy("English"), "cy": gettext_lazy("Welsh")}


class ReportTextForm(forms.Form):
    def __init__(
        self,
        *args: object,
        themes: list[Theme],
        narratives: list[ProgressUpdate] | None = None,
        states: Mapping[str, State | None] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Field stem ("introduction", "action_<id>_narrative"…) → translation state of the
        # Welsh as saved, shown beside each Welsh box and each lead officer's narrative.
        self.states: Mapping[str, State | None] = states or {}
        self.theme_groups: list[tuple[Theme, list[str]]] = []
        self.narrative_groups: list[tuple[ProgressUpdate, list[str]]] = []
        for update in narratives or []:
            prefix = f"action_{update.action_id}"
            self.fields[f"{prefix}_treatment"] = forms.ChoiceField(
                label=_("In the report"),
                choices=NarrativeTreatment.choices,
                initial=NarrativeTreatment.INCLUDE,
                required=False,  # not chosen: as written
                widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
            )
            for lang in ("en", "cy"):
                self.fields[f"{prefix}_short_{lang}"] = forms.CharField(
                    label=_("Shortened narrative (%(language)s)")
                    % {"language": LANGUAGE_NAMES[lang]},
                    required=False,
                    widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3, "lang": lang}),
                )
            names = [f"{prefix}_treatment", f"{prefix}_short_en", f"{prefix}_short_cy"]
            self.narrative_groups.append((update, names))
        for lang in ("en", "cy"):
            self.fields[f"introduction_{lang}"] = forms.CharField(
                label=_("Introduction (%(language)s)") % {"language": LANGUAGE_NAMES[lang]},
                required=False,
                widget=forms.Textarea(attrs={**TEXTAREA, "lang": lang}),
            )
        for theme in themes:
            names = []
            name = read(theme, "name").text
            for kind, label in (
                ("narrative", _("%(theme)s: narrative after the table (%(language)s)")),
                ("future", _("%(theme)s: narrative after “Future activity” (%(language)s)")),
            ):
                for lang in ("en", "cy"):
                    key = f"theme_{theme.pk}_{kind}_{lang}"
                    self.fields[key] = forms.CharField(
                        label=label % {"theme": name, "language": LANGUAGE_NAMES[lang]},
                        required=False,
                        widget=forms.Textarea(attrs={**TEXTAREA, "lang": lang}),
                    )
                    names.append(key)
            self.theme_groups.append((theme, names))

    def _with_state(self, names: list[str]) -> list[tuple[forms.BoundField, State | None]]:
        return [(self[name], self.translation_state(name)) for name in names]

    def introduction_fields(self) -> list[tuple[forms.BoundField, State | None]]:
        return self._with_state([f"introduction_{lang}" for lang in ("en", "cy")])

    def theme_fields(
        self,
    ) -> list[tuple[Theme, list[tuple[forms.BoundField, State | None]]]]:
        return [(theme, self._with_state(names)) for theme, names in self.theme_groups]

    def narrative_fields(
        self,
    ) -> list[tuple[ProgressUpdate, list[forms.BoundField], State | None]]:
        return [
            (
                update,
                [self[n] for n in names],
                self.states.get(f"action_{update.action_id}_narrative"),
            )
            for update, names in self.narrative_groups
        ]

    def translation_state(self, name: str) -> State | None:
        """The state of a Welsh box's saved text ("introduction_cy"); None for English boxes
        and for texts with no English yet."""
        if not name.endswith("_cy"):
            return None
        return self.states.get(name.removesuffix("_cy"))


def translation_states(
    written: WrittenText, narratives: list[ProgressUpdate]
) -> dict[str, State | None]:
    """The translation state of each saved text on the page, by field stem (one query)."""
    fields = written.translation_rows()
    rows: list[Any] = [row for row, _field in fields.values()]
    marks = translation_state.marks_for([*rows, *narratives])
    states = {stem: marks.state(row, name) for stem, (row, name) in fields.items()}
    for update in narratives:
        states[f"action_{update.action_id}_narrative"] = marks.state(update, "narrative")
    return states


def _narratives(strategy: Strategy, period: ReportingPeriod) -> list[ProgressUpdate]:
    """The period's approved updates that have a narrative, in the plan's order."""
    return list(
        ProgressUpdate.objects.approved()
        .filter(progress_round__strategy=strategy, progress_round__period_label=period.label)
        .exclude(narrative_en="", narrative_cy="")
        .select_related("action__commitment__theme")
        .order_by(
            "action__commitment__theme__order", "action__commitment__order", "action__order", "pk"
        )
    )


def _initial(written: WrittenText) -> dict[str, str]:
    initial = dict(written.introduction)
    for action_id, values in written.narratives.items():
        for key, text in values.items():
            initial[f"action_{action_id}_{key}"] = text
    for theme_id, values in written.themes.items():
        for key, text in values.items():
            initial[f"theme_{theme_id}_{key}"] = text
    return initial


def _period(request: HttpRequest, strategy: Strategy) -> ReportingPeriod:
    chosen = request.POST.get("period") if request.method == "POST" else request.GET.get("period")
    period = parse_period(str(chosen or ""))
    if period is None:
        raise Http404
    return period


@login_required
def report_text_edit(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.get_strategy_for_member(request.user, slug)
    if not permissions.can_write_report_text(request.user, strategy.partnership_id):
        raise PermissionDenied
    period = _period(request, strategy)
    themes = list(Theme.objects.filter(strategy=strategy).order_by("order", "pk"))
    written = written_text(strategy, period)
    narratives = _narratives(strategy, period)
    states = translation_states(written, narratives)
    if request.method == "POST":
        form = ReportTextForm(request.POST, themes=themes, narratives=narratives, states=states)
        if form.is_valid():
            try:
                save_report_text(
                    actor=request.user,
                    strategy=strategy,
                    period_label=period.label,
                    data=form.cleaned_data,
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("The report's text has been saved."))
                query = urlencode({"period": period.label})
                return redirect(reverse("progress:report", kwargs={"slug": slug}) + f"?{query}")
    else:
        form = ReportTextForm(
            initial=_initial(written), themes=themes, narratives=narratives, states=states
        )
    context = {"strategy": strategy, "form": form, "period": period, "written": written}
    return render(request, "progress/report/text_edit.html", context)
