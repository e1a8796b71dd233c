from __future__ import annotations

import pytest
from django.test import Client

from vawdasv.audit.services import history_for
from vawdasv.governance.models import Decision, Meeting

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_reporting_lines_are_drawn_and_listed_with_the_same_names(world, gov):
    page = _client(world.board).get(f"/governance/{world.partnership.slug}/")
    html = page.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert 'stroke-dasharray="6 4"' in html  # the external body is dashed as well as labelled
    assert html.count("Regional Safeguarding Board") >= 3  # table, drawing, list
    assert html.count("Regional VAWDASV Steering Group") >= 3


def test_the_groups_page_is_in_welsh_under_cy(world, gov):
    page = _client(world.board).get(f"/cy/governance/{world.partnership.slug}/")
    html = page.content.decode()
    assert "Grŵp Llywio Rhanbarthol VAWDASV" in html
    assert "Bwrdd Diogelu Rhanbarthol" in html


def test_attendance_is_recorded_from_radios_without_javascript(world, gov):
    client = _client(world.admin)
    response = client.post(
        f"/governance/meetings/{gov.june.pk}/attendance/",
        {f"seat_{gov.police_seat.pk}": "present", f"seat_{gov.council_seat.pk}": "deputy",
         "survivor_representatives": "1", "guests": ""},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/governance/meetings/{gov.june.pk}/").content.decode()
    assert "Quorate" in page and "Deputy attended" in page


def test_a_missing_seat_status_is_a_clear_error_and_nothing_is_saved(world, gov):
    response = _client(world.admin).post(
        f"/governance/meetings/{gov.june.pk}/attendance/",
        {f"seat_{gov.police_seat.pk}": "present", "survivor_representatives": "-1"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose present, deputy, apologies or absent for each seat" in html
    assert "Enter a number of people, 0 or more" in html
    assert not gov.june.attendance.exists()


def test_a_decision_changing_the_timescale_reaches_the_actions_history_page(world, gov):
    client = _client(world.admin)
    response = client.post(
        f"/governance/meetings/{gov.june.pk}/decisions/new/",
        {"what_en": "Extend to March 2027", "why_en": "Funding came late",
         "action": world.police_action.pk, "new_timescale": "Mar 2027"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Decision.objects.get().action == world.police_action
    world.police_action.refresh_from_db()
    assert world.police_action.timescale_text == "Mar 2027"
    assert history_for(world.police_action).filter(origin_kind="meeting").count() == 1


def test_a_new_timescale_without_an_action_is_refused_with_a_message(world, gov):
    response = _client(world.admin).post(
        f"/governance/meetings/{gov.june.pk}/decisions/new/",
        {"what_en": "Extend", "new_timescale": "Mar 2027"},
    )
    assert response.status_code == 400
    assert "Choose the action the decision changes" in response.content.decode()
    assert not Decision.objects.exists()


def test_minutes_are_drafted_then_approved_at_the_next_meeting(world, gov):
    client = _client(world.admin)
    client.post(
        f"/governance/meetings/{gov.june.pk}/minutes/",
        {"minutes_en": "Draft <b>minutes</b>", "minutes_cy": ""},
    )
    page = client.get(f"/governance/meetings/{gov.june.pk}/").content.decode()
    assert "Draft &lt;b&gt;minutes&lt;/b&gt;" in page
    response = client.post(
        f"/governance/meetings/{gov.june.pk}/minutes/approve/", {"at_meeting": gov.september.pk}
    )
    assert response.status_code == 302
    june = Meeting.objects.get(pk=gov.june.pk)
    assert june.minutes_approved and june.minutes_approved_at == gov.september
    assert client.get(f"/governance/meetings/{gov.june.pk}/minutes/").status_code == 302


def test_a_group_is_added_from_its_form(world, gov):
    response = _client(world.admin).post(
        f"/governance/{world.partnership.slug}/groups/new/",
        {"name_en": "White Ribbon Steering Group", "name_cy": "", "kind": "steering_group",
         "frequency": "bi_monthly", "quorum_organisations": "3",
         "reports_to_group": gov.group.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert gov.group.reporting_groups.get().name_en == "White Ribbon Steering Group"


def test_an_agenda_item_is_added_with_the_actions_it_concerns(world, gov):
    client = _client(world.admin)
    response = client.post(
        f"/governance/meetings/{gov.june.pk}/agenda/new/",
        {"title_en": "Progress on training", "title_cy": "", "actions": [world.police_action.pk]},
    )
    assert response.status_code == 302
    item = gov.june.agenda_items.get()
    assert list(item.actions.all()) == [world.police_action]
    empty = client.post(f"/governance/meetings/{gov.june.pk}/agenda/new/", {"title_en": ""})
    assert empty.status_code == 400
    assert "Enter the agenda item in English or Welsh" in empty.content.decode()


def test_the_group_actions_are_chosen_from_the_partnerships_plans(world, gov):
    response = _client(world.admin).post(
        f"/governance/groups/{gov.group.pk}/actions/", {"actions": [world.council_action.pk]}
    )
    assert response.status_code == 302
    assert list(gov.group.actions.all()) == [world.council_action]


def test_an_action_log_item_is_updated_and_a_stale_form_is_refused(world, gov):
    from vawdasv.governance import services

    item = services.add_log_item(actor=world.admin, meeting=gov.june, data={"text_en": "Do it"})
    client = _client(world.admin)
    url = f"/governance/log/{item.pk}/"
    done = {"status": "done", "updates": "Done on 1 July", "version": item.version}
    assert client.post(url, done).status_code == 302
    stale = client.post(url, {**done, "status": "open"})
    assert stale.status_code == 400
    assert "Somebody else changed this" in stale.content.decode()
    item.refresh_from_db()
    assert (item.status, item.updates) == ("done", "Done on 1 July")
    assert _client(world.board).get(url).status_code == 403


def test_an_external_body_is_added_and_a_group_changed_to_report_to_it(world, gov):
    client = _client(world.admin)
    added = client.post(
        f"/governance/{world.partnership.slug}/bodies/new/",
        {"name_en": "Public Services Board", "name_cy": "Bwrdd Gwasanaethau Cyhoeddus",
         "url": "https://example.org/psb"},
    )  # fmt: skip
    assert added.status_code == 302
    body = world.partnership.external_bodies.get(name_en="Public Services Board")
    changed = client.post(
        f"/governance/groups/{gov.group.pk}/edit/",
        {"name_en": gov.group.name_en, "name_cy": gov.group.name_cy, "kind": "board",
         "frequency": "monthly", "quorum_organisations": "1", "reports_to_body": body.pk},
    )  # fmt: skip
    assert changed.status_code == 302
    gov.group.refresh_from_db()
    assert (gov.group.reports_to_body, gov.group.frequency) == (body, "monthly")
    both = client.post(
        f"/governance/groups/{gov.group.pk}/edit/",
        {"name_en": "X", "kind": "board", "frequency": "monthly", "quorum_organisations": "1",
         "reports_to_body": body.pk, "reports_to_group": gov.group.pk},
    )  # fmt: skip
    assert both.status_code == 400  # a group cannot report to itself (and not to both)
