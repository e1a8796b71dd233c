"""Forms for plan content. They validate input; the services in plans.services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm, GovukModelForm
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans import progress_summary
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.plans.selectors import DUE_ONGOING, DUE_UNDATED, due_period_choices
from vawdasv.reference.models import FrameworkItem


class VersionedForm(GovukModelForm):
    """Carries the version the editor started from, so a stale save can be refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def service_data(self) -> dict[str, Any]:
        fields = self._meta.fields or ()  # type: ignore[attr-defined]
        return {name: self.cleaned_data[name] for name in fields if name in self.cleaned_data}


class StrategyForm(VersionedForm):
    class Meta:
        model = Strategy
        fields = [
            "title_en", "title_cy", "slug", "start_year", "end_year", "vision_en", "vision_cy",
            "status",
        ]  # fmt: skip
        widgets = {
            "vision_en": forms.Textarea(attrs={"rows": 3}),
            "vision_cy": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
            "start_year": forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
            "end_year": forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        }
        help_texts = {
            "slug": _(
                "Lower-case letters, numbers and hyphens, for example cardiff-vale-2023-2028."
            ),
            "status": _("Published strategies can be read by anyone, without signing in."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error(
                "end_year", _("The last year must be the same as or after the first year")
            )
        if not (data.get("title_en") or data.get("title_cy")):
            self.add_error("title_en", _("Enter the title in English or Welsh"))
        return data


class ThemeForm(VersionedForm):
    class Meta:
        model = Theme
        fields = ["name_en", "name_cy", "aim_en", "aim_cy"]
        widgets = {
            "aim_en": forms.Textarea(attrs={"rows": 3}),
            "aim_cy": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("name_en") or data.get("name_cy")):
            self.add_error("name_en", _("Enter the name in English or Welsh"))
        return data


class CommitmentForm(VersionedForm):
    class Meta:
        model = Commitment
        fields = ["ref", "text_en", "text_cy"]
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_cy": forms.Textarea(attrs={"rows": 3}),
            "ref": forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        }
        help_texts = {"ref": _("Optional, for example 1.2.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text_en") or data.get("text_cy")):
            self.add_error("text_en", _("Enter the commitment in English or Welsh"))
        return data


class ActionForm(VersionedForm):
    class Meta:
        model = Action
        fields = [
            "ref", "text_en", "text_cy", "evidence_en", "evidence_cy", "timescale_text",
            "lead_organisations", "partner_organisations", "alignments",
        ]  # fmt: skip
        widgets = {
            "ref": forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_cy": forms.Textarea(attrs={"rows": 3}),
            "evidence_en": forms.Textarea(attrs={"rows": 2}),
            "evidence_cy": forms.Textarea(attrs={"rows": 2}),
            "timescale_text": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "lead_organisations": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "alignments": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self, *args: Any, partnership: Partnership, may_change_leads: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if may_change_leads:
            organisations = Organisation.objects.filter(partnerships=partnership).order_by(
                "name_en"
            )
            self.fields["lead_organisations"].queryset = organisations  # type: ignore[attr-defined]
            self.fields["partner_organisations"].queryset = organisations  # type: ignore[attr-defined]
        else:
            # Lead officers edit the wording and timescale; the regional team decides who leads.
            del self.fields["lead_organisations"]
            del self.fields["partner_organisations"]
        self.fields["alignments"].queryset = FrameworkItem.objects.select_related(  # type: ignore[attr-defined]
            "framework"
        )
        self.fields["alignments"].label_from_instance = (  # type: ignore[attr-defined]
            lambda item: f"{item.framework.text('name')}: {item.code} {item.text('title')}"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text_en") or data.get("text_cy")):
            self.add_error("text_en", _("Enter the action in English or Welsh"))
        return data


class ActionFilterForm(GovukForm):
    """The filters on the action list. Read from the query string, so results can be shared."""

    q = forms.CharField(label=_("Search"), required=False)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    lead = forms.TypedChoiceField(
        label=_("Lead organisation"), required=False, coerce=int, empty_value=None
    )
    due = forms.ChoiceField(label=_("Due"), required=False)
    alignment = forms.TypedChoiceField(
        label=_("Aligned to"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        strategy: Strategy,
        rag_choices: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, Any]] = [("", _("All"))]
        if rag_choices is not None:  # the reader may see progress: filter by it too
            self.fields["rag"] = forms.ChoiceField(
                label=_("Latest approved RAG"), required=False, choices=everything + rag_choices
            )
            self.fields["status"] = forms.ChoiceField(
                label=_("Progress"),
                required=False,
                choices=[
                    *everything,
                    (progress_summary.OVERDUE, _("Overdue")),
                    (progress_summary.NO_UPDATE, _("No update")),
                ],
            )
        self.fields["theme"].choices = everything + [  # type: ignore[attr-defined]
            (t.pk, t.text("name").text) for t in strategy.themes.all()
        ]
        leads = (
            Organisation.objects.filter(led_actions__commitment__theme__strategy=strategy)
            .distinct()
            .order_by("name_en")
        )
        self.fields["lead"].choices = everything + [(o.pk, o.text("name").text) for o in leads]  # type: ignore[attr-defined]
        self.fields["due"].choices = (  # type: ignore[attr-defined]
            everything
            + [
                (value, _("Financial year %(year)s") % {"year": label})
                for value, label in due_period_choices(strategy)
            ]
            + [(DUE_ONGOING, _("Ongoing or recurring")), (DUE_UNDATED, _("To be confirmed"))]
        )
        items = (
            FrameworkItem.objects.filter(actions__commitment__theme__strategy=strategy)
            .select_related("framework")
            .distinct()
        )
        self.fields["alignment"].choices = everything + [  # type: ignore[attr-defined]
            (i.pk, f"{i.framework.text('name')}: {i.code} {i.text('title')}") for i in items
        ]


class ConfirmDeleteForm(GovukForm):
    confirm = forms.BooleanField(
        label=_("Yes, delete this and everything under it"),
        error_messages={"required": _("Tick the box to confirm you want to delete this")},
    )
