"""`corrections.apply`: each kind of correction, and corrections that must not be applied."""

from __future__ import annotations

import datetime

from vawdasv.imports import corrections
from vawdasv.imports.model import ParsedAction, ParsedCommitment, ParsedPlan, ParsedTheme


def _plan() -> ParsedPlan:
    actions = [
        ParsedAction.build(
            text="Map current services across the region",
            evidence="Service map published",
            timescale="Mar 2026",
            leads=["Regional Team"],
        ),
        ParsedAction.build(
            text="Review commissioning arrangements Publish the review to the Board",
            evidence="Review report",
            timescale="Sept 2023",
            leads=["SWP"],
        ),
    ]
    commitment = ParsedCommitment(text="We will improve commissioning", actions=actions)
    return ParsedPlan(themes=[ParsedTheme(name="PREPARE", commitments=[commitment])])


def _record(action: int, original: str, kind: str, **values: object) -> dict:
    return corrections.make_record((0, 0, action), original, kind, **values)


FIRST = "Map current services across the region"
SECOND = "Review commissioning arrangements Publish the review to the Board"


def test_a_timescale_correction_is_read_again_for_its_due_date() -> None:
    plan, notes = corrections.apply(_plan(), [_record(0, FIRST, "timescale", text="Mar 2027")])
    action = plan.actions()[0]
    assert action.timescale == "Mar 2027"
    assert action.due_date == datetime.date(2027, 3, 31)
    assert action.timescale_kind == "date"
    assert notes == []


def test_a_leads_correction_replaces_the_leads_as_read() -> None:
    record = _record(1, SECOND, "leads", leads=["SWP", "Regional Team"])
    plan, _notes = corrections.apply(_plan(), [record])
    assert plan.actions()[1].leads == ["SWP", "Regional Team"]
    assert plan.actions()[0].leads == ["Regional Team"]


def test_merging_up_appends_the_text_and_evidence_to_the_action_above() -> None:
    plan, notes = corrections.apply(_plan(), [_record(1, SECOND, "merge_up")])
    assert len(plan.actions()) == 1
    merged = plan.actions()[0]
    assert merged.text == f"{FIRST}\n{SECOND}"
    assert merged.evidence == "Service map published\nReview report"
    assert merged.leads == ["Regional Team", "SWP"]
    assert merged.timescale == "Mar 2026"
    assert notes == []


def test_splitting_makes_two_actions_at_the_chosen_text() -> None:
    record = _record(1, SECOND, "split", at="Publish the review")
    plan, notes = corrections.apply(_plan(), [record])
    texts = [action.text for action in plan.actions()]
    assert texts == [FIRST, "Review commissioning arrangements", "Publish the review to the Board"]
    second = plan.actions()[2]
    assert second.timescale == "Sept 2023" and second.leads == ["SWP"]
    assert second.evidence is None
    assert notes == []


def test_a_correction_whose_text_no_longer_matches_is_dropped_with_a_note() -> None:
    record = _record(0, "Some other action entirely", "timescale", text="Mar 2030")
    plan, notes = corrections.apply(_plan(), [record])
    assert plan.actions()[0].timescale == "Mar 2026"
    assert len(notes) == 1 and "Some other action entirely" in notes[0]


def test_a_correction_to_an_action_no_longer_there_is_dropped_with_a_note() -> None:
    record = corrections.make_record((3, 0, 0), FIRST, "leads", leads=["SWP"])
    plan, notes = corrections.apply(_plan(), [record])
    assert [a.leads for a in plan.actions()] == [["Regional Team"], ["SWP"]]
    assert len(notes) == 1


def test_the_first_action_of_a_commitment_is_not_merged_and_a_note_says_why() -> None:
    plan, notes = corrections.apply(_plan(), [_record(0, FIRST, "merge_up")])
    assert len(plan.actions()) == 2
    assert len(notes) == 1 and "first action" in notes[0]


def test_a_split_at_text_not_in_the_action_is_not_applied() -> None:
    plan, notes = corrections.apply(_plan(), [_record(1, SECOND, "split", at="Nowhere")])
    assert len(plan.actions()) == 2
    assert len(notes) == 1


def test_applying_corrections_leaves_the_reading_itself_unchanged() -> None:
    parsed = _plan()
    corrections.apply(parsed, [_record(1, SECOND, "merge_up")])
    assert len(parsed.actions()) == 2


def test_origins_say_which_rows_were_corrected_and_where_they_came_from() -> None:
    applied = corrections.apply_with_origins(
        _plan(), [_record(1, SECOND, "split", at="Publish the review")]
    )
    assert [origin.key for origin in applied.origins] == [(0, 0, 0), (0, 0, 1), (0, 0, 1)]
    assert [origin.first_piece for origin in applied.origins] == [True, True, False]
    assert [bool(origin.corrected) for origin in applied.origins] == [False, True, True]


def test_leads_typed_with_commas_or_slashes_are_separated() -> None:
    assert corrections.split_leads("SWP / Regional Team, Cardiff Council,") == [
        "SWP",
        "Regional Team",
        "Cardiff Council",
    ]


def _three() -> ParsedPlan:
    texts = ["Housing", "Review the allocation policy", "Train housing officers"]
    commitments = [
        ParsedCommitment(
            text=text,
            actions=[
                ParsedAction.build(
                    text=text, evidence=None, timescale=None, leads=[], table="line 3"
                )
            ],
        )
        for text in texts
    ]
    commitments.append(ParsedCommitment(text="We will keep this empty one"))
    return ParsedPlan(themes=[ParsedTheme(name="Plan", commitments=commitments)])


def test_a_deleted_row_is_left_out_and_listed_so_it_can_be_undone() -> None:
    record = corrections.make_record((0, 0, 0), "Housing", corrections.DELETE)
    applied = corrections.apply_with_origins(_three(), [record])
    assert [a.text for a in applied.plan.actions()] == [
        "Review the allocation policy",
        "Train housing officers",
    ]
    assert [(r.key, r.kind) for r in applied.removed] == [((0, 0, 0), "delete")]
    assert [c.text for c in applied.plan.themes[0].commitments][-1] == (
        "We will keep this empty one"
    )
    assert [o.key for o in applied.origins] == [(0, 1, 0), (0, 2, 0)]


def test_a_row_made_a_theme_heading_names_a_theme_for_the_rows_after_it() -> None:
    record = corrections.make_record((0, 0, 0), "Housing", corrections.THEME_HEADING)
    plan, _notes = corrections.apply(_three(), [record])
    assert [t.name for t in plan.themes] == ["Housing"]
    assert [a.text for a in plan.actions()] == [
        "Review the allocation policy",
        "Train housing officers",
    ]


def test_a_row_made_a_commitment_heading_takes_the_actions_after_it_in_its_commitment() -> None:
    plan = _plan()
    record = corrections.make_record((0, 0, 0), FIRST, corrections.COMMITMENT_HEADING)
    result, _notes = corrections.apply(plan, [record])
    commitments = result.themes[0].commitments
    assert [c.text for c in commitments] == [FIRST]
    assert [a.text for a in commitments[0].actions] == [SECOND]


def test_skipping_a_table_leaves_out_every_action_read_from_it() -> None:
    record = corrections.make_record(
        (0, 1, 0), "Review the allocation policy", corrections.SKIP_TABLE, table="line 3"
    )
    applied = corrections.apply_with_origins(_three(), [record])
    assert applied.plan.actions() == []
    assert len(applied.removed) == 3
    assert [t.name for t in applied.plan.themes] == ["Plan"]
