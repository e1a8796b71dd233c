"""Indicator arithmetic on worked examples from the reference documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vawdasv.outcomes.opensdg import Status
from vawdasv.outcomes.rates import (
    Direction,
    Figure,
    Quarter,
    RagRule,
    Rating,
    change,
    rag,
    rate,
    rolling_year,
    rounded,
    total,
)

SUPPRESSED = Figure(Status.SUPPRESSED)
MISSING = Figure(Status.MISSING)


def test_marac_cases_per_10000_adult_females() -> None:
    # 520 cases a year over 130,000 adult women: the SafeLives benchmark of 40.
    result = rate(Figure.of(520), Figure.of(130_000), 10_000)

    assert result == Figure(Status.VALUE, Decimal(40))


def test_a_quarter_is_annualised_to_a_yearly_rate() -> None:
    result = rate(Figure.of(130), Figure.of(130_000), 10_000, months_covered=3, annualise=True)

    assert result.value == Decimal(40)


def test_a_percentage_of_repeat_cases() -> None:
    assert rounded(rate(Figure.of(31), Figure.of(120), 100)) == Figure(
        Status.VALUE, Decimal("25.8")
    )


def test_a_missing_or_zero_denominator_gives_denominator_missing_never_a_guess() -> None:
    assert rate(Figure.of(31), MISSING).status is Status.DENOMINATOR_MISSING
    assert rate(Figure.of(31), Figure.of(0)).status is Status.DENOMINATOR_MISSING


def test_a_withheld_numerator_or_denominator_withholds_the_rate() -> None:
    assert rate(SUPPRESSED, Figure.of(120)).status is Status.SUPPRESSED
    assert rate(Figure.of(31), SUPPRESSED).status is Status.SUPPRESSED


def test_a_numerator_that_does_not_apply_keeps_its_state() -> None:
    assert rate(Figure(Status.NOT_APPLICABLE), Figure.of(120)).status is Status.NOT_APPLICABLE


def test_a_part_year_needs_a_sensible_number_of_months() -> None:
    with pytest.raises(ValueError, match="1 to 12"):
        rate(Figure.of(1), Figure.of(2), months_covered=13, annualise=True)


def test_the_rolling_year_sums_the_last_four_quarters() -> None:
    quarters = [Figure.of(n) for n in (9, 10, 11, 12, 13)]

    assert rolling_year(quarters) == Figure(Status.VALUE, Decimal(46))
    assert rolling_year(quarters[:3]).status is Status.MISSING


def test_a_rolling_year_with_a_withheld_or_missing_quarter_is_not_a_partial_sum() -> None:
    assert (
        rolling_year([Figure.of(9), SUPPRESSED, MISSING, Figure.of(2)]).status is Status.SUPPRESSED
    )
    assert (
        rolling_year([Figure.of(9), MISSING, Figure.of(1), Figure.of(2)]).status is Status.MISSING
    )
    assert total([]).status is Status.MISSING


def test_change_on_the_previous_quarter() -> None:
    # DVPNs fell from 48 to 25.
    result = change(Figure.of(25), Figure.of(48))

    assert result.difference.value == Decimal(-23)
    assert rounded(result.percent) == Figure(Status.VALUE, Decimal("-47.9"))


def test_change_from_zero_has_no_percentage_and_change_from_a_gap_has_no_difference() -> None:
    from_zero = change(Figure.of(4), Figure.of(0))
    from_gap = change(Figure.of(4), MISSING)

    assert from_zero.difference.value == Decimal(4)
    assert from_zero.percent.status is Status.NOT_APPLICABLE
    assert from_gap.difference.status is Status.MISSING
    assert change(SUPPRESSED, Figure.of(3)).percent.status is Status.SUPPRESSED


def test_quarters_are_financial_year_quarters() -> None:
    q1 = Quarter(2025, 1)

    assert q1.label == "2025/26 Q1"
    assert q1.previous.label == "2024/25 Q4"
    assert q1.same_quarter_last_year.label == "2024/25 Q1"
    assert [q.label for q in q1.last(3)] == ["2024/25 Q3", "2024/25 Q4", "2025/26 Q1"]
    assert Quarter(1999, 4).label == "1999/00 Q4"
    assert Quarter(2024, 4).following == q1
    assert q1.following.label == "2025/26 Q2"
    with pytest.raises(ValueError):
        Quarter(2025, 5)


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (40, Direction.HIGHER, Rating.GREEN),
        (36, Direction.HIGHER, Rating.AMBER),
        (35, Direction.HIGHER, Rating.RED),
        (40, Direction.LOWER, Rating.GREEN),
        (44, Direction.LOWER, Rating.AMBER),
        (45, Direction.LOWER, Rating.RED),
        (40, Direction.NEITHER, None),
    ],
)
def test_rag_against_a_target_of_40_respects_the_direction(value, direction, expected) -> None:
    assert rag(Figure.of(value), Decimal(40), direction) is expected


def test_rag_rules_are_tried_in_order() -> None:
    rules = [RagRule(Rating.GREEN, Decimal("1.2")), RagRule(Rating.AMBER, Decimal("0.5"))]

    assert rag(Figure.of(45), Decimal(40), Direction.HIGHER, rules) is Rating.AMBER
    assert rag(Figure.of(19), Decimal(40), Direction.HIGHER, rules) is Rating.RED


def test_no_rating_without_a_value_or_a_target() -> None:
    assert rag(SUPPRESSED, Decimal(40), Direction.HIGHER) is None
    assert rag(Figure.of(40), None, Direction.HIGHER) is None


def test_a_figure_has_a_value_exactly_when_its_status_is_value() -> None:
    with pytest.raises(ValueError):
        Figure(Status.VALUE)
    with pytest.raises(ValueError):
        Figure(Status.MISSING, Decimal(1))
