"""Where a change came from, as data: a kind, optionally the object, and untranslated facts.

An audit entry stores the origin, never a sentence about it; `audit.describe` words it when
read, in the reader's language, and reports find a round's changes by the round's key.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class OriginKind(models.TextChoices):
    PROGRESS_ROUND = "progress_round", _("Progress round")
    PLAN_IMPORT = "plan_import", _("Plan import")
    PLAN_REIMPORT = "plan_reimport", _("Plan re-import")
    DATA_RETURN = "data_return", _("Data return")
    DEMO = "demo", _("Demo data")
    ADMIN = "admin", _("Django admin")
    DIRECT_EDIT = "direct_edit", _("Direct edit by a lead officer")
    REVERT = "revert", _("Revert of a direct edit")
    MEETING = "meeting", _("Meeting")
    BULK_ALIGNMENT = "bulk_alignment", _("Alignment to the national frameworks")
    UPDATE_MARKS = "update_marks", _("Highlights and public narratives")
    NATIONAL_REPORT = "national_report", _("National annual progress report")
    REVIEW = "review", _("Safeguarding review")
    THEME_SUGGESTION = "theme_suggestion", _("Suggested theme")
    TRANSLATION_IMPORT = "translation_import", _("Translation import")


@dataclass(frozen=True)
class Origin:
    """`obj` is the record the change came from (a round, a PlanImport) when there is one;
    `detail` holds facts that are the same in every language (a period label, a file name and
    its hash), never translated words."""

    kind: str
    obj: models.Model | None = None
    detail: str = ""


def progress_round(progress_round: models.Model) -> Origin:
    return Origin(
        OriginKind.PROGRESS_ROUND,
        progress_round,
        str(getattr(progress_round, "period_label", "")),
    )


def meeting(meeting: models.Model) -> Origin:
    """A change decided at a meeting; the detail keeps its date (ISO) should the meeting go."""
    starts_at = getattr(meeting, "starts_at", None)
    return Origin(OriginKind.MEETING, meeting, starts_at.date().isoformat() if starts_at else "")


def data_return(data_return: models.Model) -> Origin:
    return Origin(
        OriginKind.DATA_RETURN, data_return, str(getattr(data_return, "period_label", ""))
    )


def file_detail(filename: str, sha256: str) -> str:
    return f"{filename[:150]} (SHA-256 {sha256})"


DEMO = Origin(OriginKind.DEMO)
ADMIN = Origin(OriginKind.ADMIN)
DIRECT_EDIT = Origin(OriginKind.DIRECT_EDIT)


def revert_of(entry: models.Model) -> Origin:
    """A change that puts back a direct edit: the edit's audit entry, its id as the detail."""
    return Origin(OriginKind.REVERT, entry, str(entry.pk))
