"""Worked examples of disclosure control: what is withheld, and why."""

from __future__ import annotations

import pytest

from vawdasv.outcomes.disclosure import (
    ALL,
    CellState,
    Policy,
    Relation,
    Table,
    grid_relations,
    grid_table,
    lone_suppressions,
    protect,
)

P, S, V, M = CellState.PRIMARY, CellState.SECONDARY, CellState.VALUE, CellState.MISSING


def _row(**counts: int | None) -> Table:
    cells = {(name,): value for name, value in counts.items()}
    parts = tuple((name,) for name in counts if name != "total")
    return Table(cells=cells, relations=[Relation(total=("total",), parts=parts, name="row")])


def test_a_small_count_is_withheld_with_the_smallest_other_cell_of_its_row() -> None:
    protected = protect(_row(a=3, b=10, c=12, total=25))

    assert protected.states == {("a",): P, ("b",): S, ("c",): V, ("total",): V}
    assert protected.reasons == {("b",): "row"}
    assert protected.published(("total",)) == 25
    assert protected.published(("a",)) is None


def test_ties_between_complementary_cells_are_broken_by_key() -> None:
    protected = protect(_row(b=9, a=9, c=2, total=20))

    assert protected.states[("a",)] is S
    assert protected.states[("b",)] is V


def test_two_small_counts_in_a_row_need_no_complement() -> None:
    protected = protect(_row(a=3, b=4, c=12, total=19))

    assert protected.states == {("a",): P, ("b",): P, ("c",): V, ("total",): V}


def test_true_zeros_are_published_unless_the_policy_withholds_them() -> None:
    published = protect(_row(a=0, b=7, c=8, total=15))
    withheld = protect(_row(a=0, b=7, c=8, total=15), Policy(suppress_zero=True))

    assert published.states[("a",)] is V
    assert published.published(("a",)) == 0
    assert withheld.states[("a",)] is P
    assert withheld.states[("b",)] is S


def test_the_threshold_is_the_partnerships_choice() -> None:
    protected = protect(_row(a=7, b=10, c=12, total=29), Policy(threshold=10))

    # 7 is below 10; 10 is not, so it is published unless needed as the complement (it is).
    assert protected.states == {("a",): P, ("b",): S, ("c",): V, ("total",): V}


def test_a_small_total_withholds_its_non_zero_parts_and_keeps_true_zeros() -> None:
    # Every non-zero part of a small total is small too, so two cells are withheld already.
    protected = protect(_row(a=2, b=0, total=2))

    assert protected.states == {("a",): P, ("b",): V, ("total",): P}


def test_withholding_in_one_relation_spreads_through_the_hierarchy_until_stable() -> None:
    # Wales = North + South; North = LA1 + LA2; South = LA3 + LA4.
    areas = {"W": ["N", "S"], "N": ["LA1", "LA2"], "S": ["LA3", "LA4"]}
    cells = {("LA1",): 2, ("LA2",): 30, ("LA3",): 40, ("LA4",): 50, ("N",): 32, ("S",): 90}
    cells[("W",)] = 122
    protected = protect(Table(cells=cells, relations=grid_relations(areas)))

    # LA1 is small. In North = LA1 + LA2 the smallest published member is LA2 (30 < 32), so
    # North's total stays published and Wales = North + South has nothing withheld.
    assert protected.states[("LA1",)] is P
    assert protected.states[("LA2",)] is S
    assert protected.states[("N",)] is V
    assert protected.states[("W",)] is V
    assert lone_suppressions(protected, grid_relations(areas)) == []
    assert protected.passes >= 1


def test_a_two_way_table_protects_rows_columns_and_the_area_total() -> None:
    # One area; sex (f, m) as the disaggregation; Wales is the only parent.
    areas = {"W": ["LA1", "LA2"]}
    cells = {
        ("LA1", "f"): 20, ("LA1", "m"): 3, ("LA1", ALL): 23,
        ("LA2", "f"): 25, ("LA2", "m"): 9, ("LA2", ALL): 34,
        ("W", "f"): 45, ("W", "m"): 12, ("W", ALL): 57,
    }  # fmt: skip
    relations = grid_relations(areas, [["f", "m"]])
    protected = protect(Table(cells=cells, relations=relations))

    assert protected.states[("LA1", "m")] is P
    # Row LA1: f (20) is the only other part; column m: LA2 (9) is the smaller.
    assert protected.states[("LA1", "f")] is S
    assert protected.states[("LA2", "m")] is S
    # Column f now has LA1 alone, so LA2 f goes too; every row and column has two.
    assert protected.states[("LA2", "f")] is S
    assert protected.published(("W", ALL)) == 57
    assert lone_suppressions(protected, relations) == []


def test_missing_values_are_never_published_nor_used_as_cover() -> None:
    protected = protect(_row(a=3, b=None, c=12, total=None))

    # A lone withheld cell with no published number in its relation is safe as it is.
    assert protected.states == {("a",): P, ("b",): M, ("c",): S, ("total",): M}


def test_a_cell_withheld_by_an_earlier_release_stays_withheld() -> None:
    protected = protect(_row(a=30, b=10, c=12, total=52), forced=[("c",)])

    assert protected.states == {("a",): V, ("b",): S, ("c",): P, ("total",): V}


def test_a_rate_is_withheld_with_its_numerator_or_its_denominator() -> None:
    protected = protect(_row(a=3, b=10, c=12, total=25))

    assert protected.rate_state(("a",)) is P
    assert protected.rate_state(("c",), ("total",)) is V
    assert protected.rate_state(("c",), ("b",)) is S
    assert protected.rate_state(("c",), ("not in the table",)) is V


@pytest.mark.parametrize(
    ("cells", "relations", "message"),
    [
        ({("a",): -1}, [], "0 or more"),
        ({("a",): 1}, [Relation(total=("t",), parts=(("a",),))], "no cell"),
        ({("a",): 1}, [Relation(total=("a",), parts=(("a",),))], "appears twice"),
    ],
)
def test_a_malformed_table_is_refused_with_the_reason(cells, relations, message) -> None:
    with pytest.raises(ValueError, match=message):
        Table(cells=cells, relations=relations)


def test_the_threshold_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Policy(threshold=0)


def test_grid_relations_name_every_subtotal_and_hierarchy_sum() -> None:
    relations = grid_relations({"W": ["LA1", "LA2"]}, [["f", "m"]])
    pairs = {(relation.total, relation.parts) for relation in relations}

    assert (("LA1", ALL), (("LA1", "f"), ("LA1", "m"))) in pairs
    assert (("W", ALL), (("W", "f"), ("W", "m"))) in pairs
    assert (("W", "m"), (("LA1", "m"), ("LA2", "m"))) in pairs
    assert len(relations) == 3 + 3


def test_grid_table_rolls_authorities_up_to_regions_and_wales_never_as_a_partial_sum() -> None:
    areas = {"W": ["N", "S"], "N": ["LA1", "LA2"], "S": ["LA3"]}
    cells = {("LA1",): 7, ("LA2",): 8, ("LA3",): None}

    table = grid_table(cells, areas)

    assert table.cells[("N",)] == 15
    assert table.cells[("S",)] is None
    assert table.cells[("W",)] is None
    assert len(table.relations) == 3


def test_grid_table_fills_absent_categories_as_missing() -> None:
    table = grid_table({("LA1", ALL): 9, ("LA1", "f"): 9}, {}, [["f", "m"]])

    assert table.cells[("LA1", "m")] is None
    protected = protect(table)
    assert protected.states[("LA1", "m")] is M
    assert protected.published(("LA1", ALL)) == 9
