"""Word plans: blocks in document order, merged cells, repeated headers and split rows."""

from __future__ import annotations

import io

import docx
import pytest

from tests.imports.readers import builders
from vawdasv.imports.document import SourceDocument, Table, TextLine
from vawdasv.imports.interpret import interpret
from vawdasv.imports.readers import read_document


@pytest.fixture(scope="module")
def word_bytes() -> bytes:
    return builders.plan_docx()


@pytest.fixture(scope="module")
def word_plan(word_bytes: bytes) -> SourceDocument:
    return read_document(word_bytes, "implementation-plan.docx")


def tables(document: SourceDocument) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def test_headings_bullets_and_tables_come_in_document_order(word_plan):
    outline = [
        (block.style, block.text) if isinstance(block, TextLine) else ("table", block.location)
        for block in word_plan.blocks
    ]
    assert outline == [
        ("heading", "Implementation Plan 2023-2028"),
        ("heading", "Introduction"),
        ("body", "This plan sets out how the partnership will deliver its strategy."),
        ("bullet", builders.INTRODUCTION_BULLETS[0]),
        ("bullet", builders.INTRODUCTION_BULLETS[1]),
        ("heading", "PREPARE"),
        ("table", "table 1"),
        ("table", "table 2"),
        ("table", "table 3"),
    ]


def test_paragraph_and_row_locations_say_where_to_look(word_plan):
    assert word_plan.blocks[5].location == "paragraph 6"
    first = tables(word_plan)[0]
    assert [row.location for row in first.rows][:2] == ["table 1, row 1", "table 1, row 2"]


def test_a_cell_merged_across_the_row_gives_its_text_once(word_plan):
    pursue = tables(word_plan)[1]
    assert pursue.rows[0].cells == ["PURSUE", "", "", "", ""]


def test_a_cell_merged_down_the_column_leaves_the_rows_below_empty(word_bytes, word_plan):
    prepare = tables(word_plan)[0]
    commitment = builders.PREPARE_ROWS[2][0]
    # python-docx's own API repeats the merged text in the row below …
    below = docx.Document(io.BytesIO(word_bytes)).tables[0].rows[4].cells[0]
    assert below.text.strip() == commitment
    # … the reader gives it once, and "same as above" below.
    assert prepare.rows[3].cells[0] == commitment
    assert prepare.rows[4].cells == ["", *builders.PREPARE_ROWS[3][1:]]


def test_a_line_break_inside_a_cell_is_kept_as_a_new_line(word_plan):
    assert tables(word_plan)[0].rows[1].cells[2] == "Service map published\nonline"


def test_header_rows_repeated_after_a_page_break_are_kept_for_the_interpreter(word_plan):
    continued = tables(word_plan)[2]
    assert continued.rows[0].cells == builders.HEADER
    assert continued.rows[1].cells == builders.PURSUE_CONTINUED


def test_the_word_plan_is_understood_as_two_themes_four_commitments_and_six_actions(word_plan):
    plan = interpret(word_plan)
    counts = plan.counts()
    assert (counts.themes, counts.commitments, counts.actions) == (2, 4, 6)
    assert [theme.name for theme in plan.themes] == ["PREPARE", "PURSUE"]

    governance = plan.themes[0].commitments[1]
    assert governance.text == builders.PREPARE_ROWS[2][0]
    assert [action.text for action in governance.actions] == [
        builders.PREPARE_ROWS[2][1],
        builders.PREPARE_ROWS[3][1],
    ]
    assert governance.actions[0].leads == ["SWP", "PCC", "Regional Team"]
    assert governance.actions[1].timescale_kind == "recurring"

    shared = plan.themes[1].commitments[0].actions
    assert len(shared) == 1
    assert shared[0].text == (
        "Share intelligence between police and specialist services and with neighbouring regions"
    )
    assert shared[0].due_date.isoformat() == "2024-12-31"
    assert plan.themes[0].commitments[0].actions[0].evidence == "Service map published online"


def test_words_in_bold_or_italics_inside_a_paragraph_are_kept_as_its_emphasis():
    document = docx.Document()
    paragraph = document.add_paragraph("The regional ")
    paragraph.add_run("Govern").italic = True
    paragraph.add_run("ance").italic = True  # Word splits a phrase into runs at each edit
    paragraph.add_run(" structure is in place; ")
    paragraph.add_run("Date to be amended").bold = True
    document.add_paragraph().add_run("A bold line alone").bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_document(buffer.getvalue(), "report.docx")
    lines = [block for block in read.blocks if isinstance(block, TextLine)]
    assert lines[0].emphasis == ("Governance", "Date to be amended")
    assert (lines[1].style, lines[1].emphasis) == ("heading", ())


def _progress_report_docx() -> bytes:
    """Another partnership's Word progress report in the reference's shape."""
    document = docx.Document()
    document.add_heading("Safer Valleys Action Plan Progress Report 2023/24", 0)
    document.add_heading("Introduction", 1)
    document.add_paragraph("This report sets out the first year of the Safer Valleys plan.")
    document.add_paragraph("Partners met every quarter to review it.")
    document.add_heading("PREVENT", 1)
    rows = [
        ["Section", "We will", "By", "Progress"],
        ["Stalking", "Raise awareness of stalking", "March 2024", "Green"],
        ["Healthy Relationships", "Deliver lessons in every school", "March 2024", "Amber"],
    ]
    table = document.add_table(rows=0, cols=4)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    paragraph = document.add_paragraph("Work on ")
    paragraph.add_run("Healthy Relationships").bold = True
    paragraph.add_run(" reached every secondary school; stalking awareness is planned next.")
    paragraph = document.add_paragraph()
    paragraph.add_run("Stalking").bold = True
    paragraph.add_run(" awareness sessions were held for 200 staff.")
    document.add_heading("Future activity", 2)
    table = document.add_table(rows=0, cols=4)
    future = [rows[0], ["Online Safety", "Run an online safety campaign", "March 2025", ""]]
    for values in future:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    paragraph = document.add_paragraph("The ")
    paragraph.add_run("Online Safety").italic = True
    paragraph.add_run(" campaign will start in the autumn.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_progress_reports_introduction_and_narratives_keep_their_sections():
    parsed = interpret(read_document(_progress_report_docx(), "report.docx"))
    assert parsed.introduction == (
        "This report sets out the first year of the Safer Valleys plan.\n\n"
        "Partners met every quarter to review it."
    )
    assert [(n["theme"], n["part"], n["topic"]) for n in parsed.narratives] == [
        # The words in bold name the section, though the paragraph mentions stalking too.
        ("PREVENT", "table", "Healthy Relationships"),
        ("PREVENT", "table", "Stalking"),
        ("PREVENT", "future", "Online Safety"),  # the future table has its own header row
    ]
    assert [(a.text, a.future_activity, a.status) for a in parsed.actions()] == [
        ("Raise awareness of stalking", False, "Green"),
        ("Deliver lessons in every school", False, "Amber"),
        ("Run an online safety campaign", True, None),
    ]
