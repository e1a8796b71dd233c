"""A partnership's strategy and its implementation plan.

Strategy → themes (chapters such as PREPARE) → commitments ("We will …") → actions (milestones
with evidence of achievement, timescale and lead organisations).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vawdasv.lib.bilingual import BilingualModel
from vawdasv.plans.enums import StrategyStatus, TimescaleKind


class Versioned(models.Model):
    """An edit counter for optimistic locking: a save based on an old version is refused."""

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class StrategyQuerySet(models.QuerySet["Strategy"]):
    def published(self) -> StrategyQuerySet:
        return self.filter(status=StrategyStatus.PUBLISHED)


class Strategy(BilingualModel, Versioned):
    bilingual_fields = ("title", "vision")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="strategies",
        verbose_name=_("partnership"),
    )
    slug = models.SlugField(_("short name for web addresses"), unique=True, max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_cy = models.CharField(_("title (Welsh)"), max_length=300, blank=True)
    start_year = models.PositiveIntegerField(_("first year"))
    end_year = models.PositiveIntegerField(_("last year"))
    vision_en = models.TextField(_("vision (English)"), blank=True)
    vision_cy = models.TextField(_("vision (Welsh)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StrategyStatus.choices, default=StrategyStatus.DRAFT
    )

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name_en", "-start_year"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title_en or self.title_cy

    def get_absolute_url(self) -> str:
        return reverse("plans:strategy", kwargs={"slug": self.slug})

    @property
    def period_label(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def is_published(self) -> bool:
        return self.status == StrategyStatus.PUBLISHED


class Theme(BilingualModel, Versioned):
    """A chapter of the plan: an aim such as PREPARE, or "Objective 3"."""

    bilingual_fields = ("name", "aim")
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="themes", verbose_name=_("strategy")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    aim_en = models.TextField(_("aim (English)"), blank=True)
    aim_cy = models.TextField(_("aim (Welsh)"), blank=True)

    class Meta:
        ordering = ["strategy", "order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name_en or self.name_cy


class Commitment(BilingualModel, Versioned):
    """A "We will …" statement under a theme."""

    bilingual_fields = ("text",)
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("theme")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    ref = models.CharField(_("reference"), max_length=30, blank=True)
    text_en = models.TextField(_("commitment (English)"), blank=True)
    text_cy = models.TextField(_("commitment (Welsh)"), blank=True)

    class Meta:
        ordering = ["theme", "order", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.text_en or self.text_cy


class ActionQuerySet(models.QuerySet["Action"]):
    def for_strategy(self, strategy: Strategy) -> ActionQuerySet:
        return self.filter(commitment__theme__strategy=strategy)

    def led_by(self, organisation_id: int) -> ActionQuerySet:
        return self.filter(lead_organisations=organisation_id)

    def due_between(self, start: datetime.date, end: datetime.date) -> ActionQuerySet:
        return self.filter(due_date__gte=start, due_date__lte=end)

    def overdue(self, today: datetime.date) -> ActionQuerySet:
        return self.filter(due_date__lt=today)


class Action(BilingualModel, Versioned):
    """A milestone that delivers a commitment."""

    bilingual_fields = ("text", "evidence")
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="actions", verbose_name=_("commitment")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    ref = models.CharField(_("reference"), max_length=30, blank=True)
    text_en = models.TextField(_("action (English)"), blank=True)
    text_cy = models.TextField(_("action (Welsh)"), blank=True)
    evidence_en = models.TextField(_("evidence of achievement (English)"), blank=True)
    evidence_cy = models.TextField(_("evidence of achievement (Welsh)"), blank=True)
    timescale_text = models.CharField(
        _("timescale"),
        max_length=100,
        blank=True,
        help_text=_('As written in the plan, for example "Mar 2026", "Ongoing" or "2019/20".'),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    timescale_kind = models.CharField(
        _("kind of timescale"),
        max_length=20,
        choices=TimescaleKind.choices,
        default=TimescaleKind.UNKNOWN,
    )
    timescale_needs_check = models.BooleanField(
        _("timescale needs checking"),
        default=False,
        help_text=_("The timescale text could not be understood; it is kept as written."),
    )
    lead_organisations = models.ManyToManyField(
        "partnerships.Organisation",
        related_name="led_actions",
        blank=True,
        verbose_name=_("lead organisations"),
    )
    partner_organisations = models.ManyToManyField(
        "partnerships.Organisation",
        related_name="partnered_actions",
        blank=True,
        verbose_name=_("partner organisations"),
    )
    alignments = models.ManyToManyField(
        "reference.FrameworkItem",
        related_name="actions",
        blank=True,
        verbose_name=_("alignment"),
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "order", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.text_en or self.text_cy

    def get_absolute_url(self) -> str:
        return reverse("plans:action", kwargs={"pk": self.pk})
