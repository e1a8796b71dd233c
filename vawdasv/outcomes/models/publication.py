"""What has been published: per indicator and period, each figure after disclosure control.

Published figures are stored, not recomputed, so the public pages, the API and the open-data
export show exactly what the person with the right published, even if a return is reopened
later. "Suppressed" is a state here (with the reason: primary or secondary), never a number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vawdasv.outcomes.disclosure import DEFAULT_THRESHOLD


class FigureStatus(models.TextChoices):
    """The words of the Open SDG Status column (outcomes/opensdg.py), as stored states."""

    VALUE = "value", _("Value")
    SUPPRESSED = "suppressed", _("Suppressed")
    MISSING = "missing", _("Missing")
    NOT_APPLICABLE = "not applicable", _("Not applicable")
    DENOMINATOR_MISSING = "denominator missing", _("Denominator missing")


class Suppression(models.TextChoices):
    NONE = "", _("Not suppressed")
    PRIMARY = "primary", _("Primary: a count below the threshold")
    SECONDARY = "secondary", _("Secondary: would reveal a suppressed count")


class DisclosureSetting(models.Model):
    """A partnership's threshold: counts from 1 to threshold − 1 are suppressed."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="disclosure_setting"
    )
    threshold = models.PositiveSmallIntegerField(_("threshold"), default=DEFAULT_THRESHOLD)

    def __str__(self) -> str:
        return f"{self.partnership_id}: < {self.threshold}"


class Publication(models.Model):
    indicator = models.ForeignKey(
        "outcomes.Indicator", on_delete=models.CASCADE, related_name="publications"
    )
    period_label = models.CharField(_("period"), max_length=20)
    period_start = models.DateField()
    threshold = models.PositiveSmallIntegerField(_("threshold"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_label"], name="one_publication_per_indicator_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_label}"


class PublishedFigure(models.Model):
    """One published cell: an area (GSS code, or the partnership's slug for the whole) and a
    category (none = all), with its status and, only when the status is value, its value."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="figures")
    geo_code = models.CharField(max_length=120)
    category = models.ForeignKey(
        "outcomes.Category", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=FigureStatus.choices)
    suppression = models.CharField(
        max_length=10, choices=Suppression.choices, blank=True, default=Suppression.NONE
    )
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True)

    class Meta:
        ordering = ["publication", "geo_code", "category"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="value", value__isnull=False)
                | (~models.Q(status="value") & models.Q(value__isnull=True)),
                name="a_published_value_only_when_its_status_is_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.geo_code}/{self.category_id}: {self.status}"
