"""Who single sign-on lets in: one active account with the provider-verified email, nobody new.

The end-to-end journeys against a real provider are in tests/browser/test_sso_journey.py; these
check the decisions with the provider's answers given directly.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from tests import factories
from tests.sso.provider import PROVIDER_NAME, configure
from vawdasv.accounts import sso
from vawdasv.accounts.models import User

ISSUER = "https://login.example.test/tenant/v2.0"


@pytest.fixture
def sso_on(settings: Any) -> None:
    configure(settings, ISSUER)


def backend_answering(monkeypatch: Any, claims: dict[str, Any]) -> sso.VerifiedEmailBackend:
    backend = sso.VerifiedEmailBackend()
    backend.request = RequestFactory().get("/oidc/callback/")
    backend.request.session = SessionStore()
    monkeypatch.setattr(backend, "get_userinfo", lambda *args: claims)
    return backend


def sign_in(monkeypatch: Any, claims: dict[str, Any], payload: dict[str, Any] | None = None):
    backend = backend_answering(monkeypatch, claims)
    return backend.get_or_create_user("access", "id", payload or {}), backend.request.session


@pytest.mark.usefixtures("sso_on")
def test_a_verified_email_signs_in_its_one_account_whatever_the_case(world, monkeypatch):
    world.lead.email = "owain.rees@police.example"
    world.lead.save()

    user, session = sign_in(
        monkeypatch, {"email": "Owain.Rees@Police.example", "email_verified": True}
    )

    assert user == world.lead
    assert session[sso.SSO_MFA_SESSION_KEY] is False


@pytest.mark.usefixtures("sso_on")
def test_entra_ids_domain_verified_claim_counts_as_verified(world, monkeypatch):
    user, _session = sign_in(monkeypatch, {"email": world.lead.email, "xms_edov": True})

    assert user == world.lead


@pytest.mark.usefixtures("sso_on")
@pytest.mark.parametrize("verified", [False, "false", None])
def test_an_email_the_provider_has_not_verified_signs_nobody_in(world, monkeypatch, verified):
    claims = {"email": world.lead.email}
    if verified is not None:
        claims["email_verified"] = verified

    user, session = sign_in(monkeypatch, claims)

    assert user is None
    assert session[sso.PROBLEM_SESSION_KEY] == sso.UNKNOWN


@pytest.mark.usefixtures("sso_on")
def test_an_unknown_email_creates_no_account(world, monkeypatch):
    people = User.objects.count()

    user, session = sign_in(monkeypatch, {"email": "new@example.org", "email_verified": True})

    assert user is None
    assert session[sso.PROBLEM_SESSION_KEY] == sso.UNKNOWN
    assert User.objects.count() == people


@pytest.mark.usefixtures("sso_on")
def test_two_accounts_with_one_email_sign_neither_in(world, monkeypatch):
    factories.UserFactory(username="owain2", email=world.lead.email)

    user, _session = sign_in(monkeypatch, {"email": world.lead.email, "email_verified": True})

    assert user is None


@pytest.mark.usefixtures("sso_on")
def test_a_deactivated_account_is_not_signed_in_nor_kept_signed_in(world, monkeypatch):
    world.lead.is_active = False
    world.lead.save()

    user, _session = sign_in(monkeypatch, {"email": world.lead.email, "email_verified": True})

    assert user is None
    assert sso.VerifiedEmailBackend().get_user(world.lead.pk) is None


@pytest.mark.usefixtures("sso_on")
def test_the_providers_second_factor_is_recorded_for_the_session(world, monkeypatch):
    _user, session = sign_in(
        monkeypatch,
        {"email": world.lead.email, "email_verified": True},
        payload={"amr": ["pwd", "mfa"]},
    )

    assert session[sso.SSO_MFA_SESSION_KEY] is True


@pytest.mark.usefixtures("sso_on")
@pytest.mark.parametrize(
    ("prefix", "label"),
    [("", f"Sign in with {PROVIDER_NAME}"), ("/cy", f"Mewngofnodi gyda {PROVIDER_NAME}")],
)
def test_the_sign_in_page_offers_the_provider_and_keeps_the_language(client, db, prefix, label):
    page = client.get(f"{prefix}/accounts/sign-in/").content.decode()

    assert label in page
    assert f'href="/oidc/authenticate/?next={prefix.replace("/", "%2F")}%2F"' in page


@pytest.mark.usefixtures("sso_on")
def test_the_button_goes_to_the_provider_with_pkce_a_nonce_and_our_callback(client, db):
    response = client.get("/oidc/authenticate/", {"next": "/cy/"})

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/auth"
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["nonce"] and query["state"]
    assert query["scope"] == ["openid email profile"]


@pytest.mark.usefixtures("sso_on")
def test_a_failed_sign_in_is_explained_in_the_language_it_started_in(client, db):
    session = client.session
    session["oidc_login_next"] = "/cy/"
    session.save()

    response = client.get("/oidc/callback/", {"error": "access_denied", "state": "x"})

    assert response.status_code == 302
    assert response["Location"] == "/cy/accounts/sign-in/problem/"
    page = client.get(response["Location"]).content.decode()
    assert "Nid ydych wedi mewngofnodi" in page


def test_without_configuration_there_is_no_button_and_no_sso_address(client, db):
    assert "/oidc/authenticate/" not in client.get("/accounts/sign-in/").content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/").status_code == 404
    assert client.get("/accounts/sign-in/problem/").status_code == 404
