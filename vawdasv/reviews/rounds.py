"""What progress rounds say about the plan actions that carry recommendations out, without
importing progress (a sibling app).

A recommendation is tracked in progress rounds by a plan action (plans is below both apps):
every round covers every action of the plan, so its lead officer reports on it with the same
update, review and reminder machinery as any action. The recommendation's page shows the
action's latest approved update, which the web layer, above both apps, provides
(`WebConfig.ready`; ADR 0026 and 0038). Without a provider the page says there is none yet.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class RoundProgress:
    """An action's latest approved update: the round, its RAG word and the narrative, in the
    reader's language."""

    round_label: str
    rag: str
    narrative: str
    completed: bool
    reviewed_on: datetime.date | None


Provider = Callable[[Collection[int]], dict[int, RoundProgress]]
_provider: Provider | None = None


def set_progress_provider(provider: Provider | None) -> None:
    global _provider
    _provider = provider


def latest_approved(action_ids: Collection[int]) -> dict[int, RoundProgress]:
    wanted = {pk for pk in action_ids if pk is not None}
    return _provider(wanted) if _provider and wanted else {}
