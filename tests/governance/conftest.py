"""A Steering Group of the Cardiff and Vale partnership with two seats and two meetings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests.outcomes.conftest import outcomes  # noqa: F401  (a small outcomes framework)
from vawdasv.governance import services
from vawdasv.governance.enums import Frequency, GroupKind
from vawdasv.governance.models import ExternalBody, Group, Meeting, Seat


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@dataclass
class Governance:
    board: ExternalBody
    group: Group
    police_seat: Seat
    council_seat: Seat
    june: Meeting
    september: Meeting


@pytest.fixture
def gov(world) -> Governance:
    admin, partnership = world.admin, world.partnership
    board = services.create_external_body(
        actor=admin, partnership=partnership,
        data={"name_en": "Regional Safeguarding Board", "name_cy": "Bwrdd Diogelu Rhanbarthol"},
    )  # fmt: skip
    group = services.create_group(
        actor=admin, partnership=partnership,
        data={
            "name_en": "Regional VAWDASV Steering Group",
            "name_cy": "Grŵp Llywio Rhanbarthol VAWDASV",
            "kind": GroupKind.STEERING_GROUP, "frequency": Frequency.QUARTERLY,
            "quorum_organisations": 2, "reports_to_body": board,
        },
    )  # fmt: skip
    police_seat = services.add_seat(
        actor=admin, group=group, data={"organisation": world.police, "member_name": "A. Jones"}
    )
    council_seat = services.add_seat(
        actor=admin, group=group, data={"organisation": world.council, "member_name": "B. Evans"}
    )
    june = services.create_meeting(
        actor=admin, group=group, data={"starts_at": at(datetime.date(2026, 6, 12))}
    )
    september = services.create_meeting(
        actor=admin, group=group, data={"starts_at": at(datetime.date(2026, 9, 11))}
    )
    return Governance(board, group, police_seat, council_seat, june, september)
