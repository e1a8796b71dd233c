"""Disclosure control holds for any table: random areas, disaggregations and counts."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from vawdasv.outcomes.disclosure import (
    ALL,
    CellKey,
    CellState,
    Policy,
    Table,
    grid_relations,
    grid_table,
    lone_suppressions,
    protect,
)


def _full_table(
    areas: Mapping[str, Sequence[str]],
    dimensions: Sequence[Sequence[str]],
    leaf_counts: Sequence[int],
) -> Table:
    """Leaf cells (local authority × category of every dimension) and all their sums."""
    parents = set(areas)
    leaves = sorted({child for children in areas.values() for child in children} - parents)
    combos = list(itertools.product(*dimensions))
    counts = itertools.cycle(leaf_counts)
    cells: dict[CellKey, int | None] = {}
    for area in leaves:
        for combo in combos:
            cells[(area, *combo)] = next(counts)

    def total(key: CellKey) -> int:
        if key in cells:
            value = cells[key]
            assert value is not None
            return value
        area, combo = key[0], key[1:]
        if ALL in combo:
            index = combo.index(ALL)
            return sum(
                total((area, *combo[:index], category, *combo[index + 1 :]))
                for category in dimensions[index]
            )
        return sum(total((child, *combo)) for child in areas[area])

    every_area = sorted({*areas, *leaves})
    for area in every_area:
        for combo in itertools.product(*[(ALL, *categories) for categories in dimensions]):
            cells[(area, *combo)] = total((area, *combo))
    return Table(cells=cells, relations=grid_relations(areas, dimensions))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    regions = draw(st.integers(min_value=1, max_value=3))
    areas: dict[str, list[str]] = {"W92000004": [f"R{r}" for r in range(regions)]}
    for r in range(regions):
        count = draw(st.integers(min_value=1, max_value=4))
        areas[f"R{r}"] = [f"LA{r}{a}" for a in range(count)]
    dimensions = [
        [f"d{d}c{c}" for c in range(draw(st.integers(min_value=2, max_value=3)))]
        for d in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    small_biased = st.one_of(st.integers(0, 6), st.integers(0, 40))
    leaf_counts = draw(st.lists(small_biased, min_size=1, max_size=60))
    return _full_table(areas, dimensions, leaf_counts)


policies = st.builds(
    Policy, threshold=st.integers(min_value=1, max_value=10), suppress_zero=st.booleans()
)


@settings(max_examples=150, deadline=None)
@given(table=tables(), policy=policies)
def test_no_relation_leaves_exactly_one_suppressed_cell(table: Table, policy: Policy) -> None:
    protected = protect(table, policy)

    assert lone_suppressions(protected, table.relations) == []


@settings(max_examples=150, deadline=None)
@given(table=tables(), policy=policies)
def test_no_count_below_the_threshold_is_published(table: Table, policy: Policy) -> None:
    protected = protect(table, policy)

    for key in table.cells:
        value = protected.published(key)
        if value is not None:
            assert not policy.is_primary(value), key
            assert value == table.cells[key]


@settings(max_examples=100, deadline=None)
@given(table=tables(), policy=policies)
def test_publishing_twice_gives_the_same_result(table: Table, policy: Policy) -> None:
    first = protect(table, policy)
    again = protect(table, policy)
    # A later release that keeps withholding what the first withheld needs nothing more.
    after = protect(table, policy, forced=first.suppressed)

    assert again.states == first.states
    assert after.suppressed == first.suppressed


@settings(max_examples=100, deadline=None)
@given(table=tables(), policy=policies)
def test_secondary_suppression_only_withholds_what_a_relation_needed(
    table: Table, policy: Policy
) -> None:
    protected = protect(table, policy)

    for key, state in protected.states.items():
        if state is CellState.SECONDARY:
            assert key in protected.reasons
        if state is CellState.PRIMARY:
            value = table.cells[key]
            assert value is not None and policy.is_primary(value)


@st.composite
def tables_with_gaps(draw: st.DrawFn) -> Table:
    """Authority cells by sex with some values missing, rolled up by `grid_table`."""
    regions = draw(st.integers(min_value=1, max_value=3))
    areas: dict[str, list[str]] = {"W92000004": [f"R{r}" for r in range(regions)]}
    for r in range(regions):
        areas[f"R{r}"] = [f"LA{r}{a}" for a in range(draw(st.integers(1, 4)))]
    cells: dict[CellKey, int | None] = {}
    count = st.one_of(st.none(), st.integers(0, 6), st.integers(0, 40))
    for region in range(regions):
        for authority in areas[f"R{region}"]:
            female, male = draw(count), draw(count)
            cells[(authority, "f")] = female
            cells[(authority, "m")] = male
            known = female is not None and male is not None
            cells[(authority, ALL)] = (female or 0) + (male or 0) if known else draw(count)
    return grid_table(cells, areas, [["f", "m"]])


@settings(max_examples=150, deadline=None)
@given(table=tables_with_gaps(), policy=policies, data=st.data())
def test_gaps_and_earlier_suppressions_keep_every_guarantee(
    table: Table, policy: Policy, data: st.DataObject
) -> None:
    forced = data.draw(st.sets(st.sampled_from(sorted(table.cells)), max_size=3))
    protected = protect(table, policy, forced=forced)

    assert lone_suppressions(protected, table.relations) == []
    for key, value in table.cells.items():
        if value is None:
            assert protected.states[key] is CellState.MISSING
        elif key in forced:
            assert protected.states[key].suppressed
        elif protected.states[key] is CellState.VALUE:
            assert not policy.is_primary(value)
    assert protect(table, policy, forced=forced).states == protected.states
