"""Signing in to the API with a personal token or a browser session; the API never writes."""

from __future__ import annotations

from rest_framework.test import APIClient

from tests.api.schema import assert_matches_schema
from vawdasv.accounts import services as account_services
from vawdasv.accounts.models import ApiToken


def test_a_token_reads_what_its_owner_may_read(as_persona, plan):
    response = as_persona("token").get("/api/v1/strategies/cv-draft/")

    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_the_same_request_without_the_token_cannot_see_the_draft(anonymous):
    assert anonymous.get("/api/v1/strategies/cv-draft/").status_code == 404


def test_a_wrong_token_is_refused_rather_than_treated_as_anonymous(plan):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get("/api/v1/strategies/")

    assert response.status_code == 401
    assert_matches_schema(response)
    assert response.headers["WWW-Authenticate"] == "Token"


def test_a_revoked_token_stops_working(plan):
    token = ApiToken.objects.get(user=plan.world.lead)
    account_services.revoke_api_token(actor=plan.world.lead, token=token)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plan.token_key}")

    response = client.get("/api/v1/actions/")

    assert response.status_code == 401
    assert_matches_schema(response)


def test_a_second_token_works_beside_the_first(plan):
    _token, new_key = account_services.create_api_token(actor=plan.world.lead, name="Other")
    old, new = APIClient(), APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {plan.token_key}")
    new.credentials(HTTP_AUTHORIZATION=f"Token {new_key}")

    assert old.get("/api/v1/strategies/cv-draft/").status_code == 200
    assert new.get("/api/v1/strategies/cv-draft/").status_code == 200


def test_a_signed_in_browser_session_reads_drafts_without_a_token(plan):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(plan.world.board)

    response = client.get("/api/v1/strategies/cv-draft/")

    assert response.status_code == 200
    assert_matches_schema(response)


def test_the_api_refuses_to_change_an_action_even_for_its_administrator(plan):
    action = plan.world.police_action
    client = APIClient()
    client.force_login(plan.world.admin)

    patched = client.patch(
        f"/api/v1/actions/{action.pk}/", {"text": {"en": "Changed"}}, format="json"
    )
    deleted = client.delete(f"/api/v1/actions/{action.pk}/")
    created = client.post("/api/v1/actions/", {"text": {"en": "New"}}, format="json")

    assert (patched.status_code, deleted.status_code, created.status_code) == (405, 405, 405)
    action.refresh_from_db()
    assert action.text_en != "Changed"
