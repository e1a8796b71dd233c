"""Forms of the national app: the bulk alignment form and the all-Wales filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm
from vawdasv.lib.bilingual import read
from vawdasv.national.alignment import AlignmentPage
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.partnerships.models import Partnership
from vawdasv.reference.models import Framework


def commitment_field(pk: int) -> str:
    return f"commitment-{pk}"


class AlignmentForm(forms.Form):
    """One multiple choice per commitment (framework items) and one for the actions that keep
    their own alignment. Built from the page so only this plan's rows are accepted."""

    def __init__(self, *args: Any, page: AlignmentPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item_choices = [(str(item.pk), item.title_en) for item in page.items]
        action_choices = []
        for row in page.rows:
            self.fields[commitment_field(row.commitment.pk)] = forms.TypedMultipleChoiceField(
                choices=item_choices, coerce=int, required=False
            )
            action_choices += [(str(a.pk), str(a.pk)) for a in row.actions]
        self.fields["own"] = forms.TypedMultipleChoiceField(
            choices=action_choices, coerce=int, required=False
        )
        self.page = page

    def choices(self) -> dict[int, set[int]]:
        return {
            row.commitment.pk: set(self.cleaned_data[commitment_field(row.commitment.pk)])
            for row in self.page.rows
        }


class LeadKind:
    """Who leads an action, judged from the lead organisation's type."""

    DEVOLVED = "devolved"
    NON_DEVOLVED = "non_devolved"
    THIRD_SECTOR = "third_sector"

    CHOICES = [
        (DEVOLVED, _("Devolved (Welsh public bodies)")),
        (NON_DEVOLVED, _("Non-devolved (policing, probation)")),
        (THIRD_SECTOR, _("Third sector")),
    ]
    TYPES = {
        DEVOLVED: [
            OrganisationType.LOCAL_AUTHORITY,
            OrganisationType.HEALTH_BOARD,
            OrganisationType.NHS_TRUST,
            OrganisationType.FIRE_AND_RESCUE,
            OrganisationType.WELSH_GOVERNMENT,
            OrganisationType.EDUCATION,
            OrganisationType.PARTNERSHIP_TEAM,
        ],
        NON_DEVOLVED: [
            OrganisationType.POLICE_FORCE,
            OrganisationType.POLICE_CRIME_COMMISSIONER,
            OrganisationType.PROBATION,
        ],
        THIRD_SECTOR: [OrganisationType.SPECIALIST_PROVIDER],
    }


class AllWalesFilterForm(GovukForm):
    framework = forms.ModelChoiceField(
        label=_("Framework"),
        queryset=Framework.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=None,
    )
    year = forms.TypedChoiceField(label=_("Financial year"), coerce=int, required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Partnership.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All regions"),
    )
    lead = forms.ChoiceField(
        label=_("Lead organisation"),
        choices=[("", _("Any lead")), *LeadKind.CHOICES],
        required=False,
    )
    theme = forms.CharField(
        label=_("Theme of the regional plan contains"), required=False, max_length=100
    )

    def __init__(self, *args: Any, partnerships: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = partnerships  # type: ignore[attr-defined]
        # Names in the reader's language, as on the rest of the page (not the English `str`).
        for name in ("framework", "region"):
            self.fields[name].label_from_instance = _name_in_language  # type: ignore[attr-defined]
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (str(y), f"{y}/{str(y + 1)[-2:]}") for y in years
        ]


def _name_in_language(obj: Any) -> str:
    return read(obj, "name").text


class NationalReportForm(GovukForm):
    year = forms.TypedChoiceField(label=_("Financial year"), coerce=int)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("en", _("English")), ("cy", _("Welsh"))],
        widget=forms.RadioSelect,
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("docx", _("Word (.docx)")), ("pdf", _("PDF"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (str(y), f"{y}/{str(y + 1)[-2:]}") for y in years
        ]
