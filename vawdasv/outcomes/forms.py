"""Forms of the framework pages; they validate input, the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm
from vawdasv.outcomes.enums import Direction, Frequency, Geography, Severity, Unit
from vawdasv.outcomes.models import CategorySet
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.partnerships.models import Partnership


class MeasureForm(GovukForm):
    code = forms.SlugField(
        label=_("Code"), max_length=40,
        help_text=_("Short, used in rules and templates, e.g. marac_cases."),
    )  # fmt: skip
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200, required=False)
    definition_en = forms.CharField(
        label=_("Definition (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    definition_cy = forms.CharField(
        label=_("Definition (Welsh)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    supplier_type = forms.ChoiceField(label=_("Supplied by"), choices=OrganisationType.choices)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    geography = forms.ChoiceField(label=_("Geography"), choices=Geography.choices)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices,
        help_text=_("Neither: more MARAC referrals can mean better identification."),
    )  # fmt: skip
    source = forms.CharField(label=_("Source"), max_length=500, required=False)
    caveats_en = forms.CharField(
        label=_("Caveats (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    caveats_cy = forms.CharField(
        label=_("Caveats (Welsh)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    category_sets = forms.ModelMultipleChoiceField(
        label=_("Disaggregations"), queryset=CategorySet.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category_sets"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = CategorySet.objects.filter(partnership=partnership)


class RuleForm(GovukForm):
    expression = forms.CharField(
        label=_("Rule"), max_length=500,
        help_text=_("Over measure codes, for example: repeat_cases <= marac_cases"),
    )  # fmt: skip
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    message_en = forms.CharField(label=_("Message (English)"), max_length=300)
    message_cy = forms.CharField(label=_("Message (Welsh)"), max_length=300, required=False)
