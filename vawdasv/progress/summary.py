"""The latest approved progress of actions, for the plan pages: the provider plans defines
(plans.progress_summary) and progress.apps registers (this module itself)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vawdasv.partnerships import permissions
from vawdasv.plans import progress_summary
from vawdasv.plans.models import Action, Strategy
from vawdasv.plans.progress_summary import ActionProgress
from vawdasv.progress import selectors
from vawdasv.progress.enums import ActionStatus
from vawdasv.progress.models import ProgressUpdate
from vawdasv.progress.rag import rag_vocabulary


def visible(user: Any, strategy: Strategy) -> bool:
    """Members see it; the public too on a published plan whose partnership publishes it."""
    return permissions.can_see_approved_progress(user, strategy)


def summaries(
    user: Any, strategy: Strategy, actions: Sequence[Action]
) -> dict[int, ActionProgress]:
    """Each action's latest approved RAG, statuses and period, for those who may see them; a
    fixed number of queries however many actions there are."""
    if not actions or not visible(user, strategy):
        return {}
    latest = selectors.latest_approved([a.pk for a in actions])
    statuses = selectors.statuses_for(strategy, list(actions), selectors.today(), latest)
    words = rag_vocabulary(strategy.partnership)
    result = {}
    for action in actions:
        update = latest.get(action.pk)
        if update is None:
            continue
        result[action.pk] = ActionProgress(
            period=update.progress_round.period_label,
            rag=update.rag,
            rag_label=words.label(update.rag) if update.rag else "",
            statuses=[(s.value, str(s.label)) for s in statuses.get(action.pk, [])],
        )
    return result


def rag_choices(strategy: Strategy) -> list[tuple[str, str]]:
    return rag_vocabulary(strategy.partnership).choices()


def _matches(
    update: ProgressUpdate | None, found: list[ActionStatus], rag: str, status: str
) -> bool:
    if rag and (update is None or update.rag != rag):
        return False
    if status == progress_summary.OVERDUE:
        return ActionStatus.OVERDUE in found
    if status == progress_summary.NO_UPDATE:
        # Never approved, or nothing approved in the last closed round.
        return update is None or ActionStatus.NO_UPDATE in found
    return True


def matching(user: Any, strategy: Strategy, rag: str, status: str) -> set[int]:
    if not visible(user, strategy):
        return set()
    actions = list(Action.objects.for_strategy(strategy).only("pk", "due_date"))
    latest = selectors.latest_approved([a.pk for a in actions])
    statuses = selectors.statuses_for(strategy, actions, selectors.today(), latest)
    return {
        action.pk
        for action in actions
        if _matches(latest.get(action.pk), statuses.get(action.pk, []), rag, status)
    }
