"""Poisson outlier checks: exact tails, limits that match the flags, and worked examples."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vawdasv.outcomes.outliers import (
    AreaCount,
    Check,
    Side,
    against_history,
    against_similar_areas,
    limits,
    poisson_cdf,
    poisson_sf,
)


def _exact_cdf(k: int, lam: Fraction) -> float:
    # P(X ≤ k) by the textbook sum, in exact fractions except for e^-λ.
    total = sum(lam**i / math.factorial(i) for i in range(k + 1))
    return float(total) * math.exp(-float(lam))


@settings(max_examples=200, deadline=None)
@given(k=st.integers(0, 80), tenths=st.integers(1, 600))
def test_the_poisson_tails_match_the_textbook_sum(k: int, tenths: int) -> None:
    lam = Fraction(tenths, 10)
    exact = _exact_cdf(k, lam)

    assert poisson_cdf(k, float(lam)) == pytest.approx(exact, rel=1e-9, abs=1e-15)
    assert poisson_sf(k + 1, float(lam)) == pytest.approx(1 - exact, rel=1e-9, abs=1e-12)


def test_tails_hold_for_large_means_and_edge_cases() -> None:
    assert poisson_cdf(10_000, 10_000.0) == pytest.approx(0.5027, abs=1e-4)
    assert poisson_cdf(-1, 3.0) == 0.0
    assert poisson_cdf(0, 0.0) == 1.0
    assert poisson_sf(0, 3.0) == 1.0
    assert poisson_sf(1, 0.0) == 0.0
    with pytest.raises(ValueError):
        poisson_cdf(1, -1.0)


def test_99_8_percent_limits_around_100_are_about_three_standard_deviations() -> None:
    assert limits(100.0) == (71, 132)


@settings(max_examples=100, deadline=None)
@given(history=st.lists(st.integers(0, 60), min_size=4, max_size=8), observed=st.integers(0, 150))
def test_a_count_is_flagged_exactly_when_it_lies_outside_its_limits(history, observed) -> None:
    flag = against_history(observed, history)
    expected = sum(history) / len(history)
    low, high = limits(expected)

    assert (flag is not None) == (not low <= observed <= high)
    if flag is not None:
        assert (flag.lower_limit, flag.upper_limit) == (low, high)
        assert flag.side is (Side.HIGH if observed > high else Side.LOW)


def test_a_jump_from_about_ten_a_quarter_to_thirty_asks_for_an_explanation() -> None:
    flag = against_history(30, [9, 11, 10, 12, 8, 10])

    assert flag is not None
    assert flag.check is Check.HISTORY
    assert flag.side is Side.HIGH
    assert flag.expected == 10
    assert flag.observed == 30


def test_small_counts_wobbling_are_not_flagged() -> None:
    # From 2 a quarter to 6 is ordinary for counts this small; a z-score would flag it.
    assert against_history(6, [2, 1, 3, 2]) is None
    assert against_history(0, [2, 1, 3, 2]) is None


def test_a_fall_to_zero_from_a_steady_forty_is_flagged_low() -> None:
    flag = against_history(0, [40, 42, 38, 41])

    assert flag is not None and flag.side is Side.LOW


def test_fewer_than_four_known_quarters_give_no_check_and_only_the_last_eight_count() -> None:
    assert against_history(100, [10, None, 10, 10]) is None
    # Old quarters of 100 fall outside the window of eight.
    assert against_history(100, [100, 100, 10, 10, 10, 10, 10, 10, 10, 10]) is not None


def test_the_funnel_gives_a_small_area_wider_limits_than_a_large_one() -> None:
    others = [AreaCount(40, 100_000), AreaCount(44, 110_000), AreaCount(36, 90_000)]

    # Both areas are at twice the pooled rate (4 per 10,000).
    small = against_similar_areas(AreaCount(8, 10_000), others)
    large = against_similar_areas(AreaCount(80, 100_000), others)

    assert small is None
    assert large is not None
    assert large.check is Check.SIMILAR_AREAS
    assert large.expected == pytest.approx(40)


def test_the_funnel_needs_three_other_areas_with_a_denominator() -> None:
    others = [AreaCount(40, 100_000), AreaCount(44, 110_000), AreaCount(3, 0)]

    assert against_similar_areas(AreaCount(400, 100_000), others) is None
    assert against_similar_areas(AreaCount(400, 0), [*others, AreaCount(1, 5)]) is None


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        against_history(-1, [1, 2, 3, 4])


@settings(max_examples=200, deadline=None)
@given(tenths=st.integers(1, 50_000))
def test_the_limits_are_the_last_counts_whose_tails_reach_half_of_alpha(tenths: int) -> None:
    lam = tenths / 10
    low, high = limits(lam)

    assert poisson_cdf(low, lam) >= 0.001
    assert low == 0 or poisson_cdf(low - 1, lam) < 0.001
    assert poisson_sf(high, lam) >= 0.001
    assert poisson_sf(high + 1, lam) < 0.001
