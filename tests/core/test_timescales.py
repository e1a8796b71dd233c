"""plans.timescales: reading timescales as plans write them, and Welsh financial years.

The examples are the ones found in the real plans (see the import issue): month and year, financial
years, quarters, seasons, "Ongoing", "Annually", "TBC" and text nobody can date.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vawdasv.plans.enums import TimescaleKind
from vawdasv.plans.timescales import (
    MONTHS,
    financial_year_bounds,
    financial_year_label,
    parse_timescale,
)

D = datetime.date

DATED = {
    "Mar 2026": D(2026, 3, 31),
    "March 2020": D(2020, 3, 31),
    "Sept 2023": D(2023, 9, 30),
    "Apr-25": D(2025, 4, 30),
    "Feb 2024": D(2024, 2, 29),  # a leap year: the end of the month, not the 28th
    "Dec-2024": D(2024, 12, 31),
    "2019/20": D(2020, 3, 31),
    "2019/2020": D(2020, 3, 31),
    "2019-20": D(2020, 3, 31),
    "Q1 2024/25": D(2024, 6, 30),
    "Q3 2024/25": D(2024, 12, 31),
    "Q4 2024/25": D(2025, 3, 31),
    "By Autumn 2022": D(2022, 11, 30),
    "By Winter 2022": D(2023, 2, 28),
    "By end of 2022": D(2022, 12, 31),
    "end of March 2024": D(2024, 3, 31),
    "30/06/2024": D(2024, 6, 30),
    "1st April 2025": D(2025, 4, 1),
    "  by   mar  2026. ": D(2026, 3, 31),
}

UNDATED = {
    "Ongoing": TimescaleKind.ONGOING,
    "On-going": TimescaleKind.ONGOING,
    "Annually": TimescaleKind.RECURRING,
    "Annually and Ongoing": TimescaleKind.RECURRING,
    "November annually": TimescaleKind.RECURRING,
    "Quarterly": TimescaleKind.RECURRING,
    "TBC": TimescaleKind.UNKNOWN,
    "To be confirmed": TimescaleKind.UNKNOWN,
    "": TimescaleKind.UNKNOWN,
}


@pytest.mark.parametrize(("text", "due"), DATED.items(), ids=DATED.keys())
def test_timescales_that_name_a_time_get_a_due_date(text, due):
    parsed = parse_timescale(text)
    assert parsed.due_date == due
    assert parsed.kind == TimescaleKind.DATE
    assert parsed.needs_check is False


@pytest.mark.parametrize(("text", "kind"), UNDATED.items(), ids=UNDATED.keys())
def test_ongoing_recurring_and_to_be_confirmed_timescales_have_no_due_date(text, kind):
    parsed = parse_timescale(text)
    assert (parsed.due_date, parsed.kind, parsed.needs_check) == (None, kind, False)
    assert parsed.text == text


@pytest.mark.parametrize(
    "text",
    ["When funding allows", "31/02/2024", "2024-02-30", "Q5 2024/25", "2019/21", "Smarch 2026",
     "March 1850", "30th February 2024"],
)  # fmt: skip
def test_text_nobody_can_date_is_kept_and_marked_for_checking(text):
    parsed = parse_timescale(text)
    assert parsed.text == text
    assert (parsed.due_date, parsed.kind, parsed.needs_check) == (None, TimescaleKind.UNKNOWN, True)


WELSH = {
    "Mawrth 2026": D(2026, 3, 31),
    "Erbyn Medi 2024": D(2024, 9, 30),
    "diwedd Rhagfyr 2025": D(2025, 12, 31),
    "Chwefror 2024": D(2024, 2, 29),
    "Erbyn diwedd Gorffennaf 2023": D(2023, 7, 31),
    "Gwanwyn 2025": D(2025, 5, 31),
}


@pytest.mark.parametrize(("text", "due"), WELSH.items(), ids=WELSH.keys())
def test_welsh_month_and_season_names_are_understood(text, due):
    assert parse_timescale(text).due_date == due


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Parhaus", TimescaleKind.ONGOING), ("Yn flynyddol", TimescaleKind.RECURRING),
     ("I'w gadarnhau", TimescaleKind.UNKNOWN)],
)  # fmt: skip
def test_welsh_undated_timescales_are_understood(text, kind):
    assert parse_timescale(text).kind == kind


def test_every_month_name_means_the_end_of_that_month():
    for word, month in MONTHS.items():
        due = parse_timescale(f"{word} 2025").due_date
        assert due is not None and (due.year, due.month) == (2025, month), word
        assert (due + datetime.timedelta(days=1)).day == 1, word


def test_missing_timescale_is_blank_and_unknown():
    parsed = parse_timescale(None)
    assert (parsed.text, parsed.due_date, parsed.kind) == ("", None, TimescaleKind.UNKNOWN)


_timescale_like = st.one_of(
    st.text(),
    st.builds(
        lambda prefix, word, sep, year: f"{prefix}{word}{sep}{year}",
        st.sampled_from(["", "By ", "end of ", "Q3 ", "erbyn ", "31/"]),
        st.sampled_from([*MONTHS, "autumn", "gaeaf", "2019", "Q", "02/"]),
        st.sampled_from([" ", "-", "/", "", " '"]),
        st.integers(min_value=-5, max_value=99999).map(str),
    ),
)


@given(_timescale_like)
# Generating these texts is slow on a loaded CI machine; the property, not the speed, is tested.
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_parse_timescale_never_raises_and_always_keeps_the_text(raw):
    parsed = parse_timescale(raw)
    assert parsed.text == " ".join(raw.split())
    assert (parsed.due_date is not None) == (parsed.kind == TimescaleKind.DATE)
    assert not (parsed.needs_check and parsed.kind != TimescaleKind.UNKNOWN)


# Financial years -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "label"),
    [(D(2025, 3, 31), "2024/25"), (D(2025, 4, 1), "2025/26"), (D(2025, 12, 31), "2025/26"),
     (D(2000, 1, 1), "1999/00"), (D(2099, 6, 1), "2099/00")],
)  # fmt: skip
def test_financial_year_label_runs_from_april_to_march(day, label):
    assert financial_year_label(day) == label


def test_financial_year_bounds_are_the_first_of_april_and_the_thirty_first_of_march():
    assert financial_year_bounds("2025/26") == (D(2025, 4, 1), D(2026, 3, 31))
    assert financial_year_bounds("1999/00") == (D(1999, 4, 1), D(2000, 3, 31))


@pytest.mark.parametrize("label", ["2025/27", "2025-26", "25/26", "2025/2026", "", "next year"])
def test_financial_year_bounds_of_something_that_is_not_a_year_is_none(label):
    assert financial_year_bounds(label) is None


@given(st.dates(min_value=D(1991, 1, 1), max_value=D(2099, 12, 31)))
def test_a_date_falls_within_the_bounds_of_its_own_financial_year(day):
    bounds = financial_year_bounds(financial_year_label(day))
    assert bounds is not None
    assert bounds[0] <= day <= bounds[1]
