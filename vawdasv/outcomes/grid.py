"""The return as a grid of inputs (measures and their categories × areas), read back as cells.

One text box per cell, so the page works without JavaScript and a keyboard moves through it.
What people type follows the Government Statistical Service's shorthand: a number (0 is zero),
"x" when the figure is not available, "z" when it does not apply; an empty box is blank, never 0.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from vawdasv.lib.bilingual import read
from vawdasv.outcomes import geography
from vawdasv.outcomes.enums import ValueState
from vawdasv.outcomes.models import DataReturn
from vawdasv.outcomes.validation import Cell, CellValue

NOT_AVAILABLE = "x"
NOT_APPLICABLE = "z"


def field_name(cell: Cell) -> str:
    return f"v-{cell[0]}-{cell[1]}-{cell[2] or 0}"


def comment_name(cell: Cell) -> str:
    return "c" + field_name(cell)[1:]


def shown(value: CellValue | None) -> str:
    """A stored value as typed in the box."""
    if value is None:
        return ""
    if value.state == ValueState.ZERO:
        return "0"
    if value.state == ValueState.NOT_AVAILABLE:
        return NOT_AVAILABLE
    if value.state == ValueState.NOT_APPLICABLE:
        return NOT_APPLICABLE
    return f"{value.number.normalize():f}" if value.number is not None else ""


def parse_entry(text: str) -> CellValue | None:
    """A box's text as a value; None for an empty box; ValueError for anything else."""
    entry = text.strip().lower().strip("[]").replace(",", "")
    if not entry:
        return None
    if entry == NOT_AVAILABLE:
        return CellValue(ValueState.NOT_AVAILABLE)
    if entry == NOT_APPLICABLE:
        return CellValue(ValueState.NOT_APPLICABLE)
    try:
        number = Decimal(entry)
    except InvalidOperation as error:
        raise ValueError(entry) from error
    if not number.is_finite() or abs(number) >= Decimal(10) ** 12:
        raise ValueError(entry)
    if number == 0:
        return CellValue(ValueState.ZERO)
    return CellValue(ValueState.NUMBER, number)


@dataclass
class GridCell:
    cell: Cell
    name: str
    label: str
    text: str
    error: str = ""
    theirs: str | None = None  # the other person's saved value, after a clash
    comment: str = ""
    ask_comment: bool = False  # an outlier to confirm or explain, or a comment already made

    @property
    def comment_name(self) -> str:
        return comment_name(self.cell)


@dataclass
class GridRow:
    heading: str
    is_total: bool
    cells: list[GridCell] = field(default_factory=list)


@dataclass
class Grid:
    areas: list[str]
    rows: list[GridRow]


def build(
    data_return: DataReturn,
    values: Mapping[Cell, CellValue],
    typed: Mapping[str, str] | None = None,
    errors: Mapping[Cell, str] | None = None,
    theirs: Mapping[Cell, CellValue] | None = None,
    flagged: frozenset[Cell] = frozenset(),
) -> Grid:
    """Rows of boxes with the stored (or just typed) text; a label per box for screen readers."""
    day: datetime.date = data_return.period_end
    areas = geography.areas_of(data_return)
    rows: list[GridRow] = []
    for measure in data_return.measures.prefetch_related("category_sets__categories__labels"):
        name = str(read(measure, "name"))
        places: list[tuple[int | None, str]] = [(None, _("All"))]
        for category_set in measure.category_sets.all():
            for category in category_set.categories.all():
                label = category.label_on(day)
                places.append((category.pk, str(read(label, "label")) if label else category.code))
        for category_id, category_label in places:
            heading = name if category_id is None else f"{name}: {category_label}"
            row = GridRow(heading, category_id is None)
            for area in areas:
                cell = (measure.code, area.code, category_id)
                key = field_name(cell)
                text = typed[key] if typed is not None and key in typed else shown(values.get(cell))
                stored = values.get(cell)
                note_key = comment_name(cell)
                note = (
                    typed[note_key]
                    if typed is not None and note_key in typed
                    else (stored.comment if stored else "")
                )
                row.cells.append(
                    GridCell(
                        cell,
                        key,
                        f"{heading}, {read(area, 'name')}",
                        text,
                        (errors or {}).get(cell, ""),
                        shown(theirs.get(cell)) if theirs is not None else None,
                        note,
                        cell in flagged or bool(note),
                    )
                )
            rows.append(row)
    return Grid([str(read(a, "name")) for a in areas], rows)


def read_posted(
    grid: Grid, posted: Mapping[str, str]
) -> tuple[dict[Cell, CellValue | None], dict[Cell, str]]:
    """The posted boxes as cells, and a message for every box that is not a value."""
    values: dict[Cell, CellValue | None] = {}
    errors: dict[Cell, str] = {}
    for row in grid.rows:
        for box in row.cells:
            try:
                value = parse_entry(posted.get(box.name, ""))
                note = posted.get(box.comment_name, "").strip()[:2000]
                values[box.cell] = (
                    CellValue(value.state, value.number, note) if value is not None else None
                )
            except ValueError:
                errors[box.cell] = _(
                    '%(label)s: enter a number, 0, "x" (not available) or "z" (not applicable)'
                ) % {"label": box.label}
    return values, errors
