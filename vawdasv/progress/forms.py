"""Forms for progress rounds and updates. They validate input; progress.services writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm, GovukModelForm
from vawdasv.lib.bilingual import read
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Strategy
from vawdasv.progress.enums import RagStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.periods import periods_for_years
from vawdasv.progress.rag import rag_vocabulary, update_vocabulary
from vawdasv.progress.selectors import RoundFilters
from vawdasv.progress.services import UPDATE_FIELDS
from vawdasv.progress.timescale_input import TimescaleField


class DateInput(forms.DateInput):
    input_type = "date"


class OpenRoundForm(GovukForm):
    period = forms.ChoiceField(
        label=_("Reporting period"),
        help_text=_("Financial years run from April to March. Quarter 1 is April to June."),
    )
    deadline = forms.DateField(
        label=_("Deadline for updates"),
        widget=DateInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("Lead officers are reminded a week before, and again if it passes."),
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rounds = ProgressRound.objects.filter(strategy=strategy)
        taken = set(rounds.values_list("period_label", flat=True))
        last = max(strategy.start_year, strategy.end_year - 1)
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a period")),
            *(
                (p.label, p.label)
                for p in periods_for_years(strategy.start_year, last)
                if p.label not in taken
            ),
        ]


class ConfirmForm(GovukForm):
    confirm = forms.BooleanField(
        label=_("Yes, I am sure"),
        error_messages={"required": _("Tick the box to confirm")},
    )


class DeadlineForm(GovukForm):
    deadline = forms.DateField(
        label=_("New deadline for updates"),
        widget=DateInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter the new deadline")},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReopenRoundForm(ConfirmForm):
    deadline = forms.DateField(
        label=_("New deadline for updates"),
        required=False,
        widget=DateInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("Leave blank to keep the current deadline."),
    )


def _fingerprint(value: Any) -> str:
    """A short digest of a field's value as the form would post it, so the page can carry
    what each field held when it was loaded without carrying the text twice."""
    text = ("1" if value else "") if isinstance(value, bool) else str(value or "")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def fingerprints(values: Mapping[str, Any]) -> str:
    """Each update field's digest, as the JSON the hidden "base" field holds."""
    return json.dumps({name: _fingerprint(values.get(name)) for name in UPDATE_FIELDS})


class UpdateForm(GovukModelForm):
    """The lead officer's update. A draft may be incomplete; submitting checks it is complete."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # What each field held when the page was loaded (digests): after a refused save, the fields
    # this person did not change take the other person's values (see views/updates.py).
    base = forms.CharField(widget=forms.HiddenInput, required=False)
    proposed_timescale_text = TimescaleField(
        label=_("New timescale"),
        help_text=_("A month and year, or ongoing, annually or to be confirmed."),
        messages={
            "month": _("Choose the month of the new timescale"),
            "year": _("Choose the year of the new timescale"),
            "both": _(
                "Choose either a month and year or one of the other timescales for the new "
                "timescale, not both"
            ),
        },
    )
    proposed_new_action_timescale = TimescaleField(
        label=_("Timescale for the new action"),
        help_text=_("A month and year, or ongoing, annually or to be confirmed."),
        messages={
            "month": _("Choose the month of the new action's timescale"),
            "year": _("Choose the year of the new action's timescale"),
            "both": _(
                "Choose either a month and year or one of the other timescales for the new "
                "action, not both"
            ),
        },
    )

    class Meta:
        model = ProgressUpdate
        fields = list(UPDATE_FIELDS)
        widgets = {
            "rag": forms.RadioSelect,
            "narrative_en": forms.Textarea(attrs={"rows": 6}),
            "narrative_cy": forms.Textarea(attrs={"rows": 6}),
            "proposed_timescale_reason": forms.Textarea(attrs={"rows": 2}),
            "proposed_text_en": forms.Textarea(attrs={"rows": 3}),
            "proposed_text_cy": forms.Textarea(attrs={"rows": 3}),
            "proposed_new_action_en": forms.Textarea(attrs={"rows": 3}),
            "proposed_new_action_cy": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "proposed_new_action_en": _("New action (English)"),
            "proposed_new_action_cy": _("New action (Welsh)"),
        }
        help_texts = {
            "rag": _("Colours are shown with their meaning, so nobody needs to rely on colour."),
            "proposed_text_en": _("Only if the action itself should be reworded."),
            "proposed_no_longer_relevant": _(
                "The regional team will mark the action as no longer relevant when they approve."
            ),
            "proposed_new_action_en": _(
                "Only if the commitment needs another action. It is added to the plan under the "
                "same commitment when the regional team approves this update."
            ),
        }

    # How the update form is laid out: the update itself, then each kind of proposal as a
    # group with its own heading, so a lead officer can skip what does not apply.
    GROUPS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
        ("update", None, ("rag", "completed", "narrative_en", "narrative_cy")),
        (
            "changes",
            _("Propose changes to this action"),
            (
                "proposed_timescale_text", "proposed_timescale_reason", "proposed_text_en",
                "proposed_text_cy", "proposed_no_longer_relevant",
            ),
        ),
        (
            "new-action",
            _("Propose a new action"),
            ("proposed_new_action_en", "proposed_new_action_cy", "proposed_new_action_timescale"),
        ),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = update_vocabulary(self.instance).choices()  # type: ignore[attr-defined]
        self.fields["rag"].required = False
        if not self.is_bound:
            # 0 stands for "no update yet": if somebody else starts it first, saving this
            # form is a conflict rather than a silent overwrite (versions start at 1).
            self.initial["version"] = self.instance.version if self.instance.pk else 0
            self.initial["base"] = fingerprints(
                {name: getattr(self.instance, name) for name in UPDATE_FIELDS}
            )

    def groups(self) -> list[dict[str, Any]]:
        """The visible fields in their groups; a field no group names goes in the first one."""
        placed = {name for _key, _legend, names in self.GROUPS for name in names}
        groups = [
            {
                "key": key,
                "legend": legend,
                "fields": [self[name] for name in names if name in self.fields],
            }
            for key, legend, names in self.GROUPS
        ]
        groups[0]["fields"] += [
            field for field in self.visible_fields() if field.name not in placed
        ]
        return groups

    def differs_from_base(self, name: str, value: Any) -> bool:
        """Whether `value` differs from what the field held when the page was loaded (a form
        without a readable base counts every value as different, so nothing is overwritten)."""
        try:
            base = json.loads(self.cleaned_data.get("base") or "")
        except ValueError:
            return True
        if not isinstance(base, dict) or name not in base:
            return True
        return bool(_fingerprint(value) != base[name])

    def changed_by_this_person(self, name: str) -> bool:
        return self.differs_from_base(name, self.cleaned_data.get(name))

    def service_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in UPDATE_FIELDS if name in self.cleaned_data
        }


class ReviewForm(GovukForm):
    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (APPROVE, _("Approve, and apply any proposed changes to the plan")),
            (RETURN, _("Return to the lead officer for changes")),
        ],
        error_messages={"required": _("Choose whether to approve or return the update")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return an update: say what needs to change."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what needs to change"))
        return data


class RoundFilterForm(GovukForm):
    """The round table's filters, read from the query string so a filtered view can be shared."""

    state = forms.ChoiceField(label=_("Update"), required=False)
    rag = forms.ChoiceField(label=_("RAG status"), required=False)
    organisation = forms.TypedChoiceField(
        label=_("Lead organisation"), required=False, coerce=int, empty_value=None
    )
    overdue = forms.BooleanField(label=_("Only overdue actions"), required=False)

    def __init__(self, *args: Any, progress_round: ProgressRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["state"].choices = [  # type: ignore[attr-defined]
            *everything,
            ("not_started", _("Not started")),
            *UpdateState.choices,
        ]
        words = rag_vocabulary(progress_round.strategy.partnership)
        self.fields["rag"].choices = [  # type: ignore[attr-defined]
            *everything,
            *((rag.value, words.choice_label(rag.value)) for rag in RagStatus),
        ]
        leads = (
            Organisation.objects.filter(
                led_actions__commitment__theme__strategy=progress_round.strategy_id
            )
            .distinct()
            .order_by("name_en")
        )
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            *everything,
            *((o.pk, read(o, "name").text) for o in leads),
        ]

    def filters(self) -> RoundFilters:
        if not self.is_valid():
            return RoundFilters()
        data = self.cleaned_data
        return RoundFilters(
            state=data["state"] or "",
            rag=data["rag"] or "",
            organisation=data["organisation"],
            overdue=bool(data["overdue"]),
        )
