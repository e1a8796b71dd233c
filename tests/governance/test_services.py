from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from vawdasv.audit.describe import describe
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.origins import OriginKind
from vawdasv.audit.services import history_for
from vawdasv.governance import selectors, services
from vawdasv.governance.enums import AttendanceStatus, Frequency, GroupKind, MinutesStatus

pytestmark = pytest.mark.django_db


def test_a_group_is_created_with_one_audit_entry(world, gov):
    entries = history_for(gov.group)
    assert [e.verb for e in entries] == [Verb.CREATED]
    assert entries[0].changes["frequency"]["after"] == Frequency.QUARTERLY


def test_only_the_regional_team_records_groups(world):
    for person in (world.lead, world.board, world.outsider):
        with pytest.raises(PermissionDenied):
            services.create_group(
                actor=person, partnership=world.partnership,
                data={"name_en": "X", "kind": GroupKind.FORUM, "frequency": Frequency.MONTHLY},
            )  # fmt: skip


def test_a_group_cannot_report_to_itself_through_another(world, gov):
    sub = services.create_group(
        actor=world.admin, partnership=world.partnership,
        data={"name_en": "Sub", "kind": GroupKind.SUB_GROUP, "frequency": Frequency.MONTHLY,
              "reports_to_group": gov.group},
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.update_group(
            actor=world.admin, group=gov.group,
            data={"reports_to_group": sub, "reports_to_body": None},
        )  # fmt: skip


def test_a_seat_must_be_held_by_a_member_organisation(world, gov):
    from tests.factories import OrganisationFactory

    stranger = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.add_seat(actor=world.admin, group=gov.group, data={"organisation": stranger})


def test_quorum_counts_organisations_that_attended_in_person_or_by_deputy(world, gov):
    services.record_attendance(
        actor=world.admin, meeting=gov.june,
        statuses={gov.police_seat.pk: AttendanceStatus.DEPUTY,
                  gov.council_seat.pk: AttendanceStatus.APOLOGIES},
        survivor_representatives=2,
    )  # fmt: skip
    assert not selectors.quorum(gov.june).met
    services.record_attendance(
        actor=world.admin, meeting=gov.june,
        statuses={gov.council_seat.pk: AttendanceStatus.PRESENT},
    )  # fmt: skip
    result = selectors.quorum(gov.june)
    assert (result.organisations_attending, result.met) == (2, True)
    gov.june.refresh_from_db()
    assert gov.june.survivor_representatives == 2


def test_recording_attendance_writes_one_audit_entry_per_save(world, gov):
    services.record_attendance(
        actor=world.admin, meeting=gov.june,
        statuses={gov.police_seat.pk: AttendanceStatus.PRESENT,
                  gov.council_seat.pk: AttendanceStatus.ABSENT},
    )  # fmt: skip
    updates = history_for(gov.june).filter(verb=Verb.UPDATED)
    assert updates.count() == 1
    assert set(updates[0].changes["attendance"]["after"].values()) == {"present", "absent"}


def test_attendance_for_another_groups_seat_is_refused_and_nothing_is_saved(world, gov):
    other = services.create_group(
        actor=world.admin, partnership=world.partnership,
        data={"name_en": "Forum", "kind": GroupKind.FORUM, "frequency": Frequency.ANNUALLY},
    )  # fmt: skip
    seat = services.add_seat(actor=world.admin, group=other, data={"organisation": world.police})
    with pytest.raises(ValidationError):
        services.record_attendance(
            actor=world.admin, meeting=gov.june,
            statuses={gov.police_seat.pk: AttendanceStatus.PRESENT, seat.pk: "present"},
        )  # fmt: skip
    assert not gov.june.attendance.exists()


def test_minutes_are_approved_at_a_later_meeting_and_then_cannot_change(world, gov):
    services.save_minutes(
        actor=world.admin, meeting=gov.june, minutes_en="Minutes", minutes_cy="Cofnodion"
    )
    with pytest.raises(ValidationError):
        services.approve_minutes(actor=world.admin, meeting=gov.september, at_meeting=gov.june)
    approved = services.approve_minutes(
        actor=world.admin, meeting=gov.june, at_meeting=gov.september
    )
    assert approved.minutes_status == MinutesStatus.APPROVED
    assert (approved.minutes_approved_at, approved.minutes_approved_by) == (
        gov.september, world.admin,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.save_minutes(
            actor=world.admin, meeting=approved, minutes_en="Changed", minutes_cy=""
        )


def test_a_decision_that_changes_the_timescale_is_told_as_amended_at_the_meeting(world, gov):
    action = world.police_action
    services.record_decision(
        actor=world.admin, meeting=gov.june,
        data={"what_en": "Extend the timescale to March 2027", "action": action},
        plan_changes={"timescale_text": "Mar 2027"},
    )  # fmt: skip
    action.refresh_from_db()
    assert action.timescale_text == "Mar 2027"
    entry = history_for(action).filter(verb=Verb.UPDATED).get()
    assert entry.origin_kind == OriginKind.MEETING
    assert entry.origin == gov.june
    assert "Amended at the Regional VAWDASV Steering Group meeting of 12 June 2026" in (
        describe(entry).sentences
    )
    with translation.override("cy"):
        welsh = describe(entry).sentences[-1]
    assert "Grŵp Llywio Rhanbarthol VAWDASV" in welsh and "Mehefin 2026" in welsh


def test_a_decision_cannot_change_fields_the_plan_does_not_let_it(world, gov):
    with pytest.raises(ValueError):
        services.record_decision(
            actor=world.admin, meeting=gov.june,
            data={"what_en": "Move it", "action": world.police_action},
            plan_changes={"lead_organisations": []},
        )  # fmt: skip
    assert not AuditEntry.objects.filter(origin_kind=OriginKind.MEETING).exists()


def test_a_decision_about_another_partnerships_action_is_refused(world, gov):
    from tests.factories import ActionFactory, CommitmentFactory, ThemeFactory

    foreign = ActionFactory(
        commitment=CommitmentFactory(theme=ThemeFactory(strategy=world.other_strategy))
    )
    with pytest.raises(ValidationError):
        services.record_decision(
            actor=world.admin, meeting=gov.june, data={"what_en": "X", "action": foreign},
            plan_changes={"timescale_text": "Mar 2027"},
        )  # fmt: skip


def test_the_action_log_keeps_owner_due_date_and_status(world, gov):
    import datetime

    item = services.add_log_item(
        actor=world.admin, meeting=gov.june,
        data={"text_en": "Circulate the draft", "owner_organisation": world.council,
              "owner_person": "B. Evans", "due_date": datetime.date(2026, 7, 1)},
    )  # fmt: skip
    updated = services.update_log_item(
        actor=world.admin, item=item, data={"status": "done", "updates": "Sent 30 June"},
        expected_version=item.version,
    )  # fmt: skip
    assert updated.status == "done" and updated.version == item.version + 1
    with pytest.raises(PermissionDenied):
        services.update_log_item(actor=world.lead, item=updated, data={"status": "open"})
