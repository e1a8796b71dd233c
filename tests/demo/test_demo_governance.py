"""load-demo's governance: the report's twelve groups, the Steering Group's year."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from vawdasv.audit.describe import describe
from vawdasv.audit.services import history_for
from vawdasv.demo.governance import NEW_TIMESCALE
from vawdasv.governance.enums import Frequency, MinutesStatus
from vawdasv.governance.models import AgendaItem, Decision, Group, Meeting, VoiceItem
from vawdasv.governance.selectors import quorum


@pytest.fixture
def demo(db, settings) -> None:
    settings.DEBUG = True  # load-demo refuses a real deployment (issue 8, finding 11)
    call_command("load_demo", stdout=StringIO())


def test_the_demo_has_the_reports_twelve_groups_reporting_up_to_the_safeguarding_board(demo):
    groups = Group.objects.filter(partnership__slug="cardiff-vale")
    assert groups.count() == 12
    steering = groups.get(name_en="Regional VAWDASV Steering Group")
    assert steering.reports_to_body.name_en == "Regional Safeguarding Board"
    assert steering.frequency == Frequency.QUARTERLY
    assert groups.get(name_en="Regional VAWDASV Commissioning Board").frequency == "monthly"
    assert groups.get(name_en="Professional Interest Forum").frequency == "biannually"
    assert steering.reporting_groups.count() == 11


def test_the_steering_groups_year_has_attendance_approved_minutes_and_an_amendment(demo):
    meetings = list(Meeting.objects.filter(group__name_en__startswith="Regional VAWDASV Steering")
                    .order_by("starts_at"))  # fmt: skip
    assert len(meetings) == 4
    assert [m.minutes_status for m in meetings] == [MinutesStatus.APPROVED] * 3 + ["draft"]
    assert all(m.minutes_en.startswith("(demonstration value)") for m in meetings)
    assert all(quorum(m).met for m in meetings)
    decision = Decision.objects.get()
    assert decision.action.timescale_text == NEW_TIMESCALE
    entry = history_for(decision.action).filter(origin_kind="meeting").get()
    assert "Amended at the Regional VAWDASV Steering Group meeting of 12 June 2026" in (
        describe(entry).sentences
    )
    with translation.override("cy"):
        assert "12 Mehefin 2026" in describe(entry).sentences[-1]


def test_the_demo_has_you_said_we_did_items_marked_as_demonstration(demo):
    items = VoiceItem.objects.filter(partnership__slug="cardiff-vale")
    assert items.count() == 3
    assert all(item.said_en.startswith("(demonstration value)") for item in items)
    assert items.filter(published=True, consent_to_publish=True).count() == 2


def test_each_steering_group_meeting_has_an_agenda_item_linked_to_the_plan(demo):
    items = AgendaItem.objects.filter(meeting__group__name_en__startswith="Regional VAWDASV")
    assert items.count() == 4
    assert all(item.title_en.startswith("(demonstration value)") for item in items)
    assert all(item.actions.exists() and item.commitments.exists() for item in items)


def test_loading_the_demo_again_rebuilds_the_same_governance(demo):
    call_command("load_demo", stdout=StringIO())
    assert Group.objects.filter(partnership__slug="cardiff-vale").count() == 12
    assert Decision.objects.count() == 1
