"""The one way the platform writes spreadsheets (.xlsx) and CSV files.

Spreadsheet programs run a cell whose text starts with "=", "+", "-" or "@" (and, in some
locales, their full-width forms "＝＋－＠", or any of them after leading spaces, a tab or a
carriage return) as a formula. Every text a partnership writes can end up in a download, some of
them public, so no text we write may become a formula ("CSV injection"):

- in an .xlsx file such text is stored as a string cell with Excel's "quote prefix" style: it
  shows and reads back exactly as typed, and stays text when someone edits the cell;
- in a CSV file, which has no types, it gets a leading apostrophe, the convention spreadsheet
  programs honour.

Numbers, dates and booleans are written as values, so a negative number stays a number; only
text is neutralised. Text is also made XML-safe (`vawdasv.lib.text.xml_safe`): a stray control
character must not make a download fail.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.worksheet.worksheet import Worksheet

from vawdasv.lib.text import xml_safe

Value = str | int | float | Decimal | bool | datetime.date | datetime.datetime | None

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Characters that make a spreadsheet read the rest of the cell as a formula.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
# Leading characters a spreadsheet may skip before it looks for a formula trigger.
_LEADING_BLANKS = " \u00a0\u3000\t\r\n"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    if not text:
        return False
    if text[0] in FORMULA_TRIGGERS:
        return True
    stripped = text.lstrip(_LEADING_BLANKS)
    return bool(stripped) and stripped[0] in FORMULA_TRIGGERS


def csv_cell(value: Value) -> str:
    """A value as CSV text: dates in ISO form, formula-like text behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = xml_safe(str(value))
    return f"'{text}" if looks_like_formula(text) else text


def csv_bytes(rows: Iterable[Sequence[Value]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Welsh letters such as ŵ and ŷ correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def set_cell(cell: SheetCell, value: Value) -> SheetCell:
    """Put a value in a worksheet cell; text is always stored as text, never as a formula."""
    if isinstance(value, str):
        text = xml_safe(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        if looks_like_formula(text):
            cell.quotePrefix = True
        return cell
    cell.value = value
    if isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    return cell


def append_row(sheet: Worksheet, values: Sequence[Value]) -> list[SheetCell]:
    """Add a row below the last one (as `Worksheet.append`), writing each value safely."""
    sheet.append([xml_safe(value) if isinstance(value, str) else value for value in values])
    row = sheet.max_row
    return [
        set_cell(sheet.cell(row=row, column=column), value)
        for column, value in enumerate(values, start=1)
    ]
