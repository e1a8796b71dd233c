"""Each person lands where their work is after signing in; navigation shows what they can use."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests import factories
from tests.core.conftest import PASSWORD
from vawdasv.progress import services

SIGN_IN = "/accounts/sign-in/"


def _land(username: str, prefix: str = "") -> str:
    response = Client().post(
        f"{prefix}{SIGN_IN}", {"username": username, "password": PASSWORD, "next": ""}
    )
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        ("alys", "/needs-attention/"),
        ("owain", "/progress/"),
        ("gareth", "/progress/strategies/cv-2023/dashboard/"),
        ("rhiannon", "/partnerships/"),
        ("root", "/needs-attention/"),
    ],
)
def test_each_person_lands_where_their_work_is(cast, username, landing):
    assert _land(username) == landing


def test_landing_keeps_the_language(cast):
    assert _land("owain", prefix="/cy") == "/cy/progress/"


def test_a_page_that_asked_for_sign_in_still_wins(cast):
    response = Client().post(
        SIGN_IN, {"username": "alys", "password": PASSWORD, "next": "/accounts/profile/"}
    )
    assert response["Location"] == "/accounts/profile/"


def test_my_actions_is_offered_only_to_people_who_lead_actions(cast):
    def nav(role: str) -> str:
        return cast.client_for(role).get("/accessibility/").content.decode()

    assert "My actions" in nav("lead_officer")
    assert "My actions" not in nav("board_member")
    assert "My actions" not in nav("national_observer")
    assert "Needs attention" in nav("administrator")
    assert "Needs attention" not in nav("lead_officer")
    assert 'href="/partnerships/"' in nav("national_observer")


def test_a_lead_officer_whose_organisation_leads_nothing_has_no_my_actions(cast):
    idle = factories.OrganisationFactory(name_en="Idle Org", slug="idle-org")
    cast.world.partnership.organisations.add(idle)
    person = factories.UserFactory(username="idris", organisation=idle)
    factories.MembershipFactory(
        user=person, partnership=cast.world.partnership, role="lead_officer"
    )
    client = Client()
    client.force_login(person)
    assert "My actions" not in client.get("/accessibility/").content.decode()


def test_the_attention_page_lists_what_waits_for_the_regional_team(cast):
    world = cast.world
    progress_round = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=datetime.date.today() - datetime.timedelta(days=3),
    )  # fmt: skip
    services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"rag": "green", "narrative_en": "Done"},
    )  # fmt: skip
    page = cast.client_for("administrator").get("/needs-attention/").content.decode()
    assert "Updates waiting for review" in page
    assert world.police_action.text_en in page
    assert "Overdue returns" in page and "1 update still missing" in page


@pytest.mark.parametrize("role", ["lead_officer", "board_member", "national_observer"])
def test_others_are_refused_the_attention_page(cast, role):
    assert cast.client_for(role).get("/needs-attention/").status_code == 403


def test_a_member_of_a_partnership_without_a_plan_is_told_so_with_the_way_to_its_page(world):
    membership = factories.MembershipFactory(partnership__name_en="Powys VAWDASV Partnership")
    client = Client()
    client.force_login(membership.user)
    page = client.get("/").content.decode()
    assert "Powys VAWDASV Partnership has no strategy on the platform yet." in page
    assert f'href="/partnerships/{membership.partnership.slug}/"' in page
    client.force_login(world.admin)  # Cardiff and Vale has its plans: nothing said
    assert "has no strategy on the platform yet" not in client.get("/").content.decode()
