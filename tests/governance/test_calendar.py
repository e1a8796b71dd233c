from __future__ import annotations

import pytest
from django.test import Client

from vawdasv.governance import ical, services
from vawdasv.governance.models import CalendarToken

pytestmark = pytest.mark.django_db


def test_text_is_escaped_so_it_cannot_add_properties():
    assert ical.escape_text("Hall; Room 1, Cardiff\nEND:VEVENT\\") == (
        "Hall\\; Room 1\\, Cardiff\\nEND:VEVENT\\\\"
    )


def test_long_lines_are_folded_without_splitting_welsh_letters():
    line = "SUMMARY:" + "Grŵp Llywio " * 12
    folded = ical.fold(line)
    parts = folded.split("\r\n ")
    assert len(parts) > 1 and all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == line


def test_a_meeting_downloads_as_an_ics_with_its_place_escaped(world, gov):
    services.update_meeting(actor=world.admin, meeting=gov.june, data={"place": "Hall; Room 1"})
    client = Client()
    client.force_login(world.board)
    response = client.get(f"/governance/meetings/{gov.june.pk}.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART:20260612T090000Z\r\n" in text  # 10:00 in London in June
    assert "LOCATION:Hall\\; Room 1\r\n" in text
    assert text.count("BEGIN:VEVENT") == 1


def test_outsiders_get_no_meeting_ics(world, gov):
    client = Client()
    client.force_login(world.outsider)
    assert client.get(f"/governance/meetings/{gov.june.pk}.ics").status_code == 404


def test_a_private_address_serves_the_feed_until_it_is_replaced_or_stopped(world, gov):
    token = services.issue_calendar_token(actor=world.board)
    anonymous = Client()
    feed = anonymous.get(f"/governance/calendar/{token}.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 2
    group_feed = anonymous.get(f"/governance/calendar/{token}/groups/{gov.group.pk}.ics")
    assert group_feed.status_code == 200
    assert token not in str(CalendarToken.objects.values_list("token_hash", flat=True))
    newer = services.issue_calendar_token(actor=world.board)
    assert anonymous.get(f"/governance/calendar/{token}.ics").status_code == 404
    assert anonymous.get(f"/governance/calendar/{newer}.ics").status_code == 200
    services.revoke_calendar_token(actor=world.board)
    assert anonymous.get(f"/governance/calendar/{newer}.ics").status_code == 404


def test_a_feed_holds_only_meetings_its_owner_may_see(world, gov):
    token = services.issue_calendar_token(actor=world.outsider)
    anonymous = Client()
    assert "BEGIN:VEVENT" not in anonymous.get(f"/governance/calendar/{token}.ics").content.decode()
    assert (
        anonymous.get(f"/governance/calendar/{token}/groups/{gov.group.pk}.ics").status_code == 404
    )


def test_the_calendar_page_shows_a_new_address_once(world, gov):
    client = Client()
    client.force_login(world.board)
    client.post("/governance/calendar/new/")
    first = client.get("/governance/calendar/").content.decode()
    assert "/governance/calendar/" in first and ".ics" in first
    second = client.get("/governance/calendar/").content.decode()
    assert "Copy it now" in first and "Copy it now" not in second
