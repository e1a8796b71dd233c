"""PDF plans: the text layer's lines and ruled tables, each read once; scans refused plainly."""

from __future__ import annotations

import pytest

from tests.imports.readers import builders
from vawdasv.imports.document import SourceDocument, Table, TextLine, UnreadableDocument
from vawdasv.imports.interpret import interpret
from vawdasv.imports.readers import read_document


@pytest.fixture(scope="module")
def pdf_plan() -> SourceDocument:
    return read_document(builders.plan_pdf(), "implementation-plan.pdf")


def test_the_title_and_heading_above_the_table_are_heading_lines_of_their_page(pdf_plan):
    assert pdf_plan.blocks[:2] == [
        TextLine(text="Implementation Plan 2023-2028", location="page 1", style="heading"),
        TextLine(text="PREPARE", location="page 1", style="heading"),
    ]


def test_the_table_is_read_row_by_row_with_its_cells(pdf_plan):
    table = pdf_plan.blocks[2]
    assert isinstance(table, Table)
    assert table.location == "page 1, table 1"
    assert table.rows[0].cells == builders.HEADER
    assert [row.location for row in table.rows][1] == "page 1, table 1, row 2"
    # Blank "same as above" cells stay blank; wrapped cell text keeps its line breaks.
    assert table.rows[2].cells[0] == ""
    assert " ".join(table.rows[1].cells[0].split()) == builders.PREPARE_ROWS[0][0]
    assert table.rows[3].cells[3:] == builders.PREPARE_ROWS[2][3:]


def test_text_inside_the_table_is_not_read_again_as_loose_lines(pdf_plan):
    lines = [block for block in pdf_plan.blocks if isinstance(block, TextLine)]
    assert [line.text for line in lines] == ["Implementation Plan 2023-2028", "PREPARE"]


def test_the_pdf_plan_is_understood_like_the_word_plan(pdf_plan):
    plan = interpret(pdf_plan)
    counts = plan.counts()
    assert (counts.themes, counts.commitments, counts.actions) == (1, 2, 4)
    assert plan.title == "Implementation Plan 2023-2028"
    assert plan.themes[0].name == "PREPARE"
    commitment = plan.themes[0].commitments[0]
    assert commitment.text == builders.PREPARE_ROWS[0][0]
    assert commitment.actions[1].leads == ["Regional Team", "Providers"]
    assert commitment.actions[0].text == builders.PREPARE_ROWS[0][1]


def test_a_scanned_pdf_with_no_text_layer_is_refused_with_the_reason():
    with pytest.raises(UnreadableDocument, match="no text layer") as refused:
        read_document(builders.scanned_pdf(), "scan.pdf")
    assert "scan.pdf" in str(refused.value)


def test_a_password_protected_pdf_is_refused_with_the_reason():
    with pytest.raises(UnreadableDocument, match="password-protected PDF"):
        read_document(builders.password_pdf(), "secret.pdf")
