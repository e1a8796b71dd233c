"""The page where the regional team writes the report's introduction and theme narratives."""

from __future__ import annotations

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
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
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

    def theme_fields(self) -> list[tuple[Theme, list[forms.BoundField]]]:
        return [(theme, [self[name] for name in names]) for theme, names in self.theme_groups]

    def narrative_fields(self) -> list[tuple[ProgressUpdate, list[forms.BoundField]]]:
        return [(update, [self[n] for n in names]) for update, names in self.narrative_groups]


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
    if request.method == "POST":
        form = ReportTextForm(request.POST, themes=themes, narratives=narratives)
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
        form = ReportTextForm(initial=_initial(written), themes=themes, narratives=narratives)
    context = {"strategy": strategy, "form": form, "period": period, "written": written}
    return render(request, "progress/report/text_edit.html", context)
