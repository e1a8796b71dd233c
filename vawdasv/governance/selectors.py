"""Reading governance records: quorum, attendance and what a person may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from vawdasv.governance import indicators
from vawdasv.governance.enums import ATTENDED, AttendanceStatus
from vawdasv.governance.models import AgendaItem, Group, Meeting, Seat
from vawdasv.lib.bilingual import read
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Action


@dataclass(frozen=True)
class Quorum:
    organisations_attending: int
    required: int

    @property
    def met(self) -> bool:
        return self.organisations_attending >= self.required


def quorum(meeting: Meeting) -> Quorum:
    """Quorate when enough different seated organisations attended (member or deputy), as the
    terms of reference say; two seats of one organisation count once."""
    attending = (
        meeting.attendance.filter(status__in=ATTENDED)
        .values("seat__organisation_id")
        .distinct()
        .count()
    )
    return Quorum(attending, meeting.group.quorum_organisations)


@dataclass(frozen=True)
class AttendanceRow:
    seat: Seat
    status: str  # "" when not yet recorded

    @property
    def label(self) -> str:
        return str(AttendanceStatus(self.status).label) if self.status else ""


def attendance_rows(meeting: Meeting) -> list[AttendanceRow]:
    recorded = dict(meeting.attendance.values_list("seat_id", "status"))
    return [
        AttendanceRow(seat, recorded.get(seat.pk, ""))
        for seat in meeting.group.seats.select_related("organisation")
    ]


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    counts = {status: 0 for status in AttendanceStatus.values}
    for status in meeting.attendance.values_list("status", flat=True):
        counts[status] += 1
    return counts


def groups_of(partnership_id: int) -> QuerySet[Group]:
    return Group.objects.filter(partnership_id=partnership_id).select_related(
        "reports_to_group", "reports_to_body"
    )


def later_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    """Meetings at which this meeting's minutes may be approved."""
    return Meeting.objects.filter(group_id=meeting.group_id, starts_at__gt=meeting.starts_at)


def can_view(user: object, group: Group) -> bool:
    return permissions.can_view_governance(user, group.partnership_id)


def actions_concerned(meeting: Meeting) -> QuerySet[Action]:
    """The plan actions a meeting's records concern: those its decisions changed, its agenda
    discussed, and those its group owns or oversees."""
    return (
        Action.objects.filter(
            Q(governance_decisions__meeting=meeting)
            | Q(agenda_items__meeting=meeting)
            | Q(governance_groups=meeting.group_id)
        )
        .distinct()
        .select_related("commitment__theme__strategy")
    )


def meetings_for(user: object) -> QuerySet[Meeting]:
    """Every meeting of every group whose partnership's governance the user reads."""
    meetings = Meeting.objects.select_related("group")
    ids = permissions.governance_partnership_ids(user)
    return meetings if ids is None else meetings.filter(group__partnership_id__in=ids)


@dataclass(frozen=True)
class GroupMeetings:
    group: Group
    held: list[datetime.date]


def meetings_held(
    partnership_id: int, start: datetime.date, end: datetime.date
) -> list[GroupMeetings]:
    """Each group of the partnership with the dates of its meetings held from start to end
    (the progress report's governance section); two queries."""
    groups = list(Group.objects.filter(partnership_id=partnership_id).order_by("name_en", "pk"))
    held: dict[int, list[datetime.date]] = {g.pk: [] for g in groups}
    for group_id, starts_at in (
        Meeting.objects.filter(
            group__in=groups, starts_at__date__gte=start, starts_at__date__lte=end
        )
        .order_by("starts_at")
        .values_list("group_id", "starts_at")
    ):
        held[group_id].append(localdate(starts_at))
    return [GroupMeetings(g, held[g.pk]) for g in groups]


@dataclass(frozen=True)
class AgendaLink:
    label: str
    url: str


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    links: list[AgendaLink]


def agenda(meeting: Meeting) -> list[AgendaRow]:
    """The agenda with what each item concerns (actions, commitments, progress rounds and
    indicators) as labelled links in the current language, in a fixed number of queries."""
    items = list(
        meeting.agenda_items.prefetch_related(
            "actions", "commitments__theme__strategy", "rounds__strategy"
        )
    )
    indicator_links = indicators.links({pk for item in items for pk in item.indicator_ids})
    rows = []
    for item in items:
        links = [
            AgendaLink(f"{a.ref} {read(a, 'text').text}".strip()[:80], a.get_absolute_url())
            for a in item.actions.all()
        ]
        links += [
            AgendaLink(
                f"{c.ref} {read(c, 'text').text}".strip()[:80],
                f"{c.theme.strategy.get_absolute_url()}#commitment-{c.pk}",
            )
            for c in item.commitments.all()
        ]
        links += [
            AgendaLink(_("Progress round %(period)s") % {"period": r.period_label},
                       r.get_absolute_url())
            for r in item.rounds.all()
        ]  # fmt: skip
        links += [
            AgendaLink(link.label, link.url)
            for pk in item.indicator_ids
            if (link := indicator_links.get(pk)) is not None
        ]
        rows.append(AgendaRow(item, links))
    return rows
