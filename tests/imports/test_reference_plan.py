"""The real Cardiff and Vale Implementation Plan 2023–2028, parsed.

Counted by hand from shared/reference/cardiff-vale-vawdasv-implementation-plan-2023-28.txt:

    INTRODUCTION  3 commitments,  7 actions (2 + 3 + 2)
    PREPARE       7 commitments, 16 actions (4 + 3 + 2 + 2 + 2 + 2 + 1)
    PURSUE        6 commitments, 10 actions (1 + 1 + 2 + 2 + 2 + 2)
    PREVENT       5 commitments, 13 actions (2 + 2 + 2 + 5 + 2)
    PROTECT       7 commitments, 16 actions (4 + 2 + 2 + 1 + 2 + 3 + 2)
    SUPPORT       4 commitments,  7 actions (1 + 2 + 2 + 2)
    total: 6 themes, 32 commitments, 69 actions

PREPARE, PREVENT and PROTECT each run over a page break (heading and header repeated); two
rows are split by those breaks (lines 48 and 84) and must be joined to the rows above.
"""

from __future__ import annotations

import datetime

import pytest

from vawdasv.imports.model import ParsedPlan
from vawdasv.imports.text_tables import parse


@pytest.fixture
def plan(reference_plan_text) -> ParsedPlan:
    return parse(reference_plan_text)


def find_commitment(plan: ParsedPlan, theme: str, starts: str):
    (theme_found,) = [t for t in plan.themes if t.name == theme]
    (commitment,) = [c for c in theme_found.commitments if c.text.startswith(starts)]
    return commitment


def test_counts_match_the_document(plan):
    counts = plan.counts()
    assert (counts.themes, counts.commitments, counts.actions) == (6, 32, 69)
    per_theme = [
        (t.name, len(t.commitments), sum(len(c.actions) for c in t.commitments))
        for t in plan.themes
    ]
    assert per_theme == [
        ("INTRODUCTION", 3, 7),
        ("PREPARE", 7, 16),
        ("PURSUE", 6, 10),
        ("PREVENT", 5, 13),
        ("PROTECT", 7, 16),
        ("SUPPORT", 4, 7),
    ]


def test_title_and_vision_come_from_the_document(plan):
    assert plan.title == (
        "Cardiff and Vale of Glamorgan Violence against Women, Domestic Abuse and Sexual "
        "Violence Strategy 2023 – 2028 Implementation Plan 2023-2028"
    )
    assert plan.vision == (
        "People who live, work, study in and visit Cardiff and the Vale of Glamorgan have the "
        "opportunity to live positive, independent lives without being affected by violence "
        "and abuse."
    )


def test_themes_carry_their_aims_from_the_aims_table(plan):
    aims = {theme.name: theme.aim for theme in plan.themes}
    assert aims["INTRODUCTION"] is None
    assert aims["PREPARE"].startswith("Improve strategic planning and commissioning")
    assert aims["PREVENT"].endswith("recognising this as 'everyone's business'")
    assert aims["SUPPORT"].startswith("Ensure that innovative, flexible and evidence-based")


def test_disabled_survivors_commitment_is_joined_across_the_page_break(plan):
    commitment = find_commitment(plan, "PREPARE", "We will seek to understand the distinct needs")
    assert commitment.text.endswith("disabled survivors experience in order to improve access")
    assert len(commitment.actions) == 2
    second = commitment.actions[1]
    assert second.text == (
        "Work with all partners to consider how to overcome identified barriers to ensure "
        "equality of access to services for disabled victims"
    )
    assert second.evidence == "Summary of victim engagement identifying issues; meeting minutes"
    assert (second.timescale, second.due_date) == ("Sep 2027", datetime.date(2027, 9, 30))
    assert second.leads == ["All partners"]


def test_older_people_training_action_is_joined_across_the_page_break(plan):
    commitment = find_commitment(plan, "PREVENT", "We will continue to ensure the workforce")
    action = commitment.actions[-1]
    assert action.text.endswith(
        "the limitations of conceptualising the abuse of older people as 'elder abuse', for "
        "example, coercive behaviour."
    )
    assert action.leads == ["Welsh Government", "Regional Team", "Health", "Velindre NHS Trust"]
    assert action.timescale == "Mar 2028"


def test_timescales_are_read_as_dates_or_ongoing(plan):
    data_commitment = find_commitment(plan, "PREPARE", "We will work with partners across")
    first = data_commitment.actions[0]
    assert (first.timescale, first.due_date, first.timescale_kind) == (
        "Dec 2023",
        datetime.date(2023, 12, 31),
        "date",
    )
    governance = find_commitment(plan, "INTRODUCTION", "We will ensure this strategy aligns")
    assert governance.actions[0].due_date == datetime.date(2023, 9, 30)  # "Sept 2023"
    assert (governance.actions[2].timescale, governance.actions[2].timescale_kind) == (
        "Ongoing",
        "ongoing",
    )


def test_lead_cells_are_split_into_names(plan):
    pursue = find_commitment(plan, "PURSUE", "We will raise awareness of legislative changes")
    assert pursue.actions[0].leads == ["SWP", "PCC", "Regional Team"]
    cedaw = find_commitment(plan, "INTRODUCTION", "We will assist with developing")
    assert cedaw.actions[0].leads == ["Regional Team", "HRPS"]


def test_only_the_two_page_break_joins_are_reported(plan):
    assert [w.location for w in plan.warnings] == ["line 48", "line 84"]
    assert "DRAFT" not in plan.to_json()
    assert "Commitment\tMilestones" not in plan.to_json()
