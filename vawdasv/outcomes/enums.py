"""The named kinds and states of the outcomes framework. A leaf module: it imports only Django,
so any layer (permissions.py included) may compare them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENTAGE = "percentage", _("Percentage")
    RATE = "rate", _("Rate")
    MONEY = "money", _("Money (£)")
    YES_NO = "yes_no", _("Yes or no")


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    ANNUAL = "annual", _("Annual")
    ROLLING_12 = "rolling_12", _("Rolling 12 months")


class Geography(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    POLICE_FORCE = "police_force", _("Police force area")
    HEALTH_BOARD = "health_board", _("Health board")
    MARAC_AREA = "marac_area", _("MARAC area")
    REGION = "region", _("Region")
    WALES = "wales", _("Wales")


class Direction(models.TextChoices):
    """Whether a rise is good news. Neither: more MARAC referrals can mean better identification."""

    HIGHER_IS_BETTER = "higher", _("Higher is better")
    LOWER_IS_BETTER = "lower", _("Lower is better")
    NEITHER = "neither", _("Neither")


class Rag(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


class ValueState(models.TextChoices):
    """What a supplier says about one cell. A blank is never read as any of these, and never
    as zero. "Suppressed" is not here: it is a state of a published figure, not of a return."""

    NUMBER = "number", _("Number")
    ZERO = "zero", _("Zero")
    NOT_AVAILABLE = "not_available", _("Not available")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ReturnState(models.TextChoices):
    """not started → draft → submitted → approved (locked), or returned for changes; an approved
    return is reopened (with a reason) back to draft."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("In progress")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class ReturnEventKind(models.TextChoices):
    SAVED = "saved", _("Values saved")
    UPLOADED = "uploaded", _("File uploaded")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")
    REOPENED = "reopened", _("Reopened")


class Severity(models.TextChoices):
    """A blocking rule stops a save or submit; a warning is shown and may be accepted."""

    BLOCK = "block", _("Blocks")
    WARN = "warn", _("Warns")


class PeriodLength(models.IntegerChoices):
    """Months in a reporting period."""

    QUARTER = 3, _("Quarter")
    YEAR = 12, _("Year")


class DownloadFormat(models.TextChoices):
    """The dashboard's downloads, each made by a worker (outcomes/downloads.py)."""

    XLSX = "xlsx", _("Spreadsheet (.xlsx)")
    DOCX = "docx", _("One-page summary (Word)")
    PDF = "pdf", _("One-page summary (PDF)")
