"""The progress report, the national framework and the Mid and West Wales strategy, parsed.

Each count below was made by hand from the text in shared/reference/ (the Cardiff and Vale
Implementation Plan has its own module, test_reference_plan.py).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from vawdasv.imports.model import ParsedPlan
from vawdasv.imports.text_tables import parse

PROGRESS_REPORT = "cardiff-vale-vawdasv-action-plan-progress-report-2018-19.txt"
FRAMEWORK = "welsh-government-vawdasv-delivery-framework-2018-21.txt"
MID_WEST_WALES = "mid-west-wales-vawdasv-strategy-2018.txt"


def read(reference_dir: Path, name: str) -> ParsedPlan:
    return parse((reference_dir / name).read_text(encoding="utf-8-sig"))


def per_theme(plan: ParsedPlan) -> list[tuple[str, int, int]]:
    return [
        (t.name, len(t.commitments), sum(len(c.actions) for c in t.commitments))
        for t in plan.themes
    ]


@pytest.fixture
def progress_report(reference_dir) -> ParsedPlan:
    return read(reference_dir, PROGRESS_REPORT)


@pytest.fixture
def framework(reference_dir) -> ParsedPlan:
    return read(reference_dir, FRAMEWORK)


@pytest.fixture
def mid_west_wales(reference_dir) -> ParsedPlan:
    return read(reference_dir, MID_WEST_WALES)


# The 2018/19 progress report -------------------------------------------------------------
#
# Each filled "Section" cell starts a commitment, a blank one is "same as above"; each "We
# Will" row is an action, except rows split by a page break (lines 79, 194, 196, 200, 228, 234,
# 236), which are the rest of the row above. Rated table / FUTURE ACTIVITY table:
#   PREPARE  2 sections, 2 rows  / 3 sections, 3 rows   →  5 commitments,  5 actions
#   PURSUE   3 sections, 3 rows  / 3 sections, 7 rows   →  6 commitments, 10 actions
#   PREVENT  8 sections, 9 rows  / 11 sections, 14 rows → 19 commitments, 23 actions
#   PROTECT  5 sections, 6 rows  / 6 sections, 8 rows   → 11 commitments, 14 actions
#   SUPPORT  5 sections, 5 rows  / 8 sections, 8 rows   → 13 commitments, 13 actions
#   total: 5 themes, 54 commitments, 65 actions, of which 40 are future activity.


def test_progress_report_counts_match_the_document(progress_report):
    assert per_theme(progress_report) == [
        ("PREPARE", 5, 5),
        ("PURSUE", 6, 10),
        ("PREVENT", 19, 23),
        ("PROTECT", 11, 14),
        ("SUPPORT", 13, 13),
    ]
    future = [a for a in progress_report.actions() if a.future_activity]
    assert len(future) == 40


def test_progress_report_rag_glyphs_are_unknown_and_future_activity_has_none(progress_report):
    rated = [a for a in progress_report.actions() if not a.future_activity]
    # Every progress cell is a stray glyph ("16", "•"); the Needs Assessment row has none.
    assert [a.rag for a in rated].count("unknown") == len(rated) - 1
    assert rated[0].text.startswith("Continually improve data collection") and rated[0].rag is None
    assert {a.rag for a in progress_report.actions() if a.future_activity} == {None}
    glyph_warnings = [w for w in progress_report.warnings if "RAG status" in w.message]
    assert len(glyph_warnings) == 24
    assert ("line 211", True) in [(w.location, "“•”" in w.message) for w in glyph_warnings]


def test_progress_report_rows_split_by_a_page_break_are_joined(progress_report):
    prepare = progress_report.themes[0]
    needs = prepare.commitments[0]
    assert needs.text == "Needs Assessment"
    assert needs.actions[0].timescale == "Annually and Ongoing"
    protect = progress_report.themes[3]
    marac = [c for c in protect.commitments if c.text.endswith("Conference (MARAC)")][-1]
    assert marac.text == "Multi-Agency Risk Assessment Conference (MARAC)"
    assert marac.actions[0].text == (
        "Review the findings of the research into the future of MARAC and consider any impact "
        "on existing processes"
    )
    assert marac.actions[0].due_date == datetime.date(2019, 6, 30)
    assert marac.actions[0].future_activity is True


def test_progress_report_blank_section_means_same_as_above(progress_report):
    pursue = progress_report.themes[1]
    offenders = next(c for c in pursue.commitments if c.text == "Integrated Offender Management")
    assert [a.text for a in offenders.actions] == [
        "Trial and evaluate the MATAC Intervention for perpetrators of domestic abuse",
        "Evaluate the impact of Drive including impact on victims and children",
    ]


def test_progress_report_narratives_keep_date_amendments_and_changed_activities(progress_report):
    notes = [(n["location"], n["notes"]) for n in progress_report.narratives if n["notes"]]
    assert notes == [
        ("line 138", ["Dates to be amended"]),
        ("line 140", ["Date to be amended"]),
        ("line 146", ["Date to be amended"]),
        (
            "line 187",
            [
                "Change activity to: Establish and implement the Vulnerabilities and "
                "Exploitation Pathway by March 2021"
            ],
        ),
        ("line 206", ["Date to be amended"]),
        ("line 216", ["Date to be amended"]),
    ]
    male = next(n for n in progress_report.narratives if n["location"] == "line 216")
    assert (male["theme"], male["sections"]) == ("SUPPORT", ["Male Victims"])
    assert "*" not in male["text"]


def test_progress_report_governance_list_is_kept_as_narrative_not_actions(progress_report):
    # The groups' table lists what the governance paragraph announces ("…the following groups
    # and meeting frequencies:"), so its cells become that paragraph's lines.
    (governance,) = [n for n in progress_report.narratives if n["location"] == "line 84"]
    lines = governance["text"].split("\n")
    assert lines[0].endswith("comprising the following groups and meeting frequencies:")
    assert lines[1:3] == [
        "Regional VAWDASV Steering Group (Quarterly)",
        "Domestic Homicide Review Panels (local) (As necessary)",
    ]
    assert len(lines) == 13
    assert "Regional VAWDASV Steering Group" not in " ".join(
        a.text for a in progress_report.actions()
    )
    assert any(w.location == "line 87" for w in progress_report.warnings)


def test_progress_report_introduction_is_kept_with_its_key_as_lines(progress_report):
    paragraphs = progress_report.introduction.split("\n\n")
    assert paragraphs[0].startswith(
        "This progress report on the action plan for 2018/19 outlines the first year of the "
        "implementation of the Cardiff and Vale of Glamorgan"
    )
    assert paragraphs[2].split("\n") == [
        "This progress report uses the following RAG ratings throughout:",
        "Indicates poor or no progress, or the activity is no longer relevant",
        "Indicates some progress, or the activity requires a change",
        "Indicates good progress being made or the activity has been completed",
    ]
    assert paragraphs[-1].startswith("Where necessary new actions have been identified")
    assert "*" not in progress_report.introduction


def _topics(parsed, theme, part):
    return [n["topic"] for n in parsed.narratives if n["theme"] == theme and n["part"] == part]


def test_progress_report_narratives_name_their_section_by_the_words_in_bold_or_italics(
    progress_report,
):
    assert _topics(progress_report, "PREPARE", "table") == [
        "Needs Assessment",  # "*Needs Assessment*" is the first words in italics
        "Governance",
        "Governance",  # a paragraph naming no section continues the one above
    ]
    assert _topics(progress_report, "PREPARE", "future") == ["Survivor Engagement"]
    # "Both local authorities … *White Ribbon* status": the start of "White Ribbon Campaign",
    # though the paragraph also names "Sexual Violence" in passing.
    assert _topics(progress_report, "PREVENT", "future") == ["White Ribbon Campaign"]
    assert _topics(progress_report, "SUPPORT", "future") == [
        "People from a BME Background",
        "Sexual Assault Referral Centre (SARC)",
        "Older People",
        "Sex Workers",
    ]
    assert all(n["topic"] for n in progress_report.narratives)


def test_progress_report_paragraph_cut_by_a_page_break_is_joined(progress_report):
    (formal,) = [n for n in progress_report.narratives if n["topic"] == "Formal Reviews"]
    assert formal["text"].endswith(
        "this is still awaited. Date to be included once information received from Welsh Government"
    )
    assert not any(n["text"].startswith("to be included") for n in progress_report.narratives)


def test_progress_report_columns_are_mapped_by_meaning(progress_report):
    (mapping,) = progress_report.mapping  # the same header is repeated for each chapter
    assert [(c["header"], c["field"]) for c in mapping["columns"]] == [
        ("Section", "commitment"),
        ("We Will", "action"),
        ("Ву", "timescale"),  # written with Cyrillic letters in the converted text
        ("Progress", "rag"),
    ]


# The national delivery framework -----------------------------------------------------------
#
# Objectives 1–6 each become a theme with one commitment (the objective, its number as the
# reference). Counted from the "We will:" lists under each objective (bullets, plus the
# un-bulleted first items; a bullet continuing a sentence over a page break, such as line 743
# "- including quality service standards…", is part of the item above):
#   Objective 1: 3 + 5 + 3 + 8 = 19       Objective 4: 5 + 2 + 3 + 3 = 13
#   Objective 2: 3 + 5 + 2 + 1 = 11       Objective 5: 4 + 2 + 1 + 6 + 3 + 2 + 3 + 1 + 1 + 1 = 24
#   Objective 3: 5 + 5 + 6 = 16           Objective 6: 2 + 2 + 2 + 2 + 1 + 1 + 4 + 2 + 1 = 17
#   total: 6 themes, 6 commitments, 100 actions


def test_framework_counts_match_the_document(framework):
    assert per_theme(framework) == [
        ("Objective 1", 1, 19),
        ("Objective 2", 1, 11),
        ("Objective 3", 1, 16),
        ("Objective 4", 1, 13),
        ("Objective 5", 1, 24),
        ("Objective 6", 1, 17),
    ]


def test_framework_objective_is_the_commitment_with_its_number(framework):
    commitment = framework.themes[3].commitments[0]
    assert (commitment.ref, commitment.text) == (
        "4",
        "Make early intervention and prevention a priority",
    )
    assert framework.themes[3].aim == commitment.text


def test_framework_we_will_items_become_actions_without_we_will(framework):
    actions = [a.text for a in framework.themes[0].commitments[0].actions]
    assert actions[0] == (
        "Continue to develop new campaigns in partnership with stakeholders and survivors;"
    )
    assert (
        actions[3] == "Jointly chair the FGM, HBV and FM Leadership Group with the Crown "
        "Prosecution Service;"
    )
    objective_4 = [a.text for a in framework.themes[3].commitments[0].actions]
    assert objective_4[6].startswith("Continue to monitor the impact of these documents")
    assert not any(text.lower().startswith("we will") for text in objective_4)


def test_framework_item_split_over_lines_and_pages_is_one_action(framework):
    objective_5 = [a.text for a in framework.themes[4].commitments[0].actions]
    prosecution = next(t for t in objective_5 if t.startswith("Work with the Crown Prosecution"))
    assert "to increasing prosecutions that incorporates" in prosecution
    assert prosecution.endswith("(who could potentially be part of jury selection);")
    objective_6 = [a.text for a in framework.themes[5].commitments[0].actions]
    assert any(
        t.endswith(
            "areas by including quality service standards and Frameworks within "
            "the commissioning guidance; and"
        )
        for t in objective_6
    )


def test_framework_we_have_items_are_achievements(framework):
    first = framework.achievements[0]
    assert first["theme"] == "Objective 1"
    assert first["text"].startswith("Developed and implemented a Communications Framework")
    assert first["location"] == "line 147"
    texts = [a["text"] for a in framework.achievements]
    assert not any("continue to develop new campaigns" in t for t in texts)


# The Mid and West Wales strategy ---------------------------------------------------------
#
# Strategic Priorities 1–6, each with one "We will" list of "·" bullets (lines 1095, 1141,
# 1197 "We will ensure … by;", 1249, 1294, 1337): 6 + 6 + 7 + 11 + 6 + 4 = 40 actions.


def test_mid_west_wales_counts_match_the_document(mid_west_wales):
    assert per_theme(mid_west_wales) == [
        ("Strategic Priority 1", 1, 6),
        ("Strategic Priority 2", 1, 6),
        ("Strategic Priority 3", 1, 7),
        ("Strategic Priority 4", 1, 11),
        ("Strategic Priority 5", 1, 6),
        ("Strategic Priority 6", 1, 4),
    ]


def test_mid_west_wales_sample_actions(mid_west_wales):
    priority_3 = mid_west_wales.themes[2].commitments[0]
    assert priority_3.ref == "3"
    assert priority_3.text.startswith("Increase focus on holding perpetrators to account")
    assert priority_3.actions[0].text == (
        "Consider the learning and effectiveness of approaches and interventions operating in "
        "the region and beyond"
    )
    priority_6 = mid_west_wales.themes[5].commitments[0]
    assert priority_6.actions[-1].text.startswith("Review existing commissioning arrangements")
    assert mid_west_wales.achievements == []  # its "We have …" sentences are context, not lists
