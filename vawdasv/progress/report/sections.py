"""Sections other apps add to the progress report, without progress importing them.

Governance (a sibling app) lists the partnership's groups and the meetings held in the
period. Siblings never import each other, so the web layer, which sits above both, registers
a provider here at start-up (`vawdasv.web.apps`); the report asks every provider for its
section. A section is plain text in cells, rendered like the report's own tables in HTML,
Word and PDF, so a provider can never inject markup.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from vawdasv.plans.models import Strategy


@dataclass(frozen=True)
class ExtraSection:
    key: str  # an id for the heading, e.g. "governance"
    title: str
    intro: str
    headers: list[str]
    rows: list[list[str]]
    empty: str  # said instead of the table when there are no rows


SectionProvider = Callable[[Strategy, datetime.date, datetime.date, str], ExtraSection | None]
_providers: list[SectionProvider] = []


def register(provider: SectionProvider) -> None:
    """Add a provider once (registering the same function again changes nothing)."""
    if provider not in _providers:
        _providers.append(provider)


def sections_for(
    strategy: Strategy, start: datetime.date, end: datetime.date, language: str
) -> list[ExtraSection]:
    sections = (provider(strategy, start, end, language) for provider in _providers)
    return [section for section in sections if section is not None]
