"""What a partnership measures: measures, disaggregations, indicators and what they are judged
against. All of it is data an administrator edits; nothing here needs a code change."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from vawdasv.lib.bilingual import BilingualModel
from vawdasv.outcomes.enums import Direction, Frequency, Geography, Rag, Severity, Unit
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.plans.models import Versioned


class CategorySet(BilingualModel):
    """A disaggregation (sex, age band, ethnic group…) and its categories."""

    bilingual_fields = ("name",)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="category_sets"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)

    # An edit counter: a change or removal confirmed from an old version is refused (kernel.lock).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"], name="one_category_set_code_per_partnership"
            )
        ]
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")

    def __str__(self) -> str:
        return self.name_en


class Category(models.Model):
    """One category of a set. Its code is stable; its label can change (CategoryLabel)."""

    category_set = models.ForeignKey(
        CategorySet, on_delete=models.CASCADE, related_name="categories"
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category_set", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["category_set", "code"], name="one_category_code_per_set"
            )
        ]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.code

    def label_on(self, day: datetime.date) -> CategoryLabel | None:
        """The label in use on `day`: the latest one that started on or before it."""
        labels = [label for label in self.labels.all() if label.valid_from <= day]
        return max(labels, key=lambda label: label.valid_from, default=None)


class CategoryLabel(BilingualModel):
    """A category's wording from a date, so a renamed category ("B&ME" became "Black, Asian or
    racially minoritised") keeps its history: old periods show the old words."""

    bilingual_fields = ("label",)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="labels")
    valid_from = models.DateField(_("used from"))
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_cy = models.CharField(_("label (Welsh)"), max_length=200, blank=True)

    class Meta:
        ordering = ["category", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "valid_from"], name="one_category_label_per_date"
            )
        ]

    def __str__(self) -> str:
        return self.label_en


class Measure(Versioned, BilingualModel):
    """A number a supplier sends in each period, such as "MARAC cases discussed"."""

    bilingual_fields = ("name", "definition", "caveats")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="measures"
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Short, used in rules and templates, e.g. marac_cases."),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_cy = models.TextField(_("definition (Welsh)"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.COUNT)
    supplier_type = models.CharField(
        _("supplied by"), max_length=30, choices=OrganisationType.choices
    )
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    geography = models.CharField(
        _("geography"), max_length=20, choices=Geography.choices, default=Geography.LOCAL_AUTHORITY
    )
    category_sets = models.ManyToManyField(
        CategorySet, blank=True, related_name="measures", verbose_name=_("disaggregations")
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.NEITHER
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    caveats_en = models.TextField(_("caveats (English)"), blank=True)
    caveats_cy = models.TextField(_("caveats (Welsh)"), blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"], name="one_measure_code_per_partnership"
            )
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} – {self.name_en}"


class MaracArea(BilingualModel):
    """A MARAC's area: a named grouping of a partnership's local authorities.

    There is no official list of MARAC areas with codes (SafeLives publishes figures per MARAC
    by name, and MARACs merge and split), so each partnership's administrator defines its own.
    The code is what open data writes as GeoCode for the area."""

    bilingual_fields = ("name",)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="marac_areas"
    )
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Written as the area code in open data.")
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    local_authorities = models.ManyToManyField(
        "reference.LocalAuthority", related_name="marac_areas", verbose_name=_("local authorities")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)

    # An edit counter: a change or removal confirmed from an old version is refused (kernel.lock).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["partnership", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"], name="one_marac_area_code_per_partnership"
            )
        ]
        verbose_name = _("MARAC area")
        verbose_name_plural = _("MARAC areas")

    def __str__(self) -> str:
        return self.name_en


class Denominator(BilingualModel):
    """A population (or other base) loaded from a StatsWales or ONS file, with its source."""

    bilingual_fields = ("name",)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="denominators"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=500)
    file_name = models.CharField(_("file loaded"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"], name="one_denominator_code_per_partnership"
            )
        ]
        verbose_name = _("denominator")
        verbose_name_plural = _("denominators")

    def __str__(self) -> str:
        return self.name_en


class DenominatorValue(models.Model):
    """One figure of a denominator: an area (GSS code) in a year, optionally by sex and age."""

    denominator = models.ForeignKey(Denominator, on_delete=models.CASCADE, related_name="values")
    geo_code = models.CharField(_("area code"), max_length=9)
    year = models.PositiveIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=20, blank=True)
    age_band = models.CharField(_("age band"), max_length=20, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["denominator", "geo_code", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["denominator", "geo_code", "year", "sex", "age_band"],
                name="one_denominator_value_per_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.geo_code} {self.year}: {self.value}"


class Indicator(Versioned, BilingualModel):
    """numerator ÷ denominator × factor, optionally annualised: "MARAC cases per 10,000 adult
    females". Without a denominator the indicator is the measure itself."""

    bilingual_fields = ("name",)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    numerator = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("numerator")
    )
    denominator = models.ForeignKey(
        Denominator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("denominator"),
    )
    denominator_sex = models.CharField(
        _("denominator: sex"), max_length=20, blank=True, help_text=_("Blank: everyone.")
    )
    denominator_age_band = models.CharField(
        _("denominator: age band"), max_length=20, blank=True, help_text=_("Blank: all ages.")
    )
    factor = models.DecimalField(
        _("multiply by"), max_digits=12, decimal_places=2, default=Decimal(1)
    )
    annualised = models.BooleanField(_("annualised"), default=False)
    themes = models.ManyToManyField("plans.Theme", blank=True, related_name="indicators")
    commitments = models.ManyToManyField("plans.Commitment", blank=True, related_name="indicators")

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"], name="one_indicator_code_per_partnership"
            )
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} – {self.name_en}"

    @property
    def direction(self) -> str:
        return self.numerator.direction


class Benchmark(BilingualModel):
    """A reference value from outside (SafeLives: 40 MARAC cases per 10,000 adult females)."""

    bilingual_fields = ("label",)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_cy = models.CharField(_("label (Welsh)"), max_length=200, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=500)
    # An edit counter: a change saved from an old version is refused (kernel.lock).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["indicator", "label_en"]

    def __str__(self) -> str:
        return f"{self.label_en}: {self.value}"


class Target(models.Model):
    """A partnership's target for an indicator, judged by its ordered RAG rules."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="target")
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


class RagRule(models.Model):
    """ "green if at least 100 % of target", "amber if at least 90 %"; the first rule that holds
    wins, none holding is red. For lower-is-better the comparison turns round: "at most"."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="rules")
    order = models.PositiveIntegerField(_("order"))
    rag = models.CharField(_("rating"), max_length=10, choices=Rag.choices)
    percent_of_target = models.DecimalField(_("% of target"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["target", "order"]

    def __str__(self) -> str:
        return f"{self.rag} ≥ {self.percent_of_target}%"


class ValidationRule(BilingualModel):
    """A rule an administrator writes over measure codes, checked for every area and category:
    "repeat_cases <= marac_cases". Parsed with a whitelist (outcomes/expressions.py), never run
    as code."""

    bilingual_fields = ("message",)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="validation_rules"
    )
    expression = models.CharField(_("rule"), max_length=500)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.BLOCK
    )
    message_en = models.CharField(_("message (English)"), max_length=300)
    message_cy = models.CharField(_("message (Welsh)"), max_length=300, blank=True)

    # An edit counter: a change or removal confirmed from an old version is refused (kernel.lock).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["partnership", "pk"]
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return self.expression
