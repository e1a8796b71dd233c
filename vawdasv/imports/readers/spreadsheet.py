"""Excel (.xlsx) and CSV plans: rows under a header row, columns in any order.

Workbooks are opened read-only (rows are streamed, not loaded whole) with the values Excel last
calculated rather than formulas. Each worksheet becomes one table. In read-only mode a merged
cell's value is in its first cell only; the others come as empty strings, which the interpreter
reads as "same as above". Dates become text as a plan writes them ("Mar 2026"), so the
timescale rules are the same as for Word and PDF plans.
"""

from __future__ import annotations

import calendar
import csv
import datetime
import io
import re
from collections.abc import Iterable

import openpyxl
from django.utils.translation import gettext as _

from vawdasv.imports.document import (
    Block,
    SourceDocument,
    Table,
    TableRow,
    TextLine,
    UnreadableDocument,
)
from vawdasv.imports.readers.encoding import decode_text
from vawdasv.imports.readers.limits import ReadLimits, TableBudget

# Excel's own last row: a sheet claiming rows beyond it is not a real workbook.
EXCEL_MAX_ROWS = 1_048_576
# "Sheet1", "Taflen1": names Excel gives, which say nothing about the theme; "Actions" and
# "Camau gweithredu": the names the platform's own plan export gives its one sheet.
_DEFAULT_SHEET_NAME = re.compile(r"(sheet|taflen)\s*\d*|actions|camau gweithredu", re.IGNORECASE)


def _tidy(text: str) -> str:
    lines = (" ".join(line.replace("\t", " ").split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def cell_text(value: object) -> str:
    """A cell's value as the text a plan would show."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        value = value.date()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        last_day = calendar.monthrange(value.year, value.month)[1]
        if value.day in (1, last_day):
            return value.strftime("%b %Y")  # a month, as plans give timescales
        return f"{value.day} {value.strftime('%b %Y')}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _tidy(str(value))


def _trimmed(values: Iterable[object]) -> list[str]:
    cells = [cell_text(value) for value in values]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def cell_fills(row: Iterable[object]) -> dict[int, str]:
    """The solid fill colour ("RRGGBB") of each filled cell in a row, by column."""
    fills: dict[int, str] = {}
    for index, cell in enumerate(row):
        fill = getattr(cell, "fill", None)
        if fill is None or getattr(fill, "fill_type", None) != "solid":
            continue
        colour = getattr(fill.fgColor, "rgb", None)
        if isinstance(colour, str) and re.fullmatch(r"[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8}", colour):
            fills[index] = colour[-6:].upper()
    return fills


def _enormous(name: str) -> UnreadableDocument:
    return UnreadableDocument(
        _("“%(name)s” has more rows than Excel allows, so it is not a real workbook.")
        % {"name": name}
    )


def read_xlsx(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    budget = TableBudget(limits, name)
    blocks: list[Block] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged package
        raise UnreadableDocument(
            _(
                "“%(name)s” is an Excel workbook that cannot be opened; it may be damaged. "
                "Open it in Excel, save a new copy and import that."
            )
            % {"name": name}
        ) from exc
    title = (workbook.properties.title or "").strip() or None
    try:
        for sheet in workbook.worksheets:
            # Ignore the size the file claims for the sheet; read the rows it really has.
            sheet.reset_dimensions()
            rows: list[TableRow] = []
            for number, row in enumerate(sheet.iter_rows(), start=1):
                if number > EXCEL_MAX_ROWS:
                    raise _enormous(name)
                cells = _trimmed(cell.value for cell in row)
                if not cells:
                    continue
                fills = cell_fills(row)
                cells.extend([""] * (max(fills, default=-1) + 1 - len(cells)))
                budget.take(len(cells))
                location = _("sheet %(sheet)s, row %(row)s") % {
                    "sheet": sheet.title,
                    "row": number,
                }
                rows.append(TableRow(cells=cells, location=location, fills=fills))
            if not rows:
                continue
            where = _("sheet %(sheet)s") % {"sheet": sheet.title}
            if not _DEFAULT_SHEET_NAME.fullmatch(sheet.title.strip()):
                blocks.append(TextLine(text=sheet.title.strip(), location=where, style="heading"))
            blocks.append(Table(rows=rows, location=where))
    finally:
        workbook.close()
    return SourceDocument(name=name, blocks=blocks, title=title)


def _dialect(text: str, name: str) -> type[csv.Dialect] | str:
    if name.lower().endswith(".tsv"):
        return "excel-tab"
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return "excel"


def read_csv(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    text = decode_text(data, name)
    budget = TableBudget(limits, name)
    rows: list[TableRow] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), _dialect(text, name))
        first_line = 1  # a quoted cell may run over several lines; name the row's first
        for values in reader:
            cells = _trimmed(values)
            if cells:
                budget.take(len(cells))
                location = _("row %(row)s") % {"row": first_line}
                rows.append(TableRow(cells=cells, location=location))
            first_line = reader.line_num + 1
    except csv.Error as exc:
        raise UnreadableDocument(
            _("“%(name)s” is not a CSV file that can be read (%(problem)s).")
            % {"name": name, "problem": exc}
        ) from exc
    if not rows:
        return SourceDocument(name=name)
    return SourceDocument(name=name, blocks=[Table(rows=rows, location=name)])
