"""Reference tables loaded from vawdasv/reference/data (sources recorded in each file)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vawdasv.lib.bilingual import BilingualModel


class Region(BilingualModel):
    """One of the six VAWDASV regions (they follow the health-board footprints)."""

    bilingual_fields = ("name",)
    slug = models.SlugField(unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name_en


class LocalAuthority(BilingualModel):
    bilingual_fields = ("name",)
    gss_code = models.CharField(_("GSS code"), max_length=9, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    population_2021 = models.PositiveIntegerField(
        _("population (Census 2021)"),
        help_text=_("Usual resident population, Census 2021 (ONS TS009 via StatsWales)."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="local_authorities", verbose_name=_("region")
    )
    police_force = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="police_areas",
        verbose_name=_("police force"),
    )
    health_board = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="health_board_areas",
        verbose_name=_("health board"),
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("local authority")
        verbose_name_plural = _("local authorities")

    def __str__(self) -> str:
        return self.name_en


class StatisticalArea(models.Model):
    """The GSS code of a police force area (W15) or a local health board (W11): the area a
    force's or board's own figures are for, written as GeoCode in open data."""

    organisation = models.OneToOneField(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="statistical_area",
        verbose_name=_("organisation"),
    )
    gss_code = models.CharField(_("GSS code"), max_length=9, unique=True)
    source = models.CharField(_("source"), max_length=500)

    class Meta:
        ordering = ["gss_code"]
        verbose_name = _("statistical area")
        verbose_name_plural = _("statistical areas")

    def __str__(self) -> str:
        return self.gss_code


class Framework(BilingualModel):
    """A framework regional plans are aligned to, such as the Act's purposes.

    Frameworks are data: an administrator adds another (for example the Blueprint workstreams)
    in the admin site, with no code change.
    """

    bilingual_fields = ("name",)
    slug = models.SlugField(unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("alignment framework")
        verbose_name_plural = _("alignment frameworks")

    def __str__(self) -> str:
        return self.name_en


class FrameworkItem(BilingualModel):
    bilingual_fields = ("title",)
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="items", verbose_name=_("framework")
    )
    code = models.CharField(_("code"), max_length=50)
    title_en = models.TextField(_("title (English)"))
    title_cy = models.TextField(_("title (Welsh)"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["framework__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_framework_item_code")
        ]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")

    def __str__(self) -> str:
        return f"{self.framework.name_en}: {self.code}"
