"""The interpreter on small inline plans, one table layout or narrative rule each."""

from __future__ import annotations

import datetime

import pytest

from vawdasv.imports.rag import read_rag
from vawdasv.imports.text_tables import parse


def only_theme(text: str, **kwargs):
    plan = parse(text, **kwargs)
    assert len(plan.themes) == 1, plan.to_json()
    return plan.themes[0]


def test_welsh_headers_are_matched_by_meaning():
    text = "\n".join(
        [
            "ATAL",
            "Ymrwymiad\tCamau gweithredu\tTystiolaeth\tAmserlen\tArweiniol\tStatws",
            "Byddwn yn hyfforddi staff\tCynnal hyfforddiant\tCofnodion\tMawrth 2026\tSWP\tGwyrdd",
            "\tAdolygu'r cynllun\tAdroddiad\tParhaus\tRT\tAmbr",
        ]
    )
    theme = only_theme(text)
    assert theme.name == "ATAL"
    actions = theme.commitments[0].actions
    assert [(a.text, a.evidence, a.leads, a.rag) for a in actions] == [
        ("Cynnal hyfforddiant", "Cofnodion", ["SWP"], "green"),
        ("Adolygu'r cynllun", "Adroddiad", ["RT"], "amber"),
    ]
    assert actions[0].due_date == datetime.date(2026, 3, 31)


def test_ref_action_lead_status_gives_one_commitment_per_row():
    text = "\n".join(
        [
            "PROTECT",
            "Ref\tAction\tLead\tStatus",
            "P1\tReview MARAC\tSWP\tComplete",
            "P2\tMap refuges\tHSG\tNot started",
        ]
    )
    theme = only_theme(text)
    assert [(c.ref, c.text, c.actions[0].leads, c.actions[0].rag) for c in theme.commitments] == [
        ("P1", "Review MARAC", ["SWP"], "green"),
        ("P2", "Map refuges", ["HSG"], "red"),
    ]


def test_no_aims_lead_target_date_layout_is_read():
    text = "Support\nNo.\tAims\tLead\tTarget Date\n1\tFund refuge places\tHSG\t2019/20\n"
    commitment = only_theme(text).commitments[0]
    assert (commitment.ref, commitment.actions[0].due_date) == ("1", datetime.date(2020, 3, 31))


def test_objective_action_column_groups_actions_under_objective_rows():
    text = "\n".join(
        [
            "Prevention",
            "Objective / Action\tTimescales\tAction Owner",
            "1. Raise awareness in schools\t\t",
            "Deliver healthy relationships sessions\tQ3 2024/25\tEducation",
            "Train governors\tAnnually\tEducation",
        ]
    )
    theme = only_theme(text)
    (commitment,) = theme.commitments
    assert (commitment.ref, commitment.text) == ("1", "Raise awareness in schools")
    assert [(a.text, a.due_date, a.timescale_kind) for a in commitment.actions] == [
        ("Deliver healthy relationships sessions", datetime.date(2024, 12, 31), "date"),
        ("Train governors", None, "recurring"),
    ]


def test_theme_column_with_numbered_objectives_and_same_as_above_blanks():
    text = "\n".join(
        [
            "Prevention\tObjective\tEarly Actions",
            "Prevention\t1.1 Challenge attitudes\tRun a campaign",
            "\t\tTrain ambassadors",
            "\t1.2 Reach young people\tVisit schools",
            "Protection\t2.1 Improve MARAC\tAudit referrals",
        ]
    )
    plan = parse(text)
    assert [t.name for t in plan.themes] == ["Prevention", "Protection"]
    prevention = plan.themes[0]
    assert [(c.ref, c.text, [a.text for a in c.actions]) for c in prevention.commitments] == [
        ("1.1", "Challenge attitudes", ["Run a campaign", "Train ambassadors"]),
        ("1.2", "Reach young people", ["Visit schools"]),
    ]
    assert plan.themes[1].commitments[0].ref == "2.1"
    assert plan.mapping[0]["columns"][0] == {"header": "Prevention", "field": "theme"}


def test_markdown_pipe_table_with_line_breaks_in_cells():
    text = "\n".join(
        [
            "## PREPARE",
            "| Commitment | Milestones/Actions | Evidence | Timescale | Lead |",
            "|---|---|---|---|---|",
            "| We will map services | Map refuges<br>and helplines | Health and Well-<br>being map "
            "| Apr-25 | SWP/PCC / Regional Team |",
        ]
    )
    action = only_theme(text).commitments[0].actions[0]
    assert action.text == "Map refuges and helplines"
    assert action.evidence == "Health and Well-being map"
    assert (action.due_date, action.leads) == (
        datetime.date(2025, 4, 30),
        ["SWP", "PCC", "Regional Team"],
    )


def test_html_table_fragment_with_paragraph_cells():
    text = (
        "<p>SUPPORT</p>\n<table><tr><th>Commitment</th><th>Action</th><th>Timescale</th>"
        "<th>Lead</th></tr>\n<tr><td><p>We will support</p></td><td><p>Fund refuge</p>"
        "<p>places</p></td><td>By Autumn 2022</td><td>HSG</td></tr></table>"
    )
    theme = only_theme(text)
    action = theme.commitments[0].actions[0]
    assert (theme.name, action.text, action.due_date) == (
        "SUPPORT",
        "Fund refuge places",
        datetime.date(2022, 11, 30),
    )


def test_section_we_will_by_progress_with_future_activity():
    text = "\n".join(
        [
            "PURSUE\t\t\t",
            "Section\tWe Will\tBy\tProgress",
            "Stalking\tImprove awareness of stalking\tOngoing\tG",
            "",
            "Progress on *Stalking* has been good. *Date to be amended*",
            "",
            "FUTURE ACTIVITY\t\t\t",
            "Courts\tSupport victims in court\tMarch 2021\t",
            "\tMonitor outcomes\tMarch 2021\t",
        ]
    )
    plan = parse(text)
    theme = plan.themes[0]
    assert [
        (c.text, [(a.rag, a.future_activity) for a in c.actions]) for c in theme.commitments
    ] == [
        ("Stalking", [("green", False)]),
        ("Courts", [(None, True), (None, True)]),
    ]
    (narrative,) = plan.narratives
    assert (narrative["sections"], narrative["notes"]) == (["Stalking"], ["Date to be amended"])


def test_explicit_mapping_overrides_the_columns_found():
    text = "PREPARE\nWhat\tWhen\tWho\nMap services\tMar 2026\tSWP\n"
    assert parse(text).themes == []  # nothing recognisable without help
    theme = only_theme(text, mapping={"What": "action", "When": "timescale", "Who": "lead"})
    action = theme.commitments[0].actions[0]
    assert (action.text, action.timescale, action.leads) == ("Map services", "Mar 2026", ["SWP"])
    ignored = parse(
        "PREPARE\nCommitment\tAction\tLead\nWe will plan\tPlan\tSWP\n", mapping={"Lead": "ignore"}
    )
    assert ignored.themes[0].commitments[0].actions[0].leads == []


def test_narrative_objective_with_we_will_and_we_have_lists():
    text = "\n".join(
        [
            "Objective 2: Keep children safe",
            "Some context about the objective.",
            "We have:",
            "- trained teachers;",
            "We will:",
            "- We will: review the curriculum;",
            "- fund school",
            "  nurses; and",
            "• publish guidance.",
            "Case Study: a school",
        ]
    )
    plan = parse(text)
    (theme,) = plan.themes
    commitment = theme.commitments[0]
    assert (theme.name, commitment.ref, commitment.text) == (
        "Objective 2",
        "2",
        "Keep children safe",
    )
    assert [a.text for a in commitment.actions] == [
        "Review the curriculum;",
        "Fund school nurses; and",
        "Publish guidance.",
    ]
    assert plan.achievements == [
        {"theme": "Objective 2", "text": "Trained teachers;", "location": "line 4"}
    ]


def test_we_will_list_outside_any_objective_goes_under_a_theme_named_from_the_document():
    plan = parse("Introduction\nWe will:\n- do something useful\n")
    assert [t.name for t in plan.themes] == ["Introduction"]
    assert [a.text for a in plan.actions()] == ["Do something useful"]
    assert any("named after the document" in w.message for w in plan.warnings)


def test_we_will_list_with_no_title_or_heading_is_reported_not_dropped():
    plan = parse("\tIntroduction\nWe will:\n- do something useful\n")
    assert plan.themes == []
    assert any("something useful" in w.message for w in plan.warnings)


@pytest.mark.parametrize(
    ("cell", "rag"),
    [
        ("Red", "red"), ("R", "red"), ("Not started", "red"), ("Coch", "red"),
        ("Amber", "amber"), ("A", "amber"), ("Ongoing", "amber"), ("Ambr", "amber"),
        ("Parhaus", "amber"), ("Green", "green"), ("G", "green"), ("Complete", "green"),
        ("Completed", "green"), ("Gwyrdd", "green"), ("Wedi’i gwblhau", "green"),
        ("Amber - awaiting funding", "amber"), ("16", "unknown"), ("•", "unknown"),
        ("", None),
    ],
)  # fmt: skip
def test_rag_cells_are_read_in_english_and_welsh(cell, rag):
    assert read_rag(cell).rag == rag


def test_unreadable_rag_cell_is_unknown_with_a_warning():
    plan = parse("PREPARE\nRef\tAction\tStatus\n1\tPlan\t☐\n")
    assert plan.themes[0].commitments[0].actions[0].rag == "unknown"
    assert any(w.location == "line 3" and "☐" in w.message for w in plan.warnings)


def test_tables_that_are_not_part_of_the_plan_are_skipped_with_one_warning():
    text = (
        "Plan 2026\n\nCosts\t2024\t2025\nService\t1,250,000\t1,300,000\nPolice\t£340,000\t12%\n\n"
        "Contents\tPage 3\nIntroduction\tPage 4\n\n"
        "Housing\nAction\tTimescale\tLead\nReview the allocations policy\tMarch 2026\tCouncil\n"
        "\nHelpline\t0800 123 4567\nEmail\thelp@example.org\n"
    )
    plan = parse(text)
    assert [a.text for a in plan.actions()] == ["Review the allocations policy"]
    skipped = [w for w in plan.warnings if "no plan columns" in w.message]
    assert len(skipped) == 1
    assert "rows skipped: 7" in skipped[0].message
    assert not any("not read" in w.message for w in plan.warnings)


def test_a_column_named_exactly_wins_its_field_over_one_that_only_contains_the_word():
    plan = parse(
        "Plan\n\nHousing\nAction\tLead\tTimescale\tProgress update\tRAG\n"
        "Run a course for landlords\tX Council\tMarch 2026\tWork has begun\tAmber\n"
    )
    assert [a.rag for a in plan.actions()] == ["amber"]
