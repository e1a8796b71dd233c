"""A small plan imported into the Cardiff and Vale partnership, and revised copies of it.

Plans are written as nested data (theme → commitments → actions) so each test says exactly what
the revised document changes. `import_plan` writes the starting strategy as the importer would.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from vawdasv.demo.load import CARDIFF_VALE_LEADS
from vawdasv.imports.model import ParsedAction, ParsedCommitment, ParsedPlan, ParsedTheme
from vawdasv.imports.services import import_plan
from vawdasv.plans.models import Strategy

# theme → [(ref, commitment, [(action, evidence, timescale, [leads])])]
PlanSpec = dict[str, list[tuple[str, str, list[tuple[str, str, str, list[str]]]]]]

BASE: PlanSpec = {
    "PREPARE": [
        (
            "1.1",
            "We will improve strategic planning and commissioning of services",
            [
                (
                    "Map current VAWDASV services across the region",
                    "Service map published",
                    "Mar 2026",
                    ["Regional Team"],
                ),
                (
                    "Review commissioning arrangements with partners",
                    "Review report to the Board",
                    "Sept 2023",
                    ["Regional Team", "Providers"],
                ),
            ],
        ),
        (
            "1.2",
            "We will strengthen the governance of the partnership",
            [
                (
                    "Establish a governance structure with clear lines of accountability",
                    "Structure agreed and minutes kept",
                    "2024/25",
                    ["SWP"],
                ),
                (
                    "Report progress to the Executive Group every year",
                    "Annual report",
                    "Annually",
                    ["Regional Team"],
                ),
            ],
        ),
    ],
    "PURSUE": [
        (
            "2.1",
            "We will disrupt perpetrators through better intelligence sharing",
            [
                (
                    "Share intelligence between police and specialist services",
                    "Information sharing protocol signed",
                    "Dec 2024",
                    ["SWP"],
                ),
            ],
        ),
    ],
}


def build_plan(spec: PlanSpec) -> ParsedPlan:
    return ParsedPlan(
        title="Cardiff and Vale VAWDASV Implementation Plan 2023-2028",
        themes=[
            ParsedTheme(
                name=theme,
                commitments=[
                    ParsedCommitment(
                        ref=ref or None,
                        text=text,
                        actions=[
                            ParsedAction.build(
                                text=action, evidence=evidence, timescale=timescale, leads=leads
                            )
                            for action, evidence, timescale, leads in actions
                        ],
                    )
                    for ref, text, actions in commitments
                ],
            )
            for theme, commitments in spec.items()
        ],
    )


def revised() -> Any:
    """A copy of the base plan for a test to change (lists, so actions can be edited)."""
    spec = copy.deepcopy(BASE)
    return {
        theme: [[ref, text, [list(action) for action in actions]] for ref, text, actions in items]
        for theme, items in spec.items()
    }


@pytest.fixture
def base_strategy(world) -> Strategy:
    return import_plan(
        actor=world.admin,
        partnership=world.partnership,
        parsed=build_plan(BASE),
        strategy_data={"slug": "cv-plan", "start_year": 2023, "end_year": 2028},
        source="Plan import: base.docx",
        aliases=CARDIFF_VALE_LEADS,
    )
