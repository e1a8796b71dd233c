"""The table-text reader on small plans written inline, one behaviour each."""

from __future__ import annotations

import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from vawdasv.imports.cells import clean_cell, join_fragments, match_header
from vawdasv.imports.text_tables import parse

HEADER = "Commitment\tMilestones/Actions\tEvidence of Achievement\tTimescale\tLead"


def table(heading: str, *rows: str) -> str:
    return "\n".join([f"{heading}\t\t\t\t", HEADER, *rows])


def only_theme(text: str):
    plan = parse(text)
    assert len(plan.themes) == 1, plan.to_json()
    return plan.themes[0]


def test_row_with_an_empty_first_cell_is_another_action_for_the_commitment_above():
    theme = only_theme(
        table(
            "PREPARE",
            "We will map services\tMap refuges\tMap published\tMar 2026\tRegional Team",
            "\tMap helplines\tList published\tDec 2026\tSWP",
            "We will listen to survivors\tHold events\tNotes\tOngoing\tAll partners",
        )
    )
    assert [c.text for c in theme.commitments] == [
        "We will map services",
        "We will listen to survivors",
    ]
    assert [a.text for a in theme.commitments[0].actions] == ["Map refuges", "Map helplines"]
    assert theme.commitments[0].actions[1].leads == ["SWP"]


def test_heading_and_header_repeated_after_a_page_break_carry_on_the_same_theme():
    text = "\n".join(
        [
            table("PURSUE", "We will disrupt\tShare intelligence\tMinutes\tMar 2025\tSWP"),
            "",
            table("PURSUE", "We will convict\tTrain prosecutors\tRecords\tMar 2026\tSWP"),
        ]
    )
    theme = only_theme(text)
    assert theme.name == "PURSUE"
    assert [c.text for c in theme.commitments] == ["We will disrupt", "We will convict"]


def test_row_split_by_a_page_break_is_joined_to_the_cells_of_the_row_above():
    text = "\n".join(
        [
            table(
                "PREPARE",
                "We will understand barriers in order to improve\tWork with partners to "
                "consider how to\tSummary of victim\tSep 2027\tAll partners",
            ),
            table(
                "PREPARE",
                "access\tovercome barriers for disabled victims\tengagement; minutes\t\t",
                "We will pilot a service\tReview the pilot\tReport\tSep 2024\tHSG",
            ),
        ]
    )
    plan = parse(text)
    first, second = plan.themes[0].commitments
    assert first.text == "We will understand barriers in order to improve access"
    assert len(first.actions) == 1
    action = first.actions[0]
    assert action.text == (
        "Work with partners to consider how to overcome barriers for disabled victims"
    )
    assert action.evidence == "Summary of victim engagement; minutes"
    assert action.timescale == "Sep 2027"
    assert action.leads == ["All partners"]
    assert second.text == "We will pilot a service"
    assert [w.location for w in plan.warnings] == ["line 6"]


def test_lead_cut_by_a_page_break_is_completed_from_the_next_page():
    text = "\n".join(
        [
            table(
                "PREVENT",
                "We will train the workforce\tDevelop training on the abuse of older\t"
                "Training plans\tMar 2028\tWelsh Government, Health / Velindre NHS",
            ),
            table(
                "PREVENT",
                "\tpeople, for example coercive behaviour.\t\t\tTrust",
                "We will renew White Ribbon status\tApply\tAccreditation\tMar 2028\tRegional Team",
            ),
        ]
    )
    theme = only_theme(text)
    action = theme.commitments[0].actions[0]
    assert action.text.endswith("abuse of older people, for example coercive behaviour.")
    assert action.leads == ["Welsh Government", "Health", "Velindre NHS Trust"]
    assert len(theme.commitments) == 2


def test_full_row_after_a_repeated_header_is_not_joined_to_the_row_above():
    text = "\n".join(
        [
            table(
                "PROTECT", "We will review MARAC\tSet up a steering group\tMinutes\tSep 2023\tRT"
            ),
            table("PROTECT", "\tagree cover for coordinators\tJob descriptions\tDec 2023\tVoG"),
        ]
    )
    actions = only_theme(text).commitments[0].actions
    assert [a.text for a in actions] == ["Set up a steering group", "agree cover for coordinators"]


def test_new_commitment_after_a_repeated_header_is_not_joined_even_without_a_timescale():
    text = "\n".join(
        [
            table("SUPPORT", "We will fund refuges\tReview provision\tReport\tSep 2025\tHSG"),
            table("SUPPORT", "We will hear BME survivors\tengage with groups\tMinutes\t\tHSG"),
        ]
    )
    theme = only_theme(text)
    assert [c.text for c in theme.commitments] == [
        "We will fund refuges",
        "We will hear BME survivors",
    ]
    assert theme.commitments[1].actions[0].text == "engage with groups"


def test_line_breaks_in_a_cell_are_joined_and_hyphenated_words_mended():
    assert clean_cell("Improve health and Well-<br>being of<br/>survivors") == (
        "Improve health and Well-being of survivors"
    )
    assert clean_cell("<p>Record of</p><p>attendance</p>") == "Record of attendance"
    assert clean_cell("Safe &amp; Together <b>model</b>") == "Safe & Together model"
    assert join_fragments(["Summary of victim", "", "engagement"]) == "Summary of victim engagement"


def test_html_inside_cells_does_not_reach_the_parsed_plan():
    theme = only_theme(
        table(
            "SUPPORT",
            "<p>We will support</p>\t<p>Fund refuge<br>places</p>\tContracts\tSep 2025\tHSG",
        )
    )
    assert theme.commitments[0].text == "We will support"
    assert theme.commitments[0].actions[0].text == "Fund refuge places"


def test_noise_lines_such_as_draft_and_page_numbers_are_ignored():
    text = "\n".join(
        [
            table(
                "PREVENT", "We will encourage schools\tPromote the approach\tRecord\tMar 2028\tRT"
            ),
            "DRAFT",
            "Page 4 of 12",
            "12",
            "\tConsider campaigns\tPublicity\tMar 2028\tRT",
        ]
    )
    plan = parse(text)
    assert len(plan.themes) == 1
    assert [a.text for a in plan.themes[0].commitments[0].actions] == [
        "Promote the approach",
        "Consider campaigns",
    ]
    assert "DRAFT" not in plan.to_json()


def test_columns_are_found_by_their_meaning_not_their_position():
    text = "\n".join(
        [
            "Objective 1",
            "Lead organisation\tBy when\tKey actions\tCommitments\tMeasures of success",
            "SWP\tMarch 2026\tRun Ask and Act training\tWe will train staff\tStaff trained",
        ]
    )
    theme = only_theme(text)
    assert theme.name == "Objective 1"
    commitment = theme.commitments[0]
    action = commitment.actions[0]
    assert (commitment.text, action.text, action.evidence) == (
        "We will train staff",
        "Run Ask and Act training",
        "Staff trained",
    )
    assert (action.timescale, action.due_date, action.leads) == (
        "March 2026",
        datetime.date(2026, 3, 31),
        ["SWP"],
    )


def test_a_sentence_row_is_not_taken_for_a_header():
    cells = ["We will tackle perpetration", "Update the action plan", "Lead role agreed", "Date"]
    assert match_header(cells) is None


def test_the_aims_table_gives_each_theme_its_aim():
    text = "\n".join(
        [
            "AIMS:",
            " <p>PREPARE</p>\t <p>PURSUE</p>",
            "<p>Improve planning</p>\t<p>Address perpetrators</p>",
            table("PREPARE", "We will plan\tPlan\tPlan made\tMar 2026\tRT"),
            table("PURSUE", "We will pursue\tPursue\tDone\tMar 2026\tSWP"),
        ]
    )
    plan = parse(text)
    assert [(t.name, t.aim) for t in plan.themes] == [
        ("PREPARE", "Improve planning"),
        ("PURSUE", "Address perpetrators"),
    ]
    assert plan.warnings == []


def test_title_and_vision_are_read_from_above_the_tables():
    text = "\n".join(
        [
            "",
            "Our Strategy 2023 – 2028 Implementation Plan",
            "",
            "VISION: People live without abuse.",
            table("PREPARE", "We will plan\tPlan\tPlan made\tMar 2026\tRT"),
        ]
    )
    plan = parse(text)
    assert plan.title == "Our Strategy 2023 – 2028 Implementation Plan"
    assert plan.vision == "People live without abuse."


def test_timescales_are_understood_or_kept_as_written_with_a_warning():
    theme = only_theme(
        table(
            "PREPARE",
            "We will plan\tPlan\tPlan made\tDec 2023\tRT",
            "\tReview\tReviewed\tOngoing\tRT",
            "\tReport\tReports\tAnnually\tRT",
            "\tRethink\tNotes\tWhen funding allows\tRT",
        )
    )
    plan_actions = theme.commitments[0].actions
    assert [(a.due_date, a.timescale_kind) for a in plan_actions] == [
        (datetime.date(2023, 12, 31), "date"),
        (None, "ongoing"),
        (None, "recurring"),
        (None, "unknown"),
    ]
    plan = parse(table("PREPARE", "We will plan\tRethink\tNotes\tWhen funding allows\tRT"))
    assert [(w.location, "When funding allows" in w.message) for w in plan.warnings] == [
        ("line 3", True)
    ]


def test_numbered_commitment_keeps_its_reference():
    theme = only_theme(table("PREPARE", "1.2 We will plan\tPlan\tPlan made\tMar 2026\tRT"))
    assert (theme.commitments[0].ref, theme.commitments[0].text) == ("1.2", "We will plan")


def test_commitment_text_starting_with_a_number_is_not_a_reference():
    theme = only_theme(
        table("PREVENT", "16 Days of Action will be marked\tPlan\tDone\tMar 2026\tRT")
    )
    assert (theme.commitments[0].ref, theme.commitments[0].text) == (
        None,
        "16 Days of Action will be marked",
    )


def test_row_with_no_commitment_above_it_is_reported_with_its_line():
    plan = parse(table("PREPARE", "\tOrphan action\tEvidence\tMar 2026\tRT"))
    assert plan.themes[0].commitments == []
    assert any(w.location == "line 3" and "no commitment" in w.message for w in plan.warnings)


def test_text_without_any_table_gives_a_warning_not_an_error():
    plan = parse("Just a letter.\nNothing\tto\tsee here.\n")
    assert plan.themes == []
    assert plan.warnings, "a document with no plan table must say so"


def test_json_follows_the_import_contract():
    plan = parse(table("PREPARE", "We will plan\tPlan\tPlan made\tDec 2023\tRegional Team / SWP"))
    data = json.loads(plan.to_json())
    assert set(data) == {
        "title", "vision", "introduction", "themes", "achievements", "narratives", "mapping",
        "status_column", "warnings",
    }  # fmt: skip
    action = data["themes"][0]["commitments"][0]["actions"][0]
    assert action == {
        "text": "Plan",
        "evidence": "Plan made",
        "timescale": "Dec 2023",
        "due_date": "2023-12-31",
        "timescale_kind": "date",
        "leads": ["Regional Team", "SWP"],
        "rag": None,
        "progress": None,
        "status": None,
        "future_activity": False,
        "guess": None,  # read from a table with tabs: nothing guessed
        "table": "line 1",  # the heading row starts the tab-separated table
    }
    assert data["themes"][0]["commitments"][0]["ref"] is None
    assert data["achievements"] == []
    assert data["status_column"] is None  # no status or RAG column


TABLEISH = st.lists(
    st.one_of(
        st.text(),
        st.sampled_from(
            [
                HEADER,
                "PREPARE\t\t\t\t",
                "DRAFT",
                "\t\t\t\t",
                "AIMS:",
                "VISION:",
                " <p>A</p>\t<p>B</p>",
                "\tlower case\t\t\tTrust",
                "We will\tDo\tEvidence\tMar 2026\tSWP / PCC",
                "\tAct\tEv\tQ1 2023/24\tRegional Team and HRPS",
                "Lead\tBy\tAction\tCommitment",
                "access\tmore\tmore\t\t",
                "Well-<br>being\t<p></p>",
            ]
        ),
    ),
    max_size=20,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), TABLEISH))
def test_parse_never_raises_on_arbitrary_text(text):
    plan = parse(text)
    json.loads(plan.to_json())
    for theme in plan.themes:
        assert theme.name
        for commitment in theme.commitments:
            assert all(action.text for action in commitment.actions)
