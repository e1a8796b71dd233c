"""Reporting periods in the Welsh financial year (1 April to 31 March).

A period is a quarter, written "2025/26 Q2" (July to September 2025), or a whole year, written
"2018/19". The label is what people say and what is stored; the dates are worked out from it.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from vawdasv.plans.timescales import financial_year_bounds, financial_year_label, month_end
from vawdasv.progress.enums import PeriodKind

_QUARTER = re.compile(r"(\d{4}/\d{2})\s*Q([1-4])", re.I)


@dataclass(frozen=True)
class ReportingPeriod:
    label: str
    kind: PeriodKind
    start: datetime.date
    end: datetime.date

    def __str__(self) -> str:
        return self.label


def _quarter(year_label: str, quarter: int) -> ReportingPeriod | None:
    bounds = financial_year_bounds(year_label)
    if bounds is None:
        return None
    # Count months from year 0 so a quarter running into January needs no special case.
    first = bounds[0].year * 12 + (bounds[0].month - 1) + 3 * (quarter - 1)
    last = first + 2
    start = datetime.date(first // 12, first % 12 + 1, 1)
    end = month_end(last // 12, last % 12 + 1)
    return ReportingPeriod(f"{year_label} Q{quarter}", PeriodKind.QUARTER, start, end)


@functools.lru_cache(maxsize=4096)
def parse_period(label: str) -> ReportingPeriod | None:
    """Read "2025/26 Q2" or "2018/19"; None when the text is not a reporting period.
    Remembered per label (a pure function, and its periods are frozen): pages read the same
    few dozen labels on every request."""
    text = " ".join((label or "").split())
    if m := _QUARTER.fullmatch(text):
        return _quarter(m.group(1), int(m.group(2)))
    bounds = financial_year_bounds(text)
    if bounds is None:
        return None
    return ReportingPeriod(text, PeriodKind.YEAR, *bounds)


def quarter_containing(day: datetime.date) -> ReportingPeriod:
    year_label = financial_year_label(day)
    quarter = ((day.month - 4) % 12) // 3 + 1
    period = _quarter(year_label, quarter)
    assert period is not None  # a label made from a date is always valid
    return period


def next_quarter(period: ReportingPeriod) -> ReportingPeriod:
    return quarter_containing(period.end + datetime.timedelta(days=1))


def periods_for_years(first_year: int, last_year: int) -> list[ReportingPeriod]:
    """Each financial year from April `first_year` to April `last_year`, then its quarters."""
    periods: list[ReportingPeriod] = []
    for start in range(first_year, max(first_year, last_year) + 1):
        for label in (
            f"{start}/{str(start + 1)[2:]}",
            *(f"{start}/{str(start + 1)[2:]} Q{q}" for q in range(1, 5)),
        ):
            period = parse_period(label)
            if period is not None:
                periods.append(period)
    return periods
