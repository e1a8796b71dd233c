"""Changing and deleting meetings, seats and action-log items: version-checked edits that show
both versions on a conflict, and deletes that ask first."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from vawdasv.audit.models import AuditEntry
from vawdasv.governance import services
from vawdasv.governance.models import LogItem, Meeting, Seat, VoiceItem

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _meeting_form(meeting: Meeting, **changes: str) -> dict[str, str]:
    return {"date": "2026-06-12", "start": "10:00", "end": "12:00", "place": "County Hall",
            "version": str(meeting.version), **changes}  # fmt: skip


def test_a_meeting_is_changed_from_its_edit_page_with_one_audit_entry(world, gov):
    before = AuditEntry.objects.count()
    response = _client(world.admin).post(
        f"/governance/meetings/{gov.june.pk}/edit/", _meeting_form(gov.june)
    )
    assert response.status_code == 302
    gov.june.refresh_from_db()
    assert gov.june.place == "County Hall" and gov.june.ends_at is not None
    assert AuditEntry.objects.count() == before + 1


def test_a_stale_meeting_edit_shows_both_versions_and_keeps_the_editors_text(world, gov):
    stale = _meeting_form(gov.june, place="Room 2")
    services.update_meeting(actor=world.admin, meeting=gov.june, data={"place": "Llandaf"})
    response = _client(world.admin).post(f"/governance/meetings/{gov.june.pk}/edit/", stale)
    html = response.content.decode()
    assert response.status_code == 400
    assert "What changed while you were editing" in html
    assert "Llandaf" in html and 'value="Room 2"' in html
    gov.june.refresh_from_db()
    assert gov.june.place == "Llandaf"
    # Saving again (the form now carries the newer version) keeps the editor's text.
    again = _meeting_form(gov.june, place="Room 2")
    assert (
        _client(world.admin).post(f"/governance/meetings/{gov.june.pk}/edit/", again).status_code
        == 302
    )
    gov.june.refresh_from_db()
    assert gov.june.place == "Room 2"


def test_an_edit_page_is_in_welsh_under_cy(world, gov):
    html = _client(world.admin).get(f"/cy/governance/meetings/{gov.june.pk}/edit/").content
    assert "Newid y cyfarfod" in html.decode()
    # The date picker reads ISO dates only: a Welsh-format date would be dropped by browsers.
    assert 'value="2026-06-12"' in html.decode() and 'value="10:00"' in html.decode()


def test_deleting_a_meeting_asks_first_then_deletes_it(world, gov):
    client = _client(world.admin)
    url = f"/governance/meetings/{gov.september.pk}/delete/"
    assert "Delete this meeting?" in client.get(url).content.decode()
    assert Meeting.objects.filter(pk=gov.september.pk).exists()
    response = client.post(url, {"version": str(gov.september.version)})
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=gov.september.pk).exists()


def test_a_meeting_with_decisions_is_part_of_the_record_and_cannot_be_deleted(world, gov):
    services.record_decision(actor=world.admin, meeting=gov.june, data={"what_en": "Agreed"})
    response = _client(world.admin).post(
        f"/governance/meetings/{gov.june.pk}/delete/", {"version": str(gov.june.version)}
    )
    assert response.status_code == 400
    assert "part of the record" in response.content.decode()
    assert Meeting.objects.filter(pk=gov.june.pk).exists()


def test_a_seat_is_changed_but_keeps_its_organisation(world, gov):
    seat = gov.police_seat
    response = _client(world.admin).post(
        f"/governance/seats/{seat.pk}/edit/",
        {"role": "Vice-chair", "member_name": "C. Hughes", "deputy_name": "",
         "organisation": str(world.council.pk), "version": str(seat.version)},
    )  # fmt: skip
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.member_name, seat.role, seat.organisation) == (
        "C. Hughes", "Vice-chair", world.police,
    )  # fmt: skip


def test_a_seat_with_attendance_is_kept_and_one_without_is_removed(world, gov):
    services.record_attendance(
        actor=world.admin, meeting=gov.june, statuses={gov.police_seat.pk: "present"}
    )
    with pytest.raises(ValidationError, match="attendance recorded"):
        services.delete_seat(actor=world.admin, seat=gov.police_seat)
    client = _client(world.admin)
    url = f"/governance/seats/{gov.council_seat.pk}/remove/"
    assert "Remove this seat?" in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 302
    assert list(Seat.objects.values_list("pk", flat=True)) == [gov.police_seat.pk]


def test_an_action_log_item_is_changed_and_removed(world, gov):
    item = services.add_log_item(
        actor=world.admin, meeting=gov.june, data={"text_en": "Circulate", "status": "open"}
    )
    client = _client(world.admin)
    response = client.post(
        f"/governance/log/{item.pk}/edit/",
        {"text_en": "Circulate the report", "text_cy": "", "owner_person": "B. Evans",
         "status": "in_progress", "updates": "", "version": str(item.version)},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.text_en == "Circulate the report" and item.owner_person == "B. Evans"
    assert client.post(f"/governance/log/{item.pk}/remove/", {}).status_code == 302
    assert not LogItem.objects.exists()


def test_only_the_regional_team_sees_the_edit_pages(world, gov):
    assert _client(world.lead).get(f"/governance/meetings/{gov.june.pk}/edit/").status_code == 403
    outsider = _client(world.outsider)
    assert outsider.get(f"/governance/seats/{gov.police_seat.pk}/edit/").status_code == 404


def _voice_form(item, **changes: str) -> dict[str, str]:
    return {"source": "survivor_panel", "said_en": item.said_en, "said_cy": "",
            "response_en": "", "response_cy": "", "version": str(item.version),
            **changes}  # fmt: skip


def test_a_stale_register_edit_shows_both_versions_and_saves_nothing(world, gov):
    item = services.save_voice_item(
        actor=world.admin, partnership=world.partnership,
        data={"source": "survivor_panel", "said_en": "Refuges need space for sons."},
    )  # fmt: skip
    stale = _voice_form(item, said_en="Refuges need space for teenage sons.")
    services.save_voice_item(
        actor=world.admin, partnership=world.partnership, item=item,
        data={"said_en": "Refuges need more space."},
    )  # fmt: skip
    url = f"/governance/{world.partnership.slug}/you-said-we-did/{item.pk}/"
    response = _client(world.admin).post(url, stale)
    html = response.content.decode()
    assert response.status_code == 400
    assert "What changed while you were editing" in html and "Refuges need more space." in html
    item.refresh_from_db()
    assert item.said_en == "Refuges need more space."


def test_a_register_item_is_removed_after_confirming(world, gov):
    item = services.save_voice_item(
        actor=world.admin, partnership=world.partnership,
        data={"source": "survivor_panel", "said_en": "Refuges need space for sons."},
    )  # fmt: skip
    client = _client(world.admin)
    url = f"/governance/{world.partnership.slug}/you-said-we-did/{item.pk}/remove/"
    assert "Remove this item from the register?" in client.get(url).content.decode()
    assert client.post(url, {"version": str(item.version)}).status_code == 302
    assert not VoiceItem.objects.exists()
