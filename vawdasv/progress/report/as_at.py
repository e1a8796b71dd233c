"""The plan as it stood when the round closed, rebuilt from the audit history.

A report remade for a past period must say what the board saw, not today's plan: an action
reworded or given a new date after the round closed is shown with its wording and date at the
close, and an action added after the close is left out. Every change to an action is audited
with its before and after values (audit/kernel.py), so the earliest change after the close holds,
in its "before", the value the field had at the close. Nothing is saved: the actions are changed
in memory only, for the report being made.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType

from vawdasv.audit import services as audit_services
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.plans.models import Action
from vawdasv.progress.enums import RoundStatus
from vawdasv.progress.models import ProgressRound

# The fields of an action a report shows; others (order, evidence) do not change what it says.
REWOUND_FIELDS = ("text_en", "text_cy", "timescale_text", "timescale_kind", "due_date")


def closed_at(progress_round: ProgressRound | None) -> datetime.datetime | None:
    """When the round was last closed, or None while it is open (the plan is then today's)."""
    if progress_round is None or progress_round.status != RoundStatus.CLOSED:
        return None
    closing = (
        audit_services.history_for(progress_round)
        .filter(changes__status__after=RoundStatus.CLOSED)
        .order_by("-created_at", "-pk")
        .first()
    )
    return closing.created_at if closing is not None else None


def _value(field_name: str, value: object) -> object:
    if field_name == "due_date":
        if isinstance(value, str) and value:
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return None
    return "" if value is None else value


def rewind(actions: Sequence[Action], moment: datetime.datetime | None) -> list[Action]:
    """The actions as they stood at `moment` (one query), without those added after it."""
    if moment is None or not actions:
        return list(actions)
    later = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Action),
        object_id__in=[action.pk for action in actions],
        created_at__gt=moment,
    ).order_by("created_at", "pk")
    added_after: set[int] = set()
    restored: dict[int, dict[str, object]] = {}
    for entry in later.only("object_id", "verb", "changes"):
        if entry.verb == Verb.CREATED:
            added_after.add(entry.object_id)
            continue
        fields = restored.setdefault(entry.object_id, {})
        for name in REWOUND_FIELDS:
            change = entry.changes.get(name)
            if isinstance(change, dict) and name not in fields:
                fields[name] = _value(name, change.get("before"))
    kept = []
    for action in actions:
        if action.pk in added_after:
            continue
        for name, value in restored.get(action.pk, {}).items():
            setattr(action, name, value)
        kept.append(action)
    return kept
