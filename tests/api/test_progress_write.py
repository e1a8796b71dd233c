"""A partner's own system writes progress updates through the API, as its owner would on the page.

Every request body is checked against the published schema as well as every response, so what
the schema promises a client is what the API does.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.http import HttpResponse
from rest_framework.test import APIClient

from tests.api.schema import _Request, assert_matches_schema, strict_openapi
from vawdasv.accounts import services as account_services
from vawdasv.accounts.models import TokenScope
from vawdasv.audit.models import AuditEntry
from vawdasv.progress import services as progress_services
from vawdasv.progress.models import ProgressUpdate

COMPLETE = {
    "rag": "green",
    "completed": False,
    "narrative_en": "Training delivered to 40 officers.",
    "narrative_cy": "Hyfforddiant i 40 o swyddogion.",
}


class _BodyRequest(_Request):
    def __init__(self, response: HttpResponse, body: dict[str, Any]) -> None:
        super().__init__(response)
        self.body = json.dumps(body).encode()
        self.content_type = "application/json"


class Writer:
    """A client with one person's token; every exchange is checked against the schema."""

    def __init__(self, key: str | None) -> None:
        self.client = APIClient()
        if key:
            self.client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    def send(self, method: str, path: str, body: dict[str, Any]) -> HttpResponse:
        response: HttpResponse = getattr(self.client, method)(path, body, format="json")
        assert_matches_schema(response)
        if response.status_code != 401:  # the schema's security requirement is the point
            strict_openapi().validate_request(_BodyRequest(response, body))
        return response

    def draft(self, target: Any, **body: Any) -> HttpResponse:
        return self.send("put", target.path, body)

    def submit(self, target: Any, **body: Any) -> HttpResponse:
        return self.send("post", target.path + "submit/", body)


def token(user: Any, scope: str = TokenScope.PROGRESS) -> str:
    return account_services.create_api_token(actor=user, name="Partner system", scope=scope)[1]


class Target:
    def __init__(self, progress_round: Any, action: Any) -> None:
        self.round = progress_round
        self.action = action
        self.path = f"/api/v1/rounds/{progress_round.pk}/actions/{action.pk}/update/"


@pytest.fixture
def progress_round(plan: Any) -> Any:
    return progress_services.open_round(
        actor=plan.world.admin,
        strategy=plan.world.strategy,
        period_label="2025/26 Q2",
        deadline=datetime.date(2025, 10, 31),
    )


@pytest.fixture
def police_update(plan: Any, progress_round: Any) -> Target:
    return Target(progress_round, plan.world.police_action)


@pytest.fixture
def owain(plan: Any) -> Writer:
    """The lead officer at South Wales Police, whose organisation leads the police action."""
    return Writer(token(plan.world.lead))


def test_a_lead_officer_creates_a_draft_with_a_progress_token(owain, plan, police_update):
    entries = AuditEntry.objects.count()

    response = owain.draft(police_update, version=None, **COMPLETE)

    assert response.status_code == 201
    body = response.json()
    assert (body["state"], body["version"], body["rag"]) == ("draft", 1, "green")
    saved = ProgressUpdate.objects.get(action=plan.world.police_action)
    assert saved.narrative_cy == "Hyfforddiant i 40 o swyddogion."
    assert saved.updated_by == plan.world.lead
    assert AuditEntry.objects.count() == entries + 1
    assert AuditEntry.objects.order_by("-pk").first().actor == plan.world.lead


def test_saving_again_keeps_the_fields_left_out_and_moves_the_version(owain, police_update):
    owain.draft(police_update, version=None, **COMPLETE)

    response = owain.draft(police_update, version=1, rag="amber")

    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["rag"]) == (2, "amber")
    assert body["narrative_en"] == COMPLETE["narrative_en"]


def test_a_save_from_a_stale_version_is_a_409_with_both_versions(owain, plan, police_update):
    owain.draft(police_update, version=None, **COMPLETE)
    progress_services.save_draft(
        actor=plan.world.admin,
        progress_round=police_update.round,
        action=police_update.action,
        data={"narrative_en": "Changed on the page"},
        expected_version=1,
    )

    response = owain.draft(police_update, version=1, narrative_en="Changed by the system")

    assert response.status_code == 409
    body = response.json()
    assert body["current"]["version"] == 2
    assert body["current"]["narrative_en"] == "Changed on the page"
    assert body["yours"]["narrative_en"] == "Changed by the system"
    saved = ProgressUpdate.objects.get(action=police_update.action)
    assert saved.narrative_en == "Changed on the page"


def test_a_caller_who_thinks_there_is_no_update_yet_does_not_overwrite_one(owain, police_update):
    owain.draft(police_update, version=None, **COMPLETE)

    response = owain.draft(police_update, version=None, rag="red")

    assert response.status_code == 409
    assert response.json()["current"]["rag"] == "green"


def test_submitting_a_complete_update_sends_it_for_review(owain, police_update):
    response = owain.submit(police_update, version=None, **COMPLETE)

    assert response.status_code == 201
    assert response.json()["state"] == "submitted"
    assert response.json()["submitted_at"] is not None


def test_submitting_an_incomplete_update_is_a_400_and_saves_nothing(owain, police_update):
    response = owain.submit(police_update, version=None, narrative_en="Half written")

    assert response.status_code == 400
    assert response.json()["rag"] == ["Select a RAG status"]
    assert not ProgressUpdate.objects.filter(action=police_update.action).exists()


def test_a_submitted_update_cannot_be_changed_as_a_draft(owain, police_update):
    submitted = owain.submit(police_update, version=None, **COMPLETE).json()

    response = owain.draft(police_update, version=submitted["version"], rag="red")

    assert response.status_code == 400
    assert "submitted" in response.json()["non_field_errors"][0]


def test_a_closed_round_refuses_updates_with_a_clear_message(owain, plan, police_update):
    progress_services.close_round(actor=plan.world.admin, progress_round=police_update.round)

    response = owain.draft(police_update, version=None, **COMPLETE)

    assert response.status_code == 400
    assert "closed" in response.json()["non_field_errors"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": None, "rag": "purple"}, "rag"),
        ({"version": None, "state": "approved"}, "state"),
        ({"version": None, "review_comment": "Approved by me"}, "review_comment"),
        ({"rag": "green"}, "version"),
        ({"version": 0}, "version"),
        ({"version": None, "proposed_timescale_text": "x" * 101}, "proposed_timescale_text"),
    ],
)
def test_a_body_the_schema_does_not_allow_is_a_400_naming_the_field(
    owain, police_update, body, field
):
    response = owain.client.put(police_update.path, body, format="json")

    assert response.status_code == 400
    assert_matches_schema(response)
    assert field in response.json()
    assert not ProgressUpdate.objects.filter(action=police_update.action).exists()


def test_text_is_stored_normalised(owain, police_update):
    owain.draft(police_update, version=None, rag="green", narrative_en="Line one\r\nLine two\x07")

    assert ProgressUpdate.objects.get().narrative_en == "Line one\nLine two"


def test_a_read_only_token_may_not_write(plan, police_update):
    reader = Writer(token(plan.world.lead, scope=TokenScope.READ))

    response = reader.draft(police_update, version=None, **COMPLETE)

    assert response.status_code == 403
    assert "only read" in response.json()["detail"]


def test_without_a_token_the_answer_is_401_even_when_signed_in(plan, police_update):
    writer = Writer(None)
    writer.client.force_login(plan.world.lead)

    response = writer.draft(police_update, version=None, **COMPLETE)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_lead_officer_may_not_write_for_an_action_another_organisation_leads(plan, police_update):
    bethan = Writer(token(plan.world.council_lead))

    response = bethan.draft(police_update, version=None, **COMPLETE)

    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_another_partnerships_administrator_may_not_write(plan, police_update):
    nia = Writer(token(plan.world.outsider))

    assert nia.draft(police_update, version=None, **COMPLETE).status_code == 403


def test_a_round_on_a_draft_plan_is_not_found_for_those_who_may_not_read_it(plan):
    draft_round = progress_services.open_round(
        actor=plan.world.admin,
        strategy=plan.world.draft_strategy,
        period_label="2025/26 Q2",
        deadline=datetime.date(2025, 10, 31),
    )
    target = Target(draft_round, plan.draft_action)

    assert Writer(token(plan.world.outsider)).draft(target, version=None).status_code == 404
    assert (
        Writer(token(plan.world.admin)).draft(target, version=None, **COMPLETE).status_code == 201
    )


def test_an_action_outside_the_rounds_plan_is_not_found(owain, plan, progress_round):
    target = Target(progress_round, plan.draft_action)

    assert owain.draft(target, version=None, **COMPLETE).status_code == 404


def test_ids_beyond_the_database_range_are_not_found(owain, progress_round):
    path = f"/api/v1/rounds/{progress_round.pk}/actions/99999999999999999999/update/"

    response = owain.client.put(path, {"version": None}, format="json")

    assert response.status_code == 404


def test_writes_over_the_rate_get_429(owain, police_update, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {"anon": "100/min", "user": "100/min", "progress_write": "2/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    statuses = [
        owain.client.put(police_update.path, {"version": None}, format="json").status_code
        for _ in range(3)
    ]

    assert statuses[2] == 429


# Who may write the police action's update through the API: exactly who may on the page (the
# action's lead organisation's lead officers, the partnership's administrators, superusers).
WRITE_MATRIX = {
    "admin": 201,
    "lead": 201,
    "council_lead": 403,
    "board": 403,
    "outsider": 403,
    "observer": 403,
    "superuser": 201,
}


@pytest.mark.parametrize(("persona", "expected"), WRITE_MATRIX.items())
def test_each_role_writes_through_the_api_exactly_as_on_the_page(
    plan, police_update, persona, expected
):
    world = plan.world
    users = {
        "admin": world.admin, "lead": world.lead, "council_lead": world.council_lead,
        "board": world.board, "outsider": world.outsider, "observer": plan.observer,
        "superuser": plan.superuser,
    }  # fmt: skip

    response = Writer(token(users[persona])).draft(police_update, version=None, **COMPLETE)

    assert response.status_code == expected
    assert ProgressUpdate.objects.exists() == (expected == 201)
