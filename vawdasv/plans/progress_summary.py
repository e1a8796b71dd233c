"""How plan pages show each action's latest approved progress without importing progress.

The progress app sits above plans, so plans cannot ask it directly: progress registers a
provider here when it starts (progress.apps), and plan views call `summaries`. Without a
provider (or for a reader who may not see progress) there is simply nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActionProgress:
    """An action's latest approved update, as the plan pages show it."""

    period: str
    rag: str  # "red", "amber", "green" or "" (not rated)
    rag_label: str  # in the partnership's own words and the reader's language
    statuses: Sequence[tuple[str, str]]  # (value, label), most important first


Provider = Callable[[Any, Any, Sequence[Any]], dict[int, ActionProgress]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def summaries(user: Any, strategy: Any, actions: Sequence[Any]) -> dict[int, ActionProgress]:
    """Each action's progress that this reader may see, by action id."""
    found: dict[int, ActionProgress] = {}
    for provider in _providers:
        found.update(provider(user, strategy, actions))
    return found
