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
    DEMO = "demo", _("Demo data")
    ADMIN = "admin", _("Django admin")
    REVIEW = "review", _("Safeguarding review")
    THEME_SUGGESTION = "theme_suggestion", _("Suggested theme")


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


def file_detail(filename: str, sha256: str) -> str:
    return f"{filename[:150]} (SHA-256 {sha256})"


DEMO = Origin(OriginKind.DEMO)
ADMIN = Origin(OriginKind.ADMIN)
