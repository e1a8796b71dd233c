"""Forms of the framework pages; they validate input, the services write."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm
from vawdasv.lib.bilingual import read
from vawdasv.outcomes.enums import (
    Direction,
    DownloadFormat,
    Frequency,
    Geography,
    Rag,
    Severity,
    Unit,
)
from vawdasv.outcomes.models import Category, CategorySet, Denominator, Measure
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Commitment, Theme
from vawdasv.reference.models import LocalAuthority

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


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


class _Localised:
    """Choices labelled with each object's text in the reader's language."""

    def __init__(self, *args: Any, text_field: str = "name", **kwargs: Any) -> None:
        self.text_field = text_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return str(read(obj, self.text_field))


class LocalisedChoiceField(_Localised, forms.ModelChoiceField[Any]):
    pass


class LocalisedMultipleChoiceField(_Localised, forms.ModelMultipleChoiceField[Any]):
    pass


class _MaracAreaNames(GovukForm):
    """A MARAC area's names and the partnership's local authorities it covers."""

    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200, required=False)
    local_authorities = LocalisedMultipleChoiceField(
        label=_("Local authorities it covers"), queryset=LocalAuthority.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["local_authorities"]
        field.queryset = partnership.local_authorities.order_by("name_en")  # type: ignore[attr-defined]


class MaracAreaForm(_MaracAreaNames):
    """A MARAC area: a name for a grouping of the partnership's local authorities."""

    field_order = ["code", "name_en", "name_cy", "local_authorities", "source"]
    code = forms.SlugField(
        label=_("Code"), max_length=40,
        help_text=_("Written as the area code in open data, for example cardiff-vale-marac."),
    )  # fmt: skip
    source = forms.CharField(
        label=_("Source"), max_length=500, required=False,
        help_text=_("Where the grouping comes from, for example the MARAC's terms of reference."),
    )  # fmt: skip


class MaracAreaChangeForm(_MaracAreaNames):
    """New names or local authorities for a MARAC area; its code stays (values are named by it)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ConfirmRemovalForm(GovukForm):
    """Only the version the person saw, so a removal confirmed from an old page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class IndicatorForm(GovukForm):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200, required=False)
    numerator = LocalisedChoiceField(label=_("Numerator"), queryset=Measure.objects.none())
    denominator = LocalisedChoiceField(
        label=_("Denominator"), queryset=Denominator.objects.none(), required=False,
        help_text=_("Leave empty to show the measure itself."),
    )  # fmt: skip
    denominator_sex = forms.CharField(
        label=_("Denominator: sex"), max_length=20, required=False,
        help_text=_("As written in the denominator's file, e.g. female. Empty: everyone."),
    )  # fmt: skip
    denominator_age_band = forms.CharField(
        label=_("Denominator: age band"), max_length=20, required=False,
        help_text=_("As written in the denominator's file, e.g. 16+. Empty: all ages."),
    )  # fmt: skip
    factor = forms.DecimalField(
        label=_("Multiply by"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"),
        initial=Decimal(1), help_text=_("For example 10000 for a rate per 10,000."),
    )  # fmt: skip
    annualised = forms.BooleanField(
        label=_("Annualised (a quarter's figure times four)"), required=False
    )
    themes = LocalisedMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    commitments = LocalisedMultipleChoiceField(
        label=_("Commitments"), queryset=Commitment.objects.none(), required=False,
        text_field="text",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        querysets: dict[str, Any] = {
            "numerator": Measure.objects.filter(partnership=partnership),
            "denominator": Denominator.objects.filter(partnership=partnership),
            "themes": Theme.objects.filter(strategy__partnership=partnership),
            "commitments": Commitment.objects.filter(theme__strategy__partnership=partnership),
        }
        for name, queryset in querysets.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset


class BenchmarkForm(GovukForm):
    label_en = forms.CharField(label=_("Label (English)"), max_length=200)
    label_cy = forms.CharField(label=_("Label (Welsh)"), max_length=200, required=False)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    source = forms.CharField(
        label=_("Source"), max_length=500,
        help_text=_("For example: SafeLives, Insights national dataset 2023."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


RULE_ROWS = 3


class TargetForm(GovukForm):
    """The target and up to three ordered rules: the first that holds gives the rating."""

    value = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in range(1, RULE_ROWS + 1):
            self.fields[f"rag_{row}"] = forms.ChoiceField(
                label=_("Rule %(number)s: rating") % {"number": row},
                choices=[("", _("No rule")), (Rag.GREEN, Rag.GREEN.label),
                         (Rag.AMBER, Rag.AMBER.label)],
                required=False,
            )  # fmt: skip
            self.fields[f"percent_{row}"] = forms.DecimalField(
                label=_("Rule %(number)s: at least this %% of the target") % {"number": row},
                help_text=_("Lower is better: at most this share of the target."),
                max_digits=6, decimal_places=2, min_value=Decimal(0), required=False,
            )  # fmt: skip
        self.style_widgets()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        rules: list[tuple[str, Decimal]] = []
        for row in range(1, RULE_ROWS + 1):
            rag, percent = cleaned.get(f"rag_{row}"), cleaned.get(f"percent_{row}")
            if rag and percent is None:
                self.add_error(f"percent_{row}", _("Enter the percentage for this rule."))
            elif percent is not None and not rag:
                self.add_error(f"rag_{row}", _("Choose the rating for this rule."))
            elif rag and percent is not None:
                rules.append((rag, percent))
        if not rules and not self.errors:
            self.add_error("rag_1", _("Give at least one rule."))
        cleaned["rules"] = rules
        return cleaned


class DenominatorForm(GovukForm):
    code = forms.SlugField(
        label=_("Code"), max_length=40,
        help_text=_("Loading a file under a code already used replaces its figures."),
    )  # fmt: skip
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200, required=False)
    source = forms.CharField(
        label=_("Source"), max_length=500,
        help_text=_("For example: StatsWales, mid-year population estimates 2023."),
    )  # fmt: skip
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns geo_code, year and value, and optionally sex and age_band; "
                    "one row per area and year. Nothing is saved if a row is wrong."),
    )  # fmt: skip


class CategorySetForm(GovukForm):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200, required=False)
    valid_from = forms.DateField(
        label=_("Labels used from"), help_text=_("For example 1/4/2024."),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
    )  # fmt: skip
    categories = forms.CharField(
        label=_("Categories"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One a line: code | English label | Welsh label, for example "
                    "female | Female | Benyw"),
    )  # fmt: skip

    def clean_categories(self) -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        for number, line in enumerate(self.cleaned_data["categories"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            code = parts[0]
            if len(parts) > 3 or not code or not SLUG.fullmatch(code) or len(parts) < 2:
                raise forms.ValidationError(
                    _("Line %(line)s: write a code of letters, digits, - or _, then | and the "
                      "English label.") % {"line": number}
                )  # fmt: skip
            rows.append((code[:40], parts[1][:200], (parts[2] if len(parts) == 3 else "")[:200]))
        if not rows:
            raise forms.ValidationError(_("Give at least one category."))
        return rows


class CategoryChoiceField(forms.ModelChoiceField[Category]):
    """A category shown by its code and the label in use today."""

    def label_from_instance(self, obj: Any) -> str:
        label = obj.label_on(datetime.date.today())
        return f"{obj.code} – {read(label, 'label')}" if label else str(obj.code)


class RenameCategoryForm(GovukForm):
    category = CategoryChoiceField(label=_("Category"), queryset=Category.objects.none())
    valid_from = forms.DateField(
        label=_("New label used from"),
        help_text=_("Periods before this date keep the old label. For example 1/4/2024."),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
    )  # fmt: skip
    label_en = forms.CharField(label=_("New label (English)"), max_length=200)
    label_cy = forms.CharField(label=_("New label (Welsh)"), max_length=200, required=False)

    def __init__(self, *args: Any, category_set: CategorySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = category_set.categories.prefetch_related("labels")


class DownloadForm(GovukForm):
    """The dashboard's downloads; the area and theme shown are carried along."""

    format = forms.ChoiceField(
        label=_("Download"), choices=DownloadFormat.choices, initial=DownloadFormat.XLSX,
        widget=forms.RadioSelect,
    )  # fmt: skip
    language = forms.ChoiceField(
        label=_("Language"), choices=[("en", _("English")), ("cy", _("Welsh"))],
        widget=forms.RadioSelect,
    )  # fmt: skip
    area = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    theme = forms.CharField(widget=forms.HiddenInput, required=False, max_length=12)
