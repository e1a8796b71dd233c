"""Fixtures for the API tests: a fuller plan, the extra personas, and a schema-checked client.

On top of the shared `world`: the draft strategy of Cardiff and Vale and Gwent's draft both hold
an action led by a specialist provider named nowhere else, so a leak of draft content through
any list would show; the published action carries a partner organisation and an alignment.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.http import HttpResponse
from rest_framework.test import APIClient

from tests import factories
from tests.api.schema import assert_matches_schema, assert_request_matches_schema
from vawdasv.accounts import services as account_services
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.plans.enums import TimescaleKind
from vawdasv.reference.models import FrameworkItem

# Every way of calling the API, by persona. "token" is Owain (a lead officer at South Wales
# Police) reading with his personal token instead of a session.
PERSONAS = [
    "anonymous",
    "admin",
    "lead",
    "council_lead",
    "board",
    "outsider",
    "observer",
    "superuser",
    "token",
]
CARDIFF_VALE_MEMBERS = {"admin", "lead", "council_lead", "board", "token"}
READS_EVERYTHING = {"observer", "superuser"}


def strategies_seen_by(persona: str) -> set[str]:
    """The strategy slugs the pages show each persona: the rule the API must follow."""
    if persona in READS_EVERYTHING:
        return {"cv-2023", "cv-draft", "gwent-draft"}
    if persona in CARDIFF_VALE_MEMBERS:
        return {"cv-2023", "cv-draft"}
    if persona == "outsider":
        return {"cv-2023", "gwent-draft"}
    return {"cv-2023"}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The personas get real passwords; the default hasher makes each one cost about a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Plan:
    """The shared world plus the draft content and the organisations only drafts name."""

    world: Any
    draft_action: Any
    gwent_action: Any
    draft_only_provider: Any
    gwent_only_provider: Any
    alignment: FrameworkItem
    observer: Any
    superuser: Any
    token_key: str


@pytest.fixture
def plan(world: Any) -> Plan:
    world.theme.name_cy = "PARATOI"
    world.theme.save()
    prevention = FrameworkItem.objects.get(framework__order=0, code="prevention")
    world.police_action.alignments.set([prevention])
    world.police_action.partner_organisations.set([world.council])
    world.council_action.due_date = None
    world.council_action.timescale_text = "Ongoing"
    world.council_action.timescale_kind = TimescaleKind.ONGOING
    world.council_action.save()

    draft_provider = factories.OrganisationFactory(
        name_en="Safer Homes Vale", slug="safer-homes-vale",
        organisation_type=OrganisationType.SPECIALIST_PROVIDER,
    )  # fmt: skip
    gwent_provider = factories.OrganisationFactory(
        name_en="Gwent Refuge Project", slug="gwent-refuge-project",
        organisation_type=OrganisationType.SPECIALIST_PROVIDER,
    )  # fmt: skip
    draft_action = factories.ActionFactory(
        commitment__theme__strategy=world.draft_strategy,
        leads=[draft_provider],
        due_date=datetime.date(2027, 3, 31),
        timescale_text="Mar 2027",
    )
    gwent_action = factories.ActionFactory(
        commitment__theme__strategy=world.other_strategy, leads=[gwent_provider]
    )
    observer = factories.UserFactory(username="wg-observer", national_observer=True)
    superuser = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    _token, token_key = account_services.create_api_token(actor=world.lead, name="Scripts")
    return Plan(
        world=world,
        draft_action=draft_action,
        gwent_action=gwent_action,
        draft_only_provider=draft_provider,
        gwent_only_provider=gwent_provider,
        alignment=prevention,
        observer=observer,
        superuser=superuser,
        token_key=token_key,
    )


class Api:
    """An API client acting as one persona; every response is checked against the schema."""

    def __init__(self, plan: Plan, persona: str) -> None:
        self.plan = plan
        self.persona = persona
        self.client = APIClient()
        world = plan.world
        users = {
            "admin": world.admin,
            "lead": world.lead,
            "council_lead": world.council_lead,
            "board": world.board,
            "outsider": world.outsider,
            "observer": plan.observer,
            "superuser": plan.superuser,
        }
        if persona in users:
            self.client.force_login(users[persona])
        elif persona == "token":
            assert account_services.has_api_token(world.lead)
            self.client.credentials(HTTP_AUTHORIZATION=f"Token {plan.token_key}")
            # A token's first use in a minute records when it was used (one UPDATE); use it
            # once here so the requests a test counts are all alike.
            assert self.client.get("/api/v1/partnerships/").status_code == 200

    def get(self, path: str, **query: Any) -> HttpResponse:
        response: HttpResponse = self.client.get(path, query)
        assert_matches_schema(response)
        if response.status_code < 400:
            assert_request_matches_schema(response)
        return response

    def results(self, path: str, **query: Any) -> list[dict[str, Any]]:
        """Every item of a list, following `next` links across pages."""
        response = self.get(path, **query)
        assert response.status_code == 200, response.content
        body = response.json()
        items = list(body["results"])
        while body["next"]:
            response = self.get(body["next"])
            body = response.json()
            items.extend(body["results"])
        return items


@pytest.fixture
def as_persona(plan: Plan):
    def make(persona: str) -> Api:
        return Api(plan, persona)

    return make


@pytest.fixture
def anonymous(as_persona) -> Api:
    return as_persona("anonymous")
