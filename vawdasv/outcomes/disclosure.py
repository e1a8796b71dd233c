"""Disclosure control for published tables of counts (ADR 0025).

A published table of small counts can identify a victim or survivor: "one man in Ceredigion
used the service this quarter". Before any figure leaves the platform it goes through `protect`:

1. **Primary suppression.** Every count from 1 to ``threshold - 1`` (default: fewer than 5) is
   withheld. True zeros are published by default, as ONS and SafeLives do ("none" is not a
   person); ``Policy(suppress_zero=True)`` withholds them as well.
2. **Secondary (complementary) suppression.** Tables carry totals: rows, columns, subtotals of a
   disaggregation and the local authority → region → Wales hierarchy. Each such sum is a
   `Relation` (``total = sum(parts)``). If exactly one member of a relation is withheld while
   another member is published, a reader subtracts and recovers it. So in every relation a
   withheld cell is never alone: the smallest published member (ties broken by key) is withheld
   too, and the pass repeats over all relations until nothing changes, because a complementary
   cell may itself leave another relation with a lone withheld cell.

Everything is deterministic: the same table always gives the same states, so publishing twice
gives the same result, and ``forced`` lets a new release keep withholding what an earlier one
withheld (so two releases cannot be differenced either).

Cells whose value is ``None`` (not available, not applicable) are never published as numbers.
They give no cover (a reader may well guess "not applicable" means none), and they are never
chosen as complements.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# A cell is named by its area code followed by its disaggregation categories, for example
# ("W06000015", "female", "18-24"); ("W06000015",) is the area's total.
CellKey = tuple[str, ...]

DEFAULT_THRESHOLD = 5


class CellState(StrEnum):
    """What publication does with one cell."""

    VALUE = "value"  # published as it is
    PRIMARY = "primary"  # withheld: a count below the threshold
    SECONDARY = "secondary"  # withheld: would otherwise reveal a withheld cell by subtraction
    MISSING = "missing"  # no number to publish (not available or not applicable)

    @property
    def suppressed(self) -> bool:
        return self in (CellState.PRIMARY, CellState.SECONDARY)


@dataclass(frozen=True)
class Policy:
    """A partnership's disclosure rule: withhold counts from 1 to ``threshold - 1``."""

    threshold: int = DEFAULT_THRESHOLD
    suppress_zero: bool = False

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError("The threshold must be at least 1.")

    def is_primary(self, value: int) -> bool:
        """Whether a count is withheld for being small."""
        if value == 0:
            return self.suppress_zero
        return value < self.threshold


@dataclass(frozen=True)
class Relation:
    """An additive relation: ``total`` is the sum of ``parts`` (a row, a column, a hierarchy)."""

    total: CellKey
    parts: tuple[CellKey, ...]
    name: str = ""

    @property
    def members(self) -> tuple[CellKey, ...]:
        return (self.total, *self.parts)

    @property
    def label(self) -> str:
        return self.name or "+".join("/".join(key) for key in self.parts) + "=" + "/".join(
            self.total
        )


@dataclass(frozen=True)
class Table:
    """Counts by cell, and the sums that tie them together."""

    cells: Mapping[CellKey, int | None]
    relations: Sequence[Relation] = ()

    def __post_init__(self) -> None:
        for key, value in self.cells.items():
            if value is not None and (isinstance(value, bool) or value < 0):
                raise ValueError(f"Cell {key!r}: a count must be a whole number of 0 or more.")
        for relation in self.relations:
            unknown = [key for key in relation.members if key not in self.cells]
            if unknown:
                raise ValueError(f"Relation {relation.label}: no cell {unknown[0]!r}.")
            if relation.total in relation.parts or len(set(relation.parts)) != len(relation.parts):
                raise ValueError(f"Relation {relation.label}: a cell appears twice.")


@dataclass(frozen=True)
class Protected:
    """The outcome of disclosure control: each cell's state, and why secondaries were chosen."""

    cells: Mapping[CellKey, int | None]
    states: Mapping[CellKey, CellState]
    # For each secondary cell, the relation (its label) that needed it.
    reasons: Mapping[CellKey, str] = field(default_factory=dict)
    passes: int = 0

    def published(self, key: CellKey) -> int | None:
        """The number a reader may see, or None when the cell is withheld or missing."""
        return self.cells[key] if self.states[key] is CellState.VALUE else None

    @property
    def suppressed(self) -> frozenset[CellKey]:
        return frozenset(key for key, state in self.states.items() if state.suppressed)

    def rate_state(self, numerator: CellKey, denominator: CellKey | None = None) -> CellState:
        """The state of a rate or percentage built from cells of this table.

        A rate is withheld when its numerator is (a rate over a known denominator gives the
        numerator back), and when its denominator is a withheld count of this table.
        """
        top = self.states[numerator]
        if top is not CellState.VALUE:
            return top
        if denominator is not None and denominator in self.states:
            bottom = self.states[denominator]
            if bottom.suppressed:
                return CellState.SECONDARY
        return CellState.VALUE


def protect(
    table: Table,
    policy: Policy | None = None,
    forced: Iterable[CellKey] = (),
) -> Protected:
    """Apply primary and secondary suppression to a table.

    ``forced`` cells are withheld whatever their value (for example those an earlier release
    withheld); they count as primary suppressions.
    """
    policy = policy or Policy()
    states: dict[CellKey, CellState] = {}
    for key, value in table.cells.items():
        if value is None:
            states[key] = CellState.MISSING
        elif policy.is_primary(value):
            states[key] = CellState.PRIMARY
        else:
            states[key] = CellState.VALUE
    for key in forced:
        if key not in states:
            raise ValueError(f"No cell {key!r} to withhold.")
        if states[key] is CellState.VALUE:
            states[key] = CellState.PRIMARY

    # A fixed order of relations makes the complementary choices reproducible.
    relations = sorted(table.relations, key=lambda relation: (relation.total, relation.parts))
    reasons: dict[CellKey, str] = {}
    passes = 0
    changed = True
    while changed:
        passes += 1
        changed = False
        for relation in relations:
            complement = _complement_needed(relation, table.cells, states)
            if complement is not None:
                states[complement] = CellState.SECONDARY
                reasons[complement] = relation.label
                changed = True
    return Protected(cells=dict(table.cells), states=states, reasons=reasons, passes=passes)


def _complement_needed(
    relation: Relation,
    cells: Mapping[CellKey, int | None],
    states: Mapping[CellKey, CellState],
) -> CellKey | None:
    """The cell to withhold so this relation no longer has a lone withheld cell, if any."""
    withheld = [key for key in relation.members if states[key].suppressed]
    if len(withheld) != 1:
        return None
    candidates = [key for key in relation.members if states[key] is CellState.VALUE]
    if not candidates:
        # No published number in the relation: nothing to subtract from.
        return None
    return min(candidates, key=lambda key: (cells[key] or 0, key))


def lone_suppressions(protected: Protected, relations: Iterable[Relation]) -> list[Relation]:
    """Relations in which a reader could recover a withheld cell by subtraction (should be none)."""
    return [
        relation
        for relation in relations
        if _complement_needed(relation, protected.cells, protected.states) is not None
    ]


ALL = ""  # the category of a disaggregation's total ("all", a blank column in Open SDG)


def grid_relations(
    areas: Mapping[str, Sequence[str]],
    dimensions: Sequence[Sequence[str]] = (),
) -> list[Relation]:
    """Every additive relation of a full table of areas × disaggregations.

    ``areas`` maps each parent area to its children (Wales → regions, region → local
    authorities); ``dimensions`` lists each disaggregation's categories (without the total).
    Cells are keyed ``(area, category of dimension 1, …)`` with `ALL` for a dimension's total.
    Gives, for every area, each dimension's subtotal relations, and for every parent area and
    combination of categories, the hierarchy sum.
    """
    with_all = [(ALL, *categories) for categories in dimensions]
    combinations: list[tuple[str, ...]] = [()]
    for options in with_all:
        combinations = [(*combo, option) for combo in combinations for option in options]
    every_area = sorted({*areas, *(child for children in areas.values() for child in children)})
    relations: list[Relation] = []
    for area in every_area:
        for combo in combinations:
            for index, categories in enumerate(dimensions):
                if combo[index] != ALL or not categories:
                    continue
                parts = tuple(
                    (area, *combo[:index], category, *combo[index + 1 :]) for category in categories
                )
                relations.append(Relation(total=(area, *combo), parts=parts))
    for parent, children in sorted(areas.items()):
        if not children:
            continue
        for combo in combinations:
            relations.append(
                Relation(total=(parent, *combo), parts=tuple((child, *combo) for child in children))
            )
    return relations


def grid_table(
    cells: Mapping[CellKey, int | None],
    areas: Mapping[str, Sequence[str]],
    dimensions: Sequence[Sequence[str]] = (),
) -> Table:
    """A full areas × categories table from the cells a caller has, ready for `protect`.

    Parent areas that have no cell of their own get the sum of their children (Wales = its
    regions = their local authorities), or None when any child's cell is missing: a total is
    never a partial sum. Every other cell of the grid that is absent becomes None (missing), so
    the relations of `grid_relations` always have all their members.
    """
    # Areas named only by cells (a lone authority) still get their subtotal relations.
    every_area = {key[0]: list(areas.get(key[0], ())) for key in cells} | dict(areas)
    relations = grid_relations(every_area, dimensions)
    keys = {key for relation in relations for key in relation.members} | set(cells)
    full: dict[CellKey, int | None] = dict(cells)

    def rolled_up(key: CellKey, seen: frozenset[str]) -> int | None:
        if key in full:
            return full[key]
        area, combo = key[0], key[1:]
        children = areas.get(area, ())
        if not children or area in seen:
            full[key] = None
            return None
        values = [rolled_up((child, *combo), seen | {area}) for child in children]
        full[key] = None if any(value is None for value in values) else sum(v or 0 for v in values)
        return full[key]

    for key in sorted(keys):
        rolled_up(key, frozenset())
    return Table(cells=full, relations=relations)
