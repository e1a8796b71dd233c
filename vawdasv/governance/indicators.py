"""Indicators for agenda items and meeting packs, through a provider the web layer plugs in.

Indicators belong to outcomes, a sibling app governance may not import (docs/adr/0026). An
agenda item keeps the ids of the indicators it concerns (`AgendaItem.indicator_ids`, a JSON list
of integers); everything governance shows about them (the choices in the agenda form, their
names and links, and the headline data in the meeting pack) comes from the provider that
`vawdasv.web.apps` registers at start-up. Without one (say outcomes is switched off) the agenda
form offers no indicators and the pack has no headline data, rather than failing. An id whose
indicator has since been deleted is simply not shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class IndicatorLink:
    label: str
    url: str


@dataclass(frozen=True)
class Headline:
    """An indicator's latest published figures: suppressed ones say so, never a number."""

    name: str
    period: str
    figures: list[tuple[str, str]]  # (area, figure as words or digits)


class IndicatorProvider(Protocol):
    def choices(self, partnership_id: int) -> list[tuple[int, str]]:
        """The partnership's indicators as (id, label) in the current language."""

    def links(self, ids: Iterable[int]) -> dict[int, IndicatorLink]:
        """Labels and page addresses of these indicators (unknown ids left out)."""

    def for_plan(self, partnership_id: int, commitment_ids: Iterable[int]) -> list[int]:
        """The partnership's indicators linked to these commitments or to their themes."""

    def headlines(self, ids: Iterable[int], language: str) -> list[Headline]:
        """Headline data for these indicators, in `language`."""


_provider: IndicatorProvider | None = None


def set_indicator_provider(provider: IndicatorProvider | None) -> None:
    global _provider
    _provider = provider


def provider() -> IndicatorProvider | None:
    return _provider


def choices(partnership_id: int) -> list[tuple[int, str]]:
    return _provider.choices(partnership_id) if _provider else []


def links(ids: Iterable[int]) -> dict[int, IndicatorLink]:
    ids = list(ids)
    return _provider.links(ids) if _provider and ids else {}


def valid_ids(partnership_id: int, ids: Iterable[int]) -> list[int]:
    """The given ids, refusing (ValueError) any that is not one of the partnership's."""
    wanted = sorted({int(i) for i in ids})
    allowed = {pk for pk, _label in choices(partnership_id)}
    if any(pk not in allowed for pk in wanted):
        raise ValueError("not one of the partnership's indicators")
    return wanted
