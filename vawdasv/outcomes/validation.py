"""Checks on a return's values, run on save, on upload and on submit.

Built in: a percentage lies between 0 and 100; the categories of a disaggregation add up to no
more than the total for the same area. Then the partnership's own rules (expressions over
measure codes, outcomes/expressions.py), checked for each area and category. A blocking problem
stops the save; a warning is shown with the values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from vawdasv.lib.bilingual import read
from vawdasv.outcomes import expressions
from vawdasv.outcomes.enums import Severity, Unit, ValueState

# (measure code, area GSS code, category id or None)
Cell = tuple[str, str, int | None]


@dataclass(frozen=True)
class CellValue:
    state: str
    number: Decimal | None = None
    comment: str = ""

    @property
    def amount(self) -> Decimal | None:
        """The figure a rule compares: zero is 0; not available and not applicable have none."""
        if self.state == ValueState.ZERO:
            return Decimal(0)
        return self.number if self.state == ValueState.NUMBER else None


@dataclass(frozen=True)
class Problem:
    severity: str
    message: str
    cell: Cell | None = None

    @property
    def blocks(self) -> bool:
        return self.severity == Severity.BLOCK


def check(
    values: Mapping[Cell, CellValue],
    units: Mapping[str, str],
    category_sets: Mapping[int, int],
    rules: Iterable[object],
) -> list[Problem]:
    """Every problem with `values`. `units` maps measure code → unit; `category_sets` maps
    category id → its set's id; `rules` are ValidationRule rows."""
    problems: list[Problem] = []
    for cell, value in values.items():
        amount = value.amount
        if amount is None:
            continue
        if amount < 0:
            problems.append(Problem(Severity.BLOCK, _("A figure cannot be negative."), cell))
        if units.get(cell[0]) == Unit.PERCENTAGE and not Decimal(0) <= amount <= Decimal(100):
            problems.append(
                Problem(Severity.BLOCK, _("A percentage must be between 0 and 100."), cell)
            )
    problems.extend(_parts_within_totals(values, category_sets))
    problems.extend(_rules(values, rules))
    return problems


def _parts_within_totals(
    values: Mapping[Cell, CellValue], category_sets: Mapping[int, int]
) -> list[Problem]:
    parts: dict[tuple[str, str, int], Decimal] = defaultdict(Decimal)
    for (code, area, category), value in values.items():
        if category is not None and value.amount is not None:
            parts[(code, area, category_sets[category])] += value.amount
    problems = []
    for (code, area, _set), total_of_parts in sorted(parts.items()):
        total = values.get((code, area, None))
        if total is not None and total.amount is not None and total_of_parts > total.amount:
            problems.append(
                Problem(
                    Severity.BLOCK,
                    _("The categories add up to %(parts)s, more than the total %(total)s.")
                    % {"parts": total_of_parts, "total": total.amount},
                    (code, area, None),
                )
            )
    return problems


def _rules(values: Mapping[Cell, CellValue], rules: Iterable[object]) -> list[Problem]:
    by_place: dict[tuple[str, int | None], dict[str, Decimal | None]] = defaultdict(dict)
    for (code, area, category), value in values.items():
        by_place[(area, category)][code] = value.amount
    problems = []
    for row in rules:
        rule = expressions.parse(row.expression)  # type: ignore[attr-defined]
        for (area, category), amounts in sorted(
            by_place.items(), key=lambda i: (i[0][0], i[0][1] or 0)
        ):
            if rule.names - set(amounts):
                continue
            if rule.holds(amounts) is False:
                first = sorted(rule.names)[0] if rule.names else ""
                problems.append(
                    Problem(row.severity, str(read(row, "message")), (first, area, category))  # type: ignore[attr-defined]
                )
    return problems
