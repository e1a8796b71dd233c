"""The named states of a progress round, an update and an action's reported status."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    """A reporting period is a quarter or a whole Welsh financial year (April to March)."""

    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Financial year")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RagStatus(models.TextChoices):
    """The RAG rating a lead officer gives an action. The label says what the colour means."""

    RED = "red", _("Red — poor or no progress, or no longer relevant")
    AMBER = "amber", _("Amber — some progress, or the activity needs a change")
    GREEN = "green", _("Green — good progress or completed")

    @property
    def short_label(self) -> str:
        """The colour as a word, shown inside the coloured tag so colour is never the only cue."""
        return str({"red": _("Red"), "amber": _("Amber"), "green": _("Green")}[self.value])


class UpdateState(models.TextChoices):
    """draft → submitted → approved, or returned (with a comment) for the lead officer to redo."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class ReminderKind(models.TextChoices):
    BEFORE_DEADLINE = "before_deadline", _("Deadline approaching")
    OVERDUE = "overdue", _("Deadline passed")


class ActionStatus(models.TextChoices):
    """Computed from the plan and the approved updates, never stored (see progress.status)."""

    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due soon")
    NO_UPDATE = "no_update", _("No update")
    COMPLETED = "completed", _("Completed")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("No longer relevant")


class EvidenceKind(models.TextChoices):
    LINK = "link", _("Link")
    FILE = "file", _("File")


class ReportJobState(models.TextChoices):
    """queued → running → done, or failed with the reason kept for the person who asked."""

    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
