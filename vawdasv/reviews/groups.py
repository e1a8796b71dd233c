"""Governance groups, as the dissemination log needs them, without importing governance.

Reviews and governance are sibling domain apps (ADR 0014): neither imports the other. A
dissemination entry keeps the id of the group the briefing went to; the web layer, above both,
plugs in a provider at start-up (`WebConfig.ready`, ADR 0026 and 0038) that lists a
partnership's groups and resolves ids to a name and a page. Without a provider (or once the
group is deleted) the log shows the audience as it was written when the entry was recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class GroupRef:
    """A group as the log shows it: its name in the reader's language and its page."""

    pk: int
    name: str
    url: str


@dataclass(frozen=True)
class GroupProvider:
    # partnership id → its groups, in the order people look for them
    groups_of: Callable[[int], list[GroupRef]]
    # group ids → those that still exist
    resolve: Callable[[Collection[int]], dict[int, GroupRef]]


_provider: GroupProvider | None = None


def set_group_provider(provider: GroupProvider | None) -> None:
    global _provider
    _provider = provider


def groups_of(partnership_id: int) -> list[GroupRef]:
    return _provider.groups_of(partnership_id) if _provider else []


def resolve(group_ids: Collection[int]) -> dict[int, GroupRef]:
    wanted = {pk for pk in group_ids if pk is not None}
    return _provider.resolve(wanted) if _provider and wanted else {}
