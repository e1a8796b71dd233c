"""Is the structure healthy? Meetings due against each group's frequency, terms of reference
past their review date, and attendance by organisation (with quorum) over a year."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.timezone import localdate

from vawdasv.governance.enums import ATTENDED, FREQUENCY_MONTHS
from vawdasv.governance.models import Attendance, Group, Meeting


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last_day = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30,
                31, 30, 31, 31, 30, 31, 30, 31][month - 1]  # fmt: skip
    return day.replace(year=year, month=month, day=min(day.day, last_day))


@dataclass
class GroupHealth:
    group: Group
    last_meeting: datetime.date | None
    next_due: datetime.date | None  # None: meets as necessary
    meeting_overdue: bool
    review_overdue: bool
    meetings_held: int
    quorate_meetings: int
    # organisation name → meetings its seat was filled at
    attended_by_organisation: dict[str, int] = field(default_factory=dict)


def group_health(
    groups: list[Group], today: datetime.date, start: datetime.date
) -> list[GroupHealth]:
    """One row per group for the year from `start` to `today`; a few queries for all groups."""
    meetings = list(
        Meeting.objects.filter(group__in=groups, starts_at__date__lte=today)
        .order_by("starts_at")
        .only("pk", "group_id", "starts_at")
    )
    attended: dict[int, set[int]] = defaultdict(set)  # meeting → organisations there
    names: dict[int, str] = {}
    for row in Attendance.objects.filter(
        meeting__in=[m.pk for m in meetings], status__in=ATTENDED
    ).values("meeting_id", "seat__organisation_id", "seat__organisation__name_en"):
        attended[row["meeting_id"]].add(row["seat__organisation_id"])
        names[row["seat__organisation_id"]] = row["seat__organisation__name_en"]
    result = []
    for group in groups:
        own = [m for m in meetings if m.group_id == group.pk]
        in_year = [m for m in own if localdate(m.starts_at) >= start]
        last = localdate(own[-1].starts_at) if own else None
        months = FREQUENCY_MONTHS.get(group.frequency)
        next_due = add_months(last, months) if last and months else None
        by_org: dict[str, int] = defaultdict(int)
        for meeting in in_year:
            for organisation_id in attended[meeting.pk]:
                by_org[names[organisation_id]] += 1
        result.append(
            GroupHealth(
                group=group,
                last_meeting=last,
                next_due=next_due,
                meeting_overdue=bool(months) and (next_due is None or next_due < today),
                review_overdue=bool(group.review_date and group.review_date < today),
                meetings_held=len(in_year),
                quorate_meetings=sum(
                    len(attended[m.pk]) >= group.quorum_organisations for m in in_year
                ),
                attended_by_organisation=dict(sorted(by_org.items())),
            )
        )
    return result


def year_before(today: datetime.date) -> datetime.date:
    return add_months(today, -12) + datetime.timedelta(days=1)
