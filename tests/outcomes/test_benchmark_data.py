"""The benchmark's synthetic outcome figures: big enough, reproducible and self-consistent."""

from __future__ import annotations

from collections import defaultdict

from benchmarks.outcomes_data import ValueState, generate, populations, welsh_areas
from vawdasv.outcomes.disclosure import ALL


def test_the_default_set_has_over_100000_values_for_60_measures_22_areas_and_40_quarters() -> None:
    data = generate()

    assert len(data) >= 100_000
    assert len(data.measures) == 60
    assert len(data.areas) == 22
    assert [q.label for q in (data.quarters[0], data.quarters[-1])] == ["2016/17 Q1", "2025/26 Q4"]
    assert len(data.quarters) == 40


def test_the_same_seed_gives_the_same_figures_and_another_seed_others() -> None:
    small = {"measure_count": 4, "quarter_count": 6}

    assert generate(**small).values == generate(**small).values
    assert generate(**small).values != generate(**small, seed=1).values


def test_every_total_is_the_sum_of_its_known_parts_when_all_are_known() -> None:
    data = generate(measure_count=8, quarter_count=8)
    groups: dict[tuple[str, str, object], list] = defaultdict(list)
    for value in data.values:
        groups[(value.measure, value.area, value.quarter)].append(value)

    for group in groups.values():
        total = next(value for value in group if value.category == ALL)
        parts = [value for value in group if value.category != ALL]
        assert total.state is ValueState.VALUE
        if all(part.state is ValueState.VALUE for part in parts):
            assert total.value == sum(part.value or 0 for part in parts)
        for part in parts:
            assert (part.value is None) == (part.state is not ValueState.VALUE)


def test_the_set_has_small_counts_gaps_and_not_applicable_values() -> None:
    data = generate(measure_count=10, quarter_count=8)
    states = {value.state for value in data.values}
    small = [value for value in data.values if value.value is not None and 0 < value.value < 5]

    assert states == set(ValueState)
    assert len(small) > 100


def test_denominators_cover_every_area_by_sex() -> None:
    table = populations()

    for area in welsh_areas():
        assert table[(area.gss_code, "female")] + table[(area.gss_code, "male")] == area.population
