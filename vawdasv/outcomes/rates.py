"""Indicator arithmetic: rates, annualising, rolling 12 months, change and RAG ratings.

Every function takes and returns `Figure` (a status and, when the status is ``value``, a
Decimal), so a withheld, missing or "not applicable" input carries through to the result
instead of becoming a number. Nothing is ever guessed: a rate without its denominator is
"denominator missing"; a rate whose numerator is withheld is withheld. Decimal arithmetic keeps
the published figure the same on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from vawdasv.outcomes.opensdg import Status

MONTHS_IN_YEAR = 12
QUARTERS_IN_YEAR = 4


@dataclass(frozen=True)
class Figure:
    """A number with its state; ``value`` is set exactly when ``status`` is ``value``."""

    status: Status
    value: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.status is Status.VALUE) != (self.value is not None):
            raise ValueError("A figure has a value exactly when its status is value.")

    @classmethod
    def of(cls, value: int | Decimal | None, missing: Status = Status.MISSING) -> Figure:
        """A figure from a stored count (None stands for ``missing``)."""
        if value is None:
            return cls(missing)
        return cls(Status.VALUE, Decimal(value))

    @property
    def is_value(self) -> bool:
        return self.status is Status.VALUE


# When inputs disagree, the most protective state wins: a withheld input withholds the result.
_PRECEDENCE = (
    Status.SUPPRESSED,
    Status.NOT_APPLICABLE,
    Status.DENOMINATOR_MISSING,
    Status.MISSING,
)


def _first_absent(figures: Sequence[Figure]) -> Figure | None:
    for status in _PRECEDENCE:
        if any(figure.status is status for figure in figures):
            return Figure(status)
    return None


def rate(
    numerator: Figure,
    denominator: Figure,
    factor: int | Decimal = 1,
    months_covered: int = MONTHS_IN_YEAR,
    annualise: bool = False,
) -> Figure:
    """numerator ÷ denominator × factor, optionally scaled up to a year from ``months_covered``.

    MARAC cases per 10,000 adult females: ``rate(cases, women, 10_000)``; a percentage:
    ``factor=100``. A withheld denominator withholds the rate (it would reveal it); a missing
    or zero one gives "denominator missing".
    """
    if not numerator.is_value:
        return Figure(numerator.status)
    if denominator.status is Status.SUPPRESSED:
        return Figure(Status.SUPPRESSED)
    if not denominator.is_value or denominator.value == 0:
        return Figure(Status.DENOMINATOR_MISSING)
    if not 1 <= months_covered <= MONTHS_IN_YEAR:
        raise ValueError("A period covers from 1 to 12 months.")
    assert numerator.value is not None and denominator.value is not None
    value = numerator.value / denominator.value * Decimal(factor)
    if annualise:
        value = value * MONTHS_IN_YEAR / months_covered
    return Figure(Status.VALUE, value)


def total(figures: Sequence[Figure]) -> Figure:
    """The sum of figures; any absent one makes the sum absent (never a partial sum)."""
    if not figures:
        return Figure(Status.MISSING)
    absent = _first_absent(figures)
    if absent is not None:
        return absent
    return Figure(Status.VALUE, sum((figure.value or Decimal(0) for figure in figures), Decimal(0)))


def rolling_year(quarters: Sequence[Figure]) -> Figure:
    """The rolling 12 months: the sum of the last four quarters (missing with fewer)."""
    if len(quarters) < QUARTERS_IN_YEAR:
        return Figure(Status.MISSING)
    return total(quarters[-QUARTERS_IN_YEAR:])


@dataclass(frozen=True)
class Change:
    """Change between two figures: the difference and the percentage change."""

    difference: Figure
    percent: Figure


def change(current: Figure, earlier: Figure) -> Change:
    """Change on the previous quarter or on the same quarter last year.

    The percentage is "not applicable" when the earlier figure is zero (no growth from none).
    """
    absent = _first_absent([current, earlier])
    if absent is not None:
        return Change(absent, absent)
    assert current.value is not None and earlier.value is not None
    difference = current.value - earlier.value
    if earlier.value == 0:
        percent = Figure(Status.NOT_APPLICABLE)
    else:
        percent = Figure(Status.VALUE, difference / earlier.value * 100)
    return Change(Figure(Status.VALUE, difference), percent)


def rounded(figure: Figure, places: int = 1) -> Figure:
    """A figure rounded half up, as published tables round (2.25 → 2.3)."""
    if figure.value is None:
        return figure
    step = Decimal(1).scaleb(-places)
    return Figure(figure.status, figure.value.quantize(step, rounding=ROUND_HALF_UP))


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of a financial year (April to March): ``Quarter(2025, 2)`` is "2025/26 Q2"."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= QUARTERS_IN_YEAR:
            raise ValueError("A quarter is numbered 1 to 4.")

    @property
    def label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d} Q{self.number}"

    @property
    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, QUARTERS_IN_YEAR)
        return Quarter(self.year, self.number - 1)

    @property
    def following(self) -> Quarter:
        if self.number == QUARTERS_IN_YEAR:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    @property
    def same_quarter_last_year(self) -> Quarter:
        return Quarter(self.year - 1, self.number)

    def last(self, count: int) -> list[Quarter]:
        """This quarter and the ``count - 1`` before it, oldest first."""
        quarters = [self]
        while len(quarters) < count:
            quarters.append(quarters[-1].previous)
        return quarters[::-1]


class Direction(StrEnum):
    """Which way is better for an indicator."""

    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"  # more MARAC referrals can mean better identification


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class RagRule:
    """``rating`` if the value is at least (or, lower is better, at most) target × share."""

    rating: Rating
    share_of_target: Decimal


DEFAULT_RULES: dict[Direction, tuple[RagRule, ...]] = {
    Direction.HIGHER: (RagRule(Rating.GREEN, Decimal(1)), RagRule(Rating.AMBER, Decimal("0.9"))),
    Direction.LOWER: (RagRule(Rating.GREEN, Decimal(1)), RagRule(Rating.AMBER, Decimal("1.1"))),
}


def rag(
    figure: Figure,
    target: Decimal | None,
    direction: Direction,
    rules: Sequence[RagRule] | None = None,
    otherwise: Rating = Rating.RED,
) -> Rating | None:
    """The first rule the value meets, in order, else ``otherwise``.

    No rating (None) without a value, without a target, or when neither direction is better.
    """
    if not figure.is_value or target is None or direction is Direction.NEITHER:
        return None
    assert figure.value is not None
    for rule in rules if rules is not None else DEFAULT_RULES[direction]:
        bound = target * rule.share_of_target
        met = figure.value >= bound if direction is Direction.HIGHER else figure.value <= bound
        if met:
            return rule.rating
    return otherwise
