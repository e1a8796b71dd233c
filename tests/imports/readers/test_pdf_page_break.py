"""PDF text at the top of a page, after a table that reached the foot of the page before."""

from __future__ import annotations

from fpdf import FPDF

from tests.imports.corpus.generated import PAGE_BREAK, _page_break_pdf
from vawdasv.imports.document import Table, TextLine
from vawdasv.imports.interpret import interpret
from vawdasv.imports.readers import read_document

ROWS = [
    ["Commitment", "Action", "Timescale", "Lead"],
    ["We will listen to survivors", "Set up a survivors' panel", "June 2026", "Tawe Council"],
]


def _table_then_paragraph() -> bytes:
    pdf = FPDF(orientation="landscape")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "Engagement", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(first_row_as_headings=False) as table:
        for values in ROWS:
            row = table.row()
            for text in values:
                row.cell(text)
    pdf.add_page()
    pdf.multi_cell(
        0,
        6,
        "The panel will meet every quarter and its members will be paid for their time, "
        "so that people who have lived through abuse shape every part of this plan.",
    )
    return bytes(pdf.output())


def test_the_rest_of_a_row_carried_over_a_page_break_is_put_in_its_column():
    document = read_document(_page_break_pdf(), "plan.pdf")
    carried = [b for b in document.blocks if isinstance(b, Table) and "carried" in b.location]
    assert len(carried) == 1
    assert carried[0].rows[0].cells == ["", "and weekends across the county", "", ""]
    texts = [a.text for a in interpret(document).actions()]
    assert texts == [action["text"] for action in PAGE_BREAK.actions]


def test_a_paragraph_at_the_top_of_the_next_page_stays_a_paragraph():
    document = read_document(_table_then_paragraph(), "plan.pdf")
    assert not any(isinstance(b, Table) and "carried" in b.location for b in document.blocks)
    assert any(isinstance(b, TextLine) and "panel will meet" in b.text for b in document.blocks)
    assert [a.text for a in interpret(document).actions()] == ["Set up a survivors' panel"]
