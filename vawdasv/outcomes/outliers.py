"""Outlier checks suited to small counts: "please confirm or explain", never a block.

Counts of incidents, referrals or people supported are small and lumpy, so z-scores (which
assume a normal spread) flag far too much at 3 and far too little at 300. Both checks here treat
a count as Poisson:

- `against_history`: the same area's last four to eight quarters give the expected count (their
  mean); the new count is flagged if it lies outside the 99.8 % Poisson limits around it.
- `against_similar_areas`: a funnel plot. The other areas' pooled rate times this area's
  denominator gives the expected count; the same limits apply, so a small area gets wide limits
  and a large one narrow limits.

The limits are exact Poisson tail probabilities (no scipy: a windowed sum of the probability
mass in log space, exact to floating-point precision). Counts spread more widely than Poisson
("over-dispersion") raise more flags; that is acceptable for a prompt that only asks for a
comment. Each check returns a `Flag` or None; the caller turns a flag into a request for a comment.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

# Two-sided 99.8 % limits: the "3 sigma" funnel-plot convention (Spiegelhalter 2005).
DEFAULT_ALPHA = 0.002
MIN_HISTORY = 4
MAX_HISTORY = 8
MIN_SIMILAR_AREAS = 3


# A term this much smaller than the first of a sum no longer changes a double.
_NEGLIGIBLE = 1e-18


def _window(lam: float) -> int:
    # A backstop: the terms fall below _NEGLIGIBLE within about 10 standard deviations.
    return int(40 * math.sqrt(lam) + 40)


def _log_pmf(k: int, lam: float) -> float:
    return -lam + k * math.log(lam) - math.lgamma(k + 1)


def _sum_down(k: int, lam: float) -> float:
    """P(X ≤ k) for k ≤ λ: terms fall as i decreases, so a window below k is enough."""
    log_term = _log_pmf(k, lam)
    total = 0.0
    term = 1.0
    i = k
    while i >= 0 and i > k - _window(lam):
        total += term
        term *= i / lam  # pmf(i - 1) / pmf(i)
        i -= 1
        if term < _NEGLIGIBLE:
            break
    return min(1.0, math.exp(log_term) * total)


def _sum_up(k: int, lam: float) -> float:
    """P(X ≥ k) for k ≥ λ: terms fall as i increases."""
    log_term = _log_pmf(k, lam)
    total = 0.0
    term = 1.0
    i = k
    while i < k + _window(lam):
        total += term
        i += 1
        term *= lam / i  # pmf(i) / pmf(i - 1)
        if term < _NEGLIGIBLE:
            break
    return min(1.0, math.exp(log_term) * total)


def poisson_cdf(k: int, lam: float) -> float:
    """P(X ≤ k) for X ~ Poisson(λ)."""
    if lam < 0:
        raise ValueError("A Poisson mean cannot be negative.")
    if k < 0:
        return 0.0
    if lam == 0:
        return 1.0
    if k <= lam:
        return _sum_down(k, lam)
    return max(0.0, 1.0 - _sum_up(k + 1, lam))


def poisson_sf(k: int, lam: float) -> float:
    """P(X ≥ k) for X ~ Poisson(λ)."""
    if lam < 0:
        raise ValueError("A Poisson mean cannot be negative.")
    if k <= 0:
        return 1.0
    if lam == 0:
        return 0.0
    if k >= lam:
        return _sum_up(k, lam)
    return max(0.0, 1.0 - _sum_down(k - 1, lam))


@lru_cache(maxsize=1024)
def limits(lam: float, alpha: float = DEFAULT_ALPHA) -> tuple[int, int]:
    """The smallest and largest counts not flagged around an expected count λ.

    The lower limit is the smallest k with P(X ≤ k) ≥ α/2, the upper the largest k with
    P(X ≥ k) ≥ α/2. One walk in from each end of a window of eight standard deviations (plus
    20) either side of λ, beyond which the tails hold less than 1e-14, accumulating the mass.
    """
    if lam < 0:
        raise ValueError("A Poisson mean cannot be negative.")
    if lam == 0:
        return 0, 0
    half = alpha / 2
    spread = 8 * math.sqrt(lam) + 20
    low = max(0, math.floor(lam - spread))
    term = math.exp(_log_pmf(low, lam))
    mass = term
    while mass < half:
        low += 1
        term *= lam / low
        mass += term
    high = math.ceil(lam + spread)
    term = math.exp(_log_pmf(high, lam))
    mass = term
    while mass < half:
        term *= high / lam
        high -= 1
        mass += term
    return low, high


class Check(StrEnum):
    HISTORY = "history"
    SIMILAR_AREAS = "similar areas"


class Side(StrEnum):
    HIGH = "high"
    LOW = "low"


@dataclass(frozen=True)
class Flag:
    """A count outside its limits: the supplier is asked to confirm it or explain it."""

    check: Check
    side: Side
    observed: int
    expected: float
    lower_limit: int
    upper_limit: int
    probability: float  # of a count at least this far out on this side, if nothing changed


def _flag(check: Check, observed: int, expected: float, alpha: float) -> Flag | None:
    if observed < 0:
        raise ValueError("A count cannot be negative.")
    lower, upper = limits(expected, alpha)
    if lower <= observed <= upper:
        return None
    if observed < lower:
        return Flag(
            check, Side.LOW, observed, expected, lower, upper, poisson_cdf(observed, expected)
        )
    return Flag(check, Side.HIGH, observed, expected, lower, upper, poisson_sf(observed, expected))


def against_history(
    observed: int, history: Sequence[int | None], alpha: float = DEFAULT_ALPHA
) -> Flag | None:
    """Compare a count with the same area's previous quarters (oldest first).

    Uses the last eight quarters that have a count; with fewer than four there is no check.
    """
    known = [count for count in history if count is not None][-MAX_HISTORY:]
    if len(known) < MIN_HISTORY:
        return None
    return _flag(Check.HISTORY, observed, sum(known) / len(known), alpha)


@dataclass(frozen=True)
class AreaCount:
    """One comparable area's count and denominator (population, cases…) for the same period."""

    count: int
    denominator: float


def against_similar_areas(
    observed: AreaCount, others: Sequence[AreaCount], alpha: float = DEFAULT_ALPHA
) -> Flag | None:
    """A funnel-plot check: this area's count against the other areas' pooled rate.

    The area itself is left out of the pool so one extreme area cannot hide itself. Needs three
    other areas with a denominator.
    """
    usable = [area for area in others if area.denominator > 0]
    if len(usable) < MIN_SIMILAR_AREAS or observed.denominator <= 0:
        return None
    pooled = sum(area.count for area in usable) / sum(area.denominator for area in usable)
    return _flag(Check.SIMILAR_AREAS, observed.count, pooled * observed.denominator, alpha)
