"""Statuses and kinds of governance records. A leaf module: it imports only Django, so the
permissions module (below governance) may compare them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    BOARD = "board", _("Board")
    STEERING_GROUP = "steering_group", _("Steering group")
    COMMISSIONING_BOARD = "commissioning_board", _("Commissioning board")
    EXECUTIVE = "executive", _("Executive")
    TASK_AND_FINISH = "task_and_finish", _("Task-and-finish group")
    SUB_GROUP = "sub_group", _("Sub-group")
    PANEL = "panel", _("Panel")
    FORUM = "forum", _("Forum")
    SURVIVOR_PANEL = "survivor_panel", _("Survivor panel")


class Frequency(models.TextChoices):
    """How often a group is expected to meet; `MONTHS` gives the interval for "meetings due"."""

    MONTHLY = "monthly", _("Monthly")
    BI_MONTHLY = "bi_monthly", _("Every two months")
    QUARTERLY = "quarterly", _("Quarterly")
    BIANNUALLY = "biannually", _("Twice a year")
    ANNUALLY = "annually", _("Once a year")
    AS_NECESSARY = "as_necessary", _("As necessary")


FREQUENCY_MONTHS: dict[str, int | None] = {
    Frequency.MONTHLY: 1,
    Frequency.BI_MONTHLY: 2,
    Frequency.QUARTERLY: 3,
    Frequency.BIANNUALLY: 6,
    Frequency.ANNUALLY: 12,
    Frequency.AS_NECESSARY: None,
}


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    DEPUTY = "deputy", _("Deputy attended")
    APOLOGIES = "apologies", _("Apologies")
    ABSENT = "absent", _("Absent")


# A seat counts towards quorum when its member or the deputy was there.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)


class MinutesStatus(models.TextChoices):
    NONE = "none", _("No minutes yet")
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class LogStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("No longer needed")


OPEN_LOG_STATUSES = (LogStatus.OPEN, LogStatus.IN_PROGRESS)


class PackState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


PACK_FORMATS = ("docx", "pdf")


class VoiceSource(models.TextChoices):
    SURVIVOR_PANEL = "survivor_panel", _("Survivor panel")
    ENGAGEMENT_EVENT = "engagement_event", _("Engagement event")
    SURVEY = "survey", _("Survey")
