from django.db import models
from django.utils.translation import gettext_lazy as _


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class TimescaleKind(models.TextChoices):
    """How an action's timescale text was understood."""

    DATE = "date", _("By a date")
    RECURRING = "recurring", _("Recurring")
    ONGOING = "ongoing", _("Ongoing")
    UNKNOWN = "unknown", _("To be confirmed")
