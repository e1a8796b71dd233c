"""Sections other apps add to the progress report, without progress importing them.

Governance (a sibling app) lists the partnership's groups and the meetings held in the
period. Siblings never import each other, so the web layer, which sits above both, registers
a provider here at start-up (`vawdasv.web.apps`); the report asks every provider for its
section. A section is plain text in cells, rendered like the report's own tables in HTML,
Word and PDF, so a provider can never inject markup.

A theme provider adds sections inside each theme's part instead (outcomes' "Headline data":
the indicators linked to the theme and its commitments), keyed by the theme's id.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
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


ThemeSectionProvider = Callable[
    [Strategy, datetime.date, datetime.date, str], Mapping[int, ExtraSection]
]
_theme_providers: list[ThemeSectionProvider] = []


def register_theme_sections(provider: ThemeSectionProvider) -> None:
    """Add a provider of sections inside themes once (again changes nothing)."""
    if provider not in _theme_providers:
        _theme_providers.append(provider)


def theme_sections_for(
    strategy: Strategy, start: datetime.date, end: datetime.date, language: str
) -> dict[int, list[ExtraSection]]:
    """Each theme's added sections, by the theme's id, in the providers' order."""
    by_theme: dict[int, list[ExtraSection]] = {}
    for provider in _theme_providers:
        for theme_id, section in provider(strategy, start, end, language).items():
            by_theme.setdefault(theme_id, []).append(section)
    return by_theme
