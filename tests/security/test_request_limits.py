"""Upload size refused early, idle sessions ended, signed-in pages never cached (issue 8, 10)."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from vawdasv.web.middleware import LAST_SEEN


def test_a_body_larger_than_the_largest_upload_is_refused_before_it_is_read(
    client, world, settings
):
    client.force_login(world.lead)
    settings.REQUEST_MAX_BYTES = 1000

    # The Content-Length alone decides: the body sent here is small, and never read.
    response = client.post(
        "/accounts/profile/api-tokens/",
        data=b"name=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="5000000",
    )

    assert response.status_code == 413
    page = response.content.decode()
    assert "The file you sent is too large" in page
    assert "1000\xa0bytes" in page
    assert response["Connection"] == "close"


def test_the_too_large_page_is_in_welsh_on_welsh_pages(client, world, settings):
    settings.REQUEST_MAX_BYTES = 1000

    response = client.post(
        "/cy/accounts/sign-in/", data=b"", content_type="text/plain", CONTENT_LENGTH="5000"
    )

    assert response.status_code == 413
    assert 'lang="cy"' in response.content.decode()
    assert "The file you sent is too large" not in response.content.decode()


def test_a_body_within_the_limit_is_handled_as_usual(client, world, settings):
    client.force_login(world.lead)

    response = client.post("/accounts/profile/api-tokens/", {"name": "Scripts"})

    assert response.status_code == 200
    assert response.context["new_token"]


def test_the_default_limit_allows_the_largest_upload_and_not_much_more(settings):
    largest = max(settings.IMPORT_MAX_BYTES, settings.EVIDENCE_MAX_BYTES)
    assert largest < settings.REQUEST_MAX_BYTES <= largest + 2 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


def _idle_for(client: Client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds
    session.save()


@pytest.mark.parametrize(
    ("persona", "idle", "still_signed_in"),
    [
        ("admin", 2 * 60 * 60 - 120, True),
        ("admin", 2 * 60 * 60 + 60, False),
        ("lead", 2 * 60 * 60 + 60, True),
        ("lead", 8 * 60 * 60 + 60, False),
    ],
)
def test_an_idle_session_ends_sooner_for_administrators(
    client, world, persona, idle, still_signed_in
):
    client.force_login(getattr(world, persona))
    client.get("/accounts/profile/")
    _idle_for(client, idle)

    response = client.get("/accounts/profile/")

    assert (response.status_code == 200) is still_signed_in
    if not still_signed_in:
        assert reverse("accounts:login") in response["Location"]


def test_the_idle_limits_come_from_settings(client, world, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client.force_login(world.lead)
    client.get("/accounts/profile/")
    _idle_for(client, 601)

    assert client.get("/accounts/profile/").status_code == 302


@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/profile/", "/strategies/cv-draft/", "/progress/", "/api/v1/strategies/"],
)
def test_pages_for_a_signed_in_person_are_never_stored(client, world, path):
    client.force_login(world.board)

    response = client.get(path)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_api_answer_to_a_token_holder_is_never_stored(world):
    from rest_framework.test import APIClient

    from vawdasv.accounts import services

    _token, key = services.create_api_token(actor=world.lead, name="Scripts")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = client.get("/api/v1/strategies/cv-draft/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_public_pages_for_anonymous_visitors_may_be_cached(client, world):
    response = client.get("/strategies/cv-2023/")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_person_signed_out_for_being_idle_is_told_why(client, world):
    client.force_login(world.admin)
    _idle_for(client, 3 * 60 * 60)

    response = client.get("/accounts/profile/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "You were signed out because you had not used the service." in (
        response.content.decode()
    )
    assert not response.context["user"].is_authenticated
