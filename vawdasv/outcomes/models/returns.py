"""Data returns: one supplier's figures for one period, and each figure with its state."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vawdasv.outcomes.enums import ReturnEventKind, ReturnState, ValueState
from vawdasv.plans.models import Versioned


class DataReturn(Versioned):
    """South Wales Police's 2025/26 Q2 return for the Cardiff and Vale local authorities."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="data_returns"
    )
    supplier = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="data_returns",
        verbose_name=_("supplier"),
    )
    period_label = models.CharField(_("period"), max_length=20)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    deadline = models.DateField(_("deadline"))
    measures = models.ManyToManyField(
        "outcomes.Measure", related_name="data_returns", verbose_name=_("measures")
    )
    areas = models.ManyToManyField(
        "reference.LocalAuthority", related_name="data_returns", verbose_name=_("areas")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReturnState.choices, default=ReturnState.NOT_STARTED
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    review_comment = models.TextField(_("comment from the regional team"), blank=True)

    class Meta:
        ordering = ["partnership", "-period_end", "supplier__name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "supplier", "period_label"],
                name="one_return_per_supplier_period",
            )
        ]
        verbose_name = _("data return")
        verbose_name_plural = _("data returns")

    def __str__(self) -> str:
        return f"{self.supplier} – {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("outcomes:return", kwargs={"pk": self.pk})

    @property
    def is_overdue(self) -> bool:
        """Past its deadline and not yet sent in (submitted or approved)."""
        sent = self.state in (ReturnState.SUBMITTED, ReturnState.APPROVED)
        return not sent and self.deadline < datetime.date.today()

    @property
    def is_editable(self) -> bool:
        return self.state in (ReturnState.NOT_STARTED, ReturnState.DRAFT, ReturnState.RETURNED)


class ReturnValue(models.Model):
    """One cell: a measure for an area and (optionally) one category of a disaggregation.
    A cell with no row is blank: never zero."""

    data_return = models.ForeignKey(DataReturn, on_delete=models.CASCADE, related_name="values")
    measure = models.ForeignKey("outcomes.Measure", on_delete=models.PROTECT, related_name="values")
    # A local authority's value has its `area`; a value for a wider area (a police force area,
    # health board, MARAC area, the partnership's region or Wales) has none and is named by
    # `geo_code` alone (outcomes/geography.py). Never both.
    area = models.ForeignKey(
        "reference.LocalAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcome_values",
    )
    geo_code = models.CharField(_("area code"), max_length=60, blank=True, default="")
    category = models.ForeignKey(
        "outcomes.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
    )
    state = models.CharField(_("state"), max_length=20, choices=ValueState.choices)
    number = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["data_return", "measure", "area", "geo_code", "category"],
                name="one_value_per_cell",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=models.Q(area__isnull=False, geo_code="")
                | models.Q(area__isnull=True) & ~models.Q(geo_code=""),
                name="a_value_has_an_authority_or_a_wider_area",
            ),
            models.CheckConstraint(
                condition=models.Q(state="number", number__isnull=False)
                | (~models.Q(state="number") & models.Q(number__isnull=True)),
                name="a_number_only_in_the_number_state",
            ),
        ]
        # The dashboard sums one category (or the totals) of some measures over some returns.
        # The unique constraint above gives no index on SQLite (no NULLS NOT DISTINCT there).
        indexes = [
            models.Index(
                fields=["data_return", "measure", "category"], name="value_return_measure_cat"
            )
        ]

    def __str__(self) -> str:
        place = self.area_id or self.geo_code
        return f"{self.measure_id}/{place}/{self.category_id}: {self.state} {self.number}"


class ReturnEvent(models.Model):
    """The return's history: who submitted, approved, returned or reopened it, and why."""

    data_return = models.ForeignKey(DataReturn, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=ReturnEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["data_return", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"


class ReturnReminder(models.Model):
    """A reminder sent about a return, recorded before it is sent so none is sent twice."""

    data_return = models.ForeignKey(DataReturn, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)  # progress's ReminderKind values: before / overdue
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["data_return", "user", "kind"], name="one_return_reminder_of_a_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.data_return_id} → {self.user_id}"
