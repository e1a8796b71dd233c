"""Indicator rows in the Open SDG CSV layout (the open-data export and `export-indicators`).

One CSV per indicator, with the columns

    Year, <one column per disaggregation>, GeoCode, Units, Value, Status

``Year`` is the period as written ("2025/26 Q2", "2016/17"); a blank disaggregation cell means
"all"; ``GeoCode`` is a GSS code, a partnership's slug or ``W92000004`` for Wales. Open SDG has
no state for a withheld figure, so ``Status`` carries it (``value``, ``suppressed``,
``missing``, ``not applicable`` or ``denominator missing``) and ``Value`` is empty unless the
status is ``value``: a withheld number is dropped here even if a caller passes it, so it can
never leak into a file. Text goes through `vawdasv.lib.tabular`, which neutralises formulas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from vawdasv.lib import tabular
from vawdasv.outcomes.disclosure import CellState

WALES_GEOCODE = "W92000004"
FIXED_BEFORE = ("Year",)
FIXED_AFTER = ("GeoCode", "Units", "Value", "Status")


class Status(StrEnum):
    """A published figure's state; the words are the ones written in the Status column."""

    VALUE = "value"
    SUPPRESSED = "suppressed"
    MISSING = "missing"
    NOT_APPLICABLE = "not applicable"
    DENOMINATOR_MISSING = "denominator missing"


@dataclass(frozen=True)
class Row:
    """One figure: a period, an area, a combination of categories (absent = all) and a value."""

    year: str
    geocode: str
    units: str
    status: Status
    value: int | Decimal | None = None
    disaggregations: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status is Status.VALUE and self.value is None:
            raise ValueError(f"{self.year} {self.geocode}: the status is value but there is none.")
        if isinstance(self.value, float | bool):
            raise TypeError("Values are whole numbers or Decimals, never floats.")


def status_of(state: CellState, missing: Status = Status.MISSING) -> Status:
    """The Status word for a cell after disclosure control (``missing`` says which absence)."""
    if state.suppressed:
        return Status.SUPPRESSED
    return Status.VALUE if state is CellState.VALUE else missing


def columns_of(rows: Iterable[Row]) -> list[str]:
    """The disaggregation columns the rows use, in the order they first appear."""
    seen: dict[str, None] = {}
    for row in rows:
        for name in row.disaggregations:
            seen.setdefault(name, None)
    return list(seen)


def header(disaggregations: Sequence[str]) -> list[str]:
    """The header line: Year, the disaggregations, then GeoCode, Units, Value and Status."""
    clash = set(disaggregations) & {*FIXED_BEFORE, *FIXED_AFTER}
    if clash:
        raise ValueError(f"A disaggregation cannot be called {sorted(clash)[0]}.")
    return [*FIXED_BEFORE, *disaggregations, *FIXED_AFTER]


def plain_number(value: int | Decimal) -> int | Decimal:
    """A number as a reader expects it: 10, not 1E+1; 0.5, not 5E-1."""
    if isinstance(value, int):
        return value
    return Decimal(format(value, "f"))


def table(
    rows: Sequence[Row], disaggregations: Sequence[str] | None = None
) -> list[list[tabular.Value]]:
    """The header and one line per row, as values for `tabular.csv_bytes`."""
    names = list(disaggregations) if disaggregations is not None else columns_of(rows)
    lines: list[list[tabular.Value]] = [list(header(names))]
    for row in rows:
        unknown = set(row.disaggregations) - set(names)
        if unknown:
            raise ValueError(f"{row.year} {row.geocode}: no column {sorted(unknown)[0]}.")
        value = (
            plain_number(row.value)
            if row.status is Status.VALUE and row.value is not None
            else None
        )
        lines.append(
            [
                row.year,
                *(row.disaggregations.get(name, "") for name in names),
                row.geocode,
                row.units,
                value,
                str(row.status),
            ]
        )
    return lines


def csv_bytes(rows: Sequence[Row], disaggregations: Sequence[str] | None = None) -> bytes:
    """The indicator's CSV file (UTF-8 with a byte-order mark, formula-safe)."""
    return tabular.csv_bytes(table(rows, disaggregations))
