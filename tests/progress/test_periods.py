import datetime

import pytest

from vawdasv.progress.enums import PeriodKind
from vawdasv.progress.periods import (
    next_quarter,
    parse_period,
    periods_for_years,
    quarter_containing,
)

D = datetime.date


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2025/26 Q1", D(2025, 4, 1), D(2025, 6, 30)),
        ("2025/26 Q2", D(2025, 7, 1), D(2025, 9, 30)),
        ("2025/26 Q3", D(2025, 10, 1), D(2025, 12, 31)),
        ("2025/26 Q4", D(2026, 1, 1), D(2026, 3, 31)),
        ("2023/24 q4", D(2024, 1, 1), D(2024, 3, 31)),
    ],
)
def test_quarters_follow_the_welsh_financial_year(label, start, end):
    period = parse_period(label)
    assert period is not None
    assert (period.kind, period.start, period.end) == (PeriodKind.QUARTER, start, end)


def test_a_whole_year_runs_from_april_to_march():
    period = parse_period("2018/19")
    assert period is not None
    assert period.kind == PeriodKind.YEAR
    assert (period.start, period.end) == (D(2018, 4, 1), D(2019, 3, 31))
    assert str(period) == "2018/19"


def test_quarter_labels_are_written_the_usual_way():
    period = parse_period(" 2025/26   q2 ")
    assert period is not None and period.label == "2025/26 Q2"


@pytest.mark.parametrize("label", ["", "2025/27", "2025/26 Q5", "Q2", "March 2026", "2025"])
def test_text_that_is_not_a_period_is_not_read_as_one(label):
    assert parse_period(label) is None


def test_the_quarter_containing_a_winter_date_is_q4_of_the_previous_year():
    assert quarter_containing(D(2026, 2, 10)).label == "2025/26 Q4"
    assert quarter_containing(D(2025, 4, 1)).label == "2025/26 Q1"


def test_the_quarter_after_q4_is_q1_of_the_next_year():
    q4 = parse_period("2025/26 Q4")
    assert q4 is not None
    assert next_quarter(q4).label == "2026/27 Q1"


def test_a_five_year_strategy_offers_each_year_and_its_quarters():
    labels = [p.label for p in periods_for_years(2023, 2027)]
    assert len(labels) == 25
    assert labels[:5] == ["2023/24", "2023/24 Q1", "2023/24 Q2", "2023/24 Q3", "2023/24 Q4"]
    assert labels[-1] == "2027/28 Q4"
