"""A synthetic national set of outcome figures for the outcomes benchmarks (pure: no database).

60 measures × the 22 local authorities × 40 quarters (2016/17 Q1 to 2025/26 Q4), each measure
split by one disaggregation (sex: female, male; or age band: under 18, 18-24, 25 and over)
with the total as well: 184,800 values by default, ≥ 100,000 as `make bench` needs. The outcomes
benchmark writes them into its models; this module only draws them.

The figures look like the returns partners send: counts per quarter in proportion to each
authority's Census 2021 population, with a gentle trend, a seasonal swing (more domestic abuse
incidents in the winter quarter), Poisson noise, and many counts below five so disclosure
control has work to do. About 1 % of category values are "not available"; one measure serves
women only, so its male values are "not applicable". When a category value is not available,
the total is still known, as in real returns. Everything is drawn from a seeded generator, so
every run measures the same figures. These are made-up numbers, never demonstration or real
data: `SOURCE` says so wherever they are stored.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from vawdasv.outcomes.disclosure import ALL
from vawdasv.outcomes.rates import Direction, Quarter
from vawdasv.reference.loading import rows

SOURCE = "benchmarks: synthetic outcomes data (made-up figures)"
SEED = 20261129
FIRST_QUARTER = Quarter(2016, 1)

SEX = ("sex", ("female", "male"))
AGE_BAND = ("age band", ("under 18", "18-24", "25 and over"))
# Shares of a total by category; the first category of sex carries most victims.
SHARES = {
    "female": 0.85,
    "male": 0.15,
    "under 18": 0.08,
    "18-24": 0.22,
    "25 and over": 0.70,
}
WOMEN_ONLY_MEASURE = 7  # its "male" values are not applicable
NOT_AVAILABLE_SHARE = 0.01


class ValueState(StrEnum):
    VALUE = "value"
    NOT_AVAILABLE = "not available"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True, slots=True)
class Area:
    gss_code: str
    name_en: str
    name_cy: str
    region: str
    population: int


@dataclass(frozen=True, slots=True)
class MeasureSpec:
    code: str
    name_en: str
    name_cy: str
    direction: Direction
    disaggregation: str
    categories: tuple[str, ...]
    per_10000_a_quarter: float  # the expected count per 10,000 people per quarter


@dataclass(frozen=True, slots=True)
class ValueSpec:
    measure: str
    area: str
    quarter: Quarter
    category: str  # ALL for the total
    state: ValueState
    value: int | None


@dataclass(frozen=True)
class OutcomesDataSet:
    areas: tuple[Area, ...]
    measures: tuple[MeasureSpec, ...]
    quarters: tuple[Quarter, ...]
    values: tuple[ValueSpec, ...]

    def __len__(self) -> int:
        return len(self.values)


def welsh_areas() -> tuple[Area, ...]:
    """The 22 local authorities with their region and Census 2021 population."""
    return tuple(
        Area(
            gss_code=row["gss_code"],
            name_en=row["name_en"],
            name_cy=row["name_cy"],
            region=row["vawdasv_region"],
            population=int(row["population_2021_census"]),
        )
        for row in rows("welsh-local-authorities.csv")
    )


def measures(count: int = 60, seed: int = SEED) -> tuple[MeasureSpec, ...]:
    """Measures with rates from rare (a few a year in a county) to common (police incidents)."""
    rng = random.Random(seed)
    specs = []
    for number in range(1, count + 1):
        name, categories = SEX if number % 2 else AGE_BAND
        # Log-uniform from 0.05 to 50 per 10,000 a quarter: many small counts, some large.
        rate = math.exp(rng.uniform(math.log(0.05), math.log(50)))
        direction = (Direction.HIGHER, Direction.LOWER, Direction.NEITHER)[number % 3]
        specs.append(
            MeasureSpec(
                code=f"BM{number:03d}",
                name_en=f"Benchmark measure {number} (made up)",
                name_cy=f"Mesur meincnodi {number} (ffug)",
                direction=direction,
                disaggregation=name,
                categories=categories,
                per_10000_a_quarter=round(rate, 3),
            )
        )
    return tuple(specs)


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw: Knuth's product method for small means, a rounded normal for large."""
    if lam <= 0:
        return 0
    if lam > 60:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit = math.exp(-lam)
    count, product = 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _values(
    specs: Sequence[MeasureSpec],
    areas: Sequence[Area],
    quarters: Sequence[Quarter],
    rng: random.Random,
) -> Iterator[ValueSpec]:
    for index, spec in enumerate(specs, start=1):
        for area in areas:
            expected = spec.per_10000_a_quarter * area.population / 10_000
            for step, quarter in enumerate(quarters):
                trend = 1 + 0.01 * step  # referrals rise as identification improves
                season = 1.15 if quarter.number == 3 else 1.0
                parts: list[tuple[str, ValueState, int | None]] = []
                for category in spec.categories:
                    if index == WOMEN_ONLY_MEASURE and category == "male":
                        parts.append((category, ValueState.NOT_APPLICABLE, None))
                        continue
                    drawn = poisson(rng, expected * trend * season * SHARES[category])
                    if rng.random() < NOT_AVAILABLE_SHARE:
                        parts.append((category, ValueState.NOT_AVAILABLE, drawn))
                    else:
                        parts.append((category, ValueState.VALUE, drawn))
                # The total counts every victim, also those whose category was not recorded.
                total = sum(part or 0 for _, _, part in parts)
                yield ValueSpec(spec.code, area.gss_code, quarter, ALL, ValueState.VALUE, total)
                for category, state, count in parts:
                    shown = count if state is ValueState.VALUE else None
                    yield ValueSpec(spec.code, area.gss_code, quarter, category, state, shown)


def generate(
    measure_count: int = 60,
    quarter_count: int = 40,
    first: Quarter = FIRST_QUARTER,
    seed: int = SEED,
    areas: Sequence[Area] | None = None,
) -> OutcomesDataSet:
    """Draw the data set; the same arguments always give the same figures."""
    rng = random.Random(seed)
    chosen_areas = tuple(areas) if areas is not None else welsh_areas()
    specs = measures(measure_count, seed)
    quarters = _quarters_from(first, quarter_count)
    values = tuple(_values(specs, chosen_areas, quarters, rng))
    return OutcomesDataSet(chosen_areas, specs, quarters, values)


def _quarters_from(first: Quarter, count: int) -> tuple[Quarter, ...]:
    quarters = [first]
    while len(quarters) < count:
        quarters.append(quarters[-1].following)
    return tuple(quarters)


def populations(areas: Sequence[Area] | None = None) -> dict[tuple[str, str], int]:
    """Denominators by (area, sex): Census 2021 totals split 51 % female (made up split)."""
    result: dict[tuple[str, str], int] = {}
    for area in areas if areas is not None else welsh_areas():
        female = round(area.population * 0.51)
        result[(area.gss_code, ALL)] = area.population
        result[(area.gss_code, "female")] = female
        result[(area.gss_code, "male")] = area.population - female
    return result
