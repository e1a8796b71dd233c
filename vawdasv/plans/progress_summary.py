"""How plan pages show and filter by each action's latest approved progress without importing
progress.

The progress app sits above plans, so plans cannot ask it directly: progress registers a
provider here when it starts (progress.apps), and plan views call the functions below. Without
a provider (or for a reader who may not see progress) there is simply nothing to show, and the
action list offers no progress filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

# The status filters the action list offers (the values of progress's ActionStatus).
OVERDUE = "overdue"
NO_UPDATE = "no_update"


@dataclass(frozen=True)
class ActionProgress:
    """An action's latest approved update, as the plan pages show it."""

    period: str
    rag: str  # "red", "amber", "green" or "" (not rated)
    rag_label: str  # in the partnership's own words and the reader's language
    statuses: Sequence[tuple[str, str]]  # (value, label), most important first

    @property
    def tag_class(self) -> str:
        """The GOV.UK tag colour of the rating (the word is always shown beside it)."""
        return {"red": "govuk-tag--red", "amber": "govuk-tag--orange"}.get(
            self.rag, "govuk-tag--green"
        )


class Provider(Protocol):
    def visible(self, user: Any, strategy: Any) -> bool:
        """Whether this reader may see the strategy's progress at all."""
        ...

    def summaries(
        self, user: Any, strategy: Any, actions: Sequence[Any]
    ) -> dict[int, ActionProgress]: ...

    def rag_choices(self, strategy: Any) -> list[tuple[str, str]]:
        """(value, label) of the RAG ratings, in the partnership's words."""
        ...

    def matching(self, user: Any, strategy: Any, rag: str, status: str) -> set[int]:
        """Ids of the strategy's actions whose latest approved RAG is `rag` (when given) and
        that have `status` (OVERDUE or NO_UPDATE, when given)."""
        ...


_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def visible(user: Any, strategy: Any) -> bool:
    return any(provider.visible(user, strategy) for provider in _providers)


def summaries(user: Any, strategy: Any, actions: Sequence[Any]) -> dict[int, ActionProgress]:
    """Each action's progress that this reader may see, by action id."""
    found: dict[int, ActionProgress] = {}
    for provider in _providers:
        found.update(provider.summaries(user, strategy, actions))
    return found


def rag_choices(strategy: Any) -> list[tuple[str, str]]:
    return [choice for provider in _providers for choice in provider.rag_choices(strategy)]


def matching(user: Any, strategy: Any, rag: str, status: str) -> set[int]:
    found: set[int] = set()
    for provider in _providers:
        if provider.visible(user, strategy):
            found |= provider.matching(user, strategy, rag, status)
    return found
