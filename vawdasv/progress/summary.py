"""The latest approved progress of actions, for the plan pages (see plans.progress_summary)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vawdasv.partnerships import permissions
from vawdasv.plans.models import Action, Strategy
from vawdasv.plans.progress_summary import ActionProgress
from vawdasv.progress import selectors
from vawdasv.progress.rag import rag_vocabulary


def action_progress(
    user: Any, strategy: Strategy, actions: Sequence[Action]
) -> dict[int, ActionProgress]:
    """Members see each action's latest approved RAG, statuses and period; others nothing yet
    (publishing progress to the public is a partnership setting still to come)."""
    if not actions or not permissions.can_read_progress(user, strategy.partnership_id):
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
            rag_label=words.choice_label(update.rag) if update.rag else "",
            statuses=[(s.value, str(s.label)) for s in statuses.get(action.pk, [])],
        )
    return result
