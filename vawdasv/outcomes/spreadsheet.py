"""A return as a spreadsheet: the .xlsx template the platform makes, and reading an upload.

One row per cell (long format), so the same columns work in .xlsx and .csv:

    return | <id> | <period>                 (row 1: which return this file is for)
    measure | category | area | value | comment   (row 2: the header)

`value` takes what the web grid takes (grid.parse_entry): a number, 0, "x" (not available),
"z" (not applicable), or nothing (blank, never 0). Reading is all or nothing: every problem is
collected with its sheet, row and column, and nothing is saved if there is one.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.utils.translation import gettext as _

from vawdasv.lib import tabular
from vawdasv.lib.text import normalise_text
from vawdasv.outcomes import geography, grid
from vawdasv.outcomes.models import DataReturn
from vawdasv.outcomes.validation import Cell, CellValue

SHEET = "Return"
HEADER = ("measure", "category", "area", "value", "comment")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000


@dataclass(frozen=True)
class UploadProblem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row:
            return _("%(sheet)s, row %(row)s, column %(column)s: %(message)s") % {
                "sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message,
            }  # fmt: skip
        return self.message


class UploadRefused(Exception):
    def __init__(self, problems: list[UploadProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _cells(data_return: DataReturn) -> list[tuple[Cell, str]]:
    """Every cell of the return, with its category's code ('' for all)."""
    out: list[tuple[Cell, str]] = []
    areas = sorted(area.code for area in geography.areas_of(data_return))
    for measure in data_return.measures.prefetch_related("category_sets__categories"):
        places: list[tuple[int | None, str]] = [(None, "")]
        for category_set in measure.category_sets.all():
            places += [
                (c.pk, f"{category_set.code}:{c.code}") for c in category_set.categories.all()
            ]
        for category_id, code in places:
            for area in areas:
                out.append(((measure.code, area, category_id), code))
    return out


def template(data_return: DataReturn, values: dict[Cell, CellValue]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    tabular.append_row(sheet, ["return", data_return.pk, data_return.period_label])
    tabular.append_row(sheet, list(HEADER))
    for cell, code in _cells(data_return):
        value = values.get(cell)
        tabular.append_row(
            sheet, [cell[0], code, cell[1], grid.shown(value), value.comment if value else ""]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rows(name: str, content: bytes) -> tuple[str, list[list[Any]]]:
    lower = name.lower()
    if len(content) > MAX_BYTES:
        raise UploadRefused([UploadProblem("", 0, "", _("The file is larger than 5 MB."))])
    if lower.endswith(".xlsx"):
        if not zipfile.is_zipfile(io.BytesIO(content)):
            raise UploadRefused([UploadProblem("", 0, "", _("This is not an .xlsx file."))])
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise UploadRefused(
                [UploadProblem("", 0, "", _("The spreadsheet cannot be read."))]
            ) from error
        if SHEET not in workbook.sheetnames:
            raise UploadRefused(
                [UploadProblem("", 0, "", _('The workbook has no sheet called "%(sheet)s".')
                               % {"sheet": SHEET})]
            )  # fmt: skip
        rows = [
            list(r)
            for _i, r in zip(
                range(MAX_ROWS + 3), workbook[SHEET].iter_rows(values_only=True), strict=False
            )
        ]
        workbook.close()
        return SHEET, rows
    if lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UploadRefused(
                [UploadProblem("", 0, "", _("The file is not a UTF-8 CSV file."))]
            ) from error
        return "CSV", [list(r) for r in csv.reader(io.StringIO(text))][: MAX_ROWS + 3]
    raise UploadRefused([UploadProblem("", 0, "", _("Upload an .xlsx or .csv file."))])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalise_text(str(value)).strip()


def read_upload(data_return: DataReturn, name: str, content: bytes) -> dict[Cell, CellValue | None]:
    sheet, rows = _rows(name, content)
    if len(rows) > MAX_ROWS + 2:
        raise UploadRefused([UploadProblem(sheet, 0, "", _("The file has too many rows."))])
    first = [_text(v) for v in (rows[0] if rows else [])] + ["", "", ""]
    if first[0] != "return" or first[1] != str(data_return.pk):
        raise UploadRefused([UploadProblem(
            sheet, 1, "A", _("This file is not the template for this return: download the "
                             "template for %(period)s and fill that in.")
            % {"period": data_return.period_label},
        )])  # fmt: skip
    header = [_text(v).lower() for v in (rows[1] if len(rows) > 1 else [])]
    if header[: len(HEADER)] != list(HEADER):
        raise UploadRefused([UploadProblem(
            sheet, 2, "A", _("The header must be: %(header)s.") % {"header": ", ".join(HEADER)}
        )])  # fmt: skip
    known = {(cell[0], cell[1], code): cell for cell, code in _cells(data_return)}
    values: dict[Cell, CellValue | None] = {}
    problems: list[UploadProblem] = []
    for number, raw in enumerate(rows[2:], start=3):
        row = [_text(v) for v in raw] + [""] * 5
        if not any(row[:5]):
            continue
        cell = known.get((row[0], row[2], row[1]))
        if cell is None:
            problems.append(UploadProblem(
                sheet, number, "A", _("No measure, category and area like this in the return.")
            ))  # fmt: skip
            continue
        if cell in values:
            problems.append(UploadProblem(sheet, number, "A", _("This cell appears twice.")))
            continue
        try:
            value = grid.parse_entry(row[3])
        except ValueError:
            problems.append(UploadProblem(
                sheet, number, "D",
                _('Not a value: enter a number, 0, "x" (not available) or "z" (not applicable).'),
            ))  # fmt: skip
            continue
        comment = row[4][:2000]
        values[cell] = CellValue(value.state, value.number, comment) if value else None
    if problems:
        raise UploadRefused(problems)
    return values
