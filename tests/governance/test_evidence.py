from __future__ import annotations

import datetime

import pytest
from django.test import Client

from vawdasv.governance import services
from vawdasv.progress import services as progress
from vawdasv.progress.models import UpdateEvidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(world):
    return progress.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2026/27 Q1",
        deadline=datetime.date(2026, 7, 31),
    )  # fmt: skip


def _admin(world) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(world.admin)
    return client


def test_draft_minutes_cannot_be_attached_as_evidence(world, gov, open_round):
    services.set_group_actions(actor=world.admin, group=gov.group, actions=[world.police_action])
    services.save_minutes(actor=world.admin, meeting=gov.june, minutes_en="Draft", minutes_cy="")
    page = _admin(world).get(f"/governance/meetings/{gov.june.pk}/evidence/")
    assert "Approve this meeting’s minutes at a later meeting first" in page.content.decode()
    response = _admin(world).post(
        f"/governance/meetings/{gov.june.pk}/evidence/",
        {"record": "minutes", "target": f"{open_round.pk}:{world.police_action.pk}"},
    )
    assert response.status_code == 400
    assert not UpdateEvidence.objects.exists()


def test_approved_minutes_are_attached_to_the_actions_update_as_a_link(world, gov, open_round):
    services.set_group_actions(actor=world.admin, group=gov.group, actions=[world.police_action])
    services.save_minutes(actor=world.admin, meeting=gov.june, minutes_en="Done", minutes_cy="")
    services.approve_minutes(actor=world.admin, meeting=gov.june, at_meeting=gov.september)
    response = _admin(world).post(
        f"/governance/meetings/{gov.june.pk}/evidence/",
        {"record": "minutes", "target": f"{open_round.pk}:{world.police_action.pk}"},
    )
    assert response.status_code == 302
    link = UpdateEvidence.objects.get()
    assert link.update.action == world.police_action
    assert link.url == f"http://localhost/governance/meetings/{gov.june.pk}/#minutes"
    assert link.title == (
        "Approved minutes of the Regional VAWDASV Steering Group meeting of 12 June 2026"
    )


def test_an_action_the_meeting_does_not_concern_is_not_offered(world, gov, open_round):
    services.save_minutes(actor=world.admin, meeting=gov.june, minutes_en="Done", minutes_cy="")
    services.approve_minutes(actor=world.admin, meeting=gov.june, at_meeting=gov.september)
    response = _admin(world).post(
        f"/governance/meetings/{gov.june.pk}/evidence/",
        {"record": "minutes", "target": f"{open_round.pk}:{world.council_action.pk}"},
    )
    assert response.status_code == 400
    assert not UpdateEvidence.objects.exists()


@pytest.mark.parametrize(("role", "expected"), [("lead", 403), ("board", 403), ("outsider", 404)])
def test_only_the_regional_team_attaches_meeting_records(world, gov, role, expected):
    client = Client()
    client.force_login(getattr(world, role))
    assert client.get(f"/governance/meetings/{gov.june.pk}/evidence/").status_code == expected
