"""Excel and CSV plans: a header row in any column order, merged cells, dates, encodings."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from tests.imports.readers import builders
from vawdasv.imports.document import Table, TextLine
from vawdasv.imports.interpret import interpret
from vawdasv.imports.readers import read_document
from vawdasv.imports.readers.spreadsheet import cell_text


def only_table(document) -> Table:
    found = [block for block in document.blocks if isinstance(block, Table)]
    assert len(found) == 1
    return found[0]


def test_a_named_worksheet_is_a_heading_above_its_table():
    document = read_document(builders.plan_xlsx(), "plan.xlsx")
    assert document.blocks[0] == TextLine(
        text="Implementation plan", location="sheet Implementation plan", style="heading"
    )
    assert isinstance(document.blocks[1], Table)


def test_worksheet_rows_keep_their_row_numbers_merged_cells_and_dates_as_text():
    table = only_table(read_document(builders.plan_xlsx(), "plan.xlsx"))
    assert table.rows[0].cells == ["PREPARE"]  # merged across A1:E1
    assert table.rows[1].location == "sheet Implementation plan, row 2"
    first = table.rows[2].cells
    assert first[1] == "Mar 2026"  # a date cell, written as plans write timescales
    assert table.rows[4].cells[2] == builders.PREPARE_ROWS[2][0]
    assert table.rows[5].cells[2] == ""  # the merged commitment cell: same as above


def test_a_workbook_with_shuffled_columns_is_understood_by_meaning():
    plan = interpret(read_document(builders.plan_xlsx(), "plan.xlsx"))
    counts = plan.counts()
    assert (counts.themes, counts.commitments, counts.actions) == (1, 2, 4)
    assert plan.themes[0].name == "PREPARE"
    first = plan.themes[0].commitments[0].actions[0]
    assert first.text == builders.PREPARE_ROWS[0][1]
    assert first.leads == ["Regional Team"]
    assert first.due_date == datetime.date(2026, 3, 31)
    assert [a.text for a in plan.themes[0].commitments[1].actions] == [
        builders.PREPARE_ROWS[2][1],
        builders.PREPARE_ROWS[3][1],
    ]


def test_a_sheet_named_by_excel_is_not_taken_as_a_theme():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(builders.HEADER)
    for row in builders.PREPARE_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    document = read_document(buffer.getvalue(), "plan.xlsx")
    assert [type(block) for block in document.blocks] == [Table]
    assert document.blocks[0].location == "sheet Sheet"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (builders.plan_csv(), "plan.csv"),
        (builders.plan_csv(delimiter=";", encoding="cp1252"), "plan.csv"),
        (builders.plan_csv(encoding="utf-8-sig"), "plan.csv"),
        (builders.plan_csv(delimiter="\t"), "plan.tsv"),
        (builders.plan_csv(), "pasted"),  # no extension: recognised as CSV by its rows
    ],
    ids=["comma", "semicolon-windows-1252", "utf8-bom", "tab", "sniffed"],
)
def test_csv_plans_are_read_in_every_common_dialect(data, name):
    document = read_document(data, name)
    table = only_table(document)
    assert table.rows[0].cells == builders.HEADER
    assert table.rows[3].cells == builders.PREPARE_ROWS[2]
    assert table.rows[2].location == "row 3"
    counts = interpret(document).counts()
    assert (counts.commitments, counts.actions) == (2, 4)


def test_a_csv_written_on_windows_keeps_its_dashes_and_accents():
    text = (
        "Commitment,Milestones/Actions,Timescale,Lead\n"
        "We will plan,Ask Cyngor Bro Morgannwg – Vale,Mar 2026,Tîm\n"
    )
    table = only_table(read_document(text.encode("cp1252"), "plan.csv"))
    assert table.rows[1].cells[1] == "Ask Cyngor Bro Morgannwg – Vale"
    assert table.rows[1].cells[3] == "Tîm"


def test_a_csv_cell_over_several_lines_is_one_row_located_at_its_first_line():
    data = (
        b"Commitment,Milestones/Actions\n"
        b'"We will plan","First line\nsecond line"\n'
        b"We will act,Do it\n"
    )
    table = only_table(read_document(data, "plan.csv"))
    assert table.rows[1].cells == ["We will plan", "First line\nsecond line"]
    assert [row.location for row in table.rows] == ["row 1", "row 2", "row 4"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime.datetime(2026, 3, 1), "Mar 2026"),
        (datetime.datetime(2025, 9, 30), "Sep 2025"),
        (datetime.date(2024, 11, 15), "15 Nov 2024"),
        (2026.0, "2026"),
        (1.5, "1.5"),
        (None, ""),
        ("  Regional\tTeam  ", "Regional Team"),
    ],
)
def test_cell_values_become_the_text_a_plan_shows(value, text):
    assert cell_text(value) == text
