"""The plan as it stood when the round closed, rebuilt from the audit history.

A report remade for a past period must say what the board saw, not today's plan: an action,
a section (commitment) or a theme reworded, reordered or given a new date after the round closed
is shown with its wording, order and date at the close, and one added after the close is left
out. Every change to the plan is audited
with its before and after values (audit/kernel.py), so the earliest change after the close holds,
in its "before", the value the field had at the close. Nothing is saved: the actions are changed
in memory only, for the report being made.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import F, Model, Q

from vawdasv.audit import services as audit_services
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.plans.models import Action, Commitment, Theme
from vawdasv.progress.enums import RoundStatus
from vawdasv.progress.models import ProgressRound

# The fields a report shows, per model; others (evidence) do not change what it says. An order is
# rewound too, so themes, sections and actions come in the order the board saw them.
REWOUND_FIELDS = ("text_en", "text_cy", "timescale_text", "timescale_kind", "due_date", "order")
COMMITMENT_FIELDS = ("ref", "text_en", "text_cy", "order")
THEME_FIELDS = ("name_en", "name_cy", "aim_en", "aim_cy", "order")


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
    if field_name == "order":
        return value if isinstance(value, int) else 0
    return "" if value is None else value


@dataclass
class _History:
    """What changed after the close, per model: rows added since, and each row's values then."""

    added: dict[type[Model], set[int]] = field(default_factory=lambda: defaultdict(set))
    before: dict[tuple[type[Model], int], dict[str, object]] = field(default_factory=dict)

    def restore(self, obj: Model, fields: Sequence[str]) -> None:
        for name, value in self.before.get((type(obj), obj.pk), {}).items():
            if name in fields:
                setattr(obj, name, value)

    def is_new(self, obj: Model) -> bool:
        return obj.pk in self.added[type(obj)]


def _history_after(
    moment: datetime.datetime, wanted: dict[type[Model], tuple[set[int], Sequence[str]]]
) -> _History:
    """One query over the audit history of every row in `wanted` after `moment`.

    Rows are matched by their content type's name through a join rather than by content type
    ids, so the query count does not depend on which content types are cached.
    """
    by_name = {model._meta.model_name: model for model in wanted}
    rows = Q()
    for model, (ids, _fields) in wanted.items():
        rows |= Q(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            object_id__in=ids,
        )
    history = _History()
    later = (
        AuditEntry.objects.filter(rows, created_at__gt=moment)
        .annotate(model_name=F("content_type__model"))
        .order_by("created_at", "pk")
        .only("object_id", "verb", "changes")
    )
    for entry in later:
        model = by_name[entry.model_name]
        if entry.verb == Verb.CREATED:
            history.added[model].add(entry.object_id)
            continue
        values = history.before.setdefault((model, entry.object_id), {})
        for name in wanted[model][1]:
            change = entry.changes.get(name)
            # The earliest change after the close holds, in its "before", the value at the close.
            if isinstance(change, dict) and name not in values:
                values[name] = _value(name, change.get("before"))
    return history


@dataclass(frozen=True)
class PlanAtClose:
    actions: list[Action]
    themes: list[Theme]


def rewind(
    actions: Sequence[Action], themes: Sequence[Theme], moment: datetime.datetime | None
) -> PlanAtClose:
    """The actions (with their commitments and themes) and the themes as they stood at
    `moment`, in the order they then had, without any added after it (one query)."""
    if moment is None:
        return PlanAtClose(list(actions), list(themes))
    commitments = {action.commitment_id for action in actions}
    theme_ids = {theme.pk for theme in themes} | {a.commitment.theme_id for a in actions}
    history = _history_after(
        moment,
        {
            Action: ({action.pk for action in actions}, REWOUND_FIELDS),
            Commitment: (commitments, COMMITMENT_FIELDS),
            Theme: (theme_ids, THEME_FIELDS),
        },
    )
    kept_themes = [theme for theme in themes if not history.is_new(theme)]
    for theme in kept_themes:
        history.restore(theme, THEME_FIELDS)
    kept = []
    for action in actions:
        commitment = action.commitment
        if history.is_new(action) or history.is_new(commitment) or history.is_new(commitment.theme):
            continue
        history.restore(action, REWOUND_FIELDS)
        history.restore(commitment, COMMITMENT_FIELDS)
        history.restore(commitment.theme, THEME_FIELDS)
        kept.append(action)
    kept.sort(key=lambda a: (a.commitment.theme.order, a.commitment.order, a.order, a.pk))
    kept_themes.sort(key=lambda theme: (theme.order, theme.pk))
    return PlanAtClose(kept, kept_themes)
