"""Signing in and out, and django-axes pausing sign-in after repeated failures."""

from __future__ import annotations

from django.test import Client

from tests.core.conftest import PASSWORD

SIGN_IN = "/accounts/sign-in/"


def test_lead_officer_signs_in_and_reaches_their_account(client, world):
    assert client.get(SIGN_IN).status_code == 200
    response = client.post(SIGN_IN, {"username": "owain", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/progress/"  # his updates due (tests/core/test_landing.py)
    assert client.get("/accounts/profile/").status_code == 200


def test_signing_in_returns_to_the_page_that_asked_for_it(client, world):
    next_url = "/accounts/profile/details/"
    response = client.post(
        f"{SIGN_IN}?next={next_url}",
        {"username": "owain", "password": PASSWORD, "next": next_url},
    )
    assert response["Location"] == next_url
    assert client.get(next_url).status_code == 200


def test_signing_in_never_sends_people_to_another_site(client, world):
    response = client.post(
        SIGN_IN,
        {"username": "owain", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/progress/"


def test_a_wrong_password_shows_the_error_summary(client, world):
    response = client.post(SIGN_IN, {"username": "owain", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter a correct username and password" in html
    assert client.get("/accounts/profile/").status_code == 302


def test_sign_out_is_a_post_and_ends_the_session(client, world):
    client.force_login(world.lead)
    assert client.get("/accounts/sign-out/").status_code == 405
    assert client.get("/accounts/profile/").status_code == 200  # a GET did not sign out

    response = client.post("/accounts/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/accounts/profile/").status_code == 302


def test_every_page_offers_a_sign_out_form_that_posts(client, world):
    client.force_login(world.lead)
    html = client.get("/").content.decode()
    assert '<form method="post" action="/accounts/sign-out/"' in html


def test_throttle_refuses_the_right_password_after_five_failures(world):
    client = Client()
    for _ in range(4):
        failed = client.post(SIGN_IN, {"username": "owain", "password": "guess"})
        assert failed.status_code == 200  # told the password is wrong, not yet locked
    fifth = client.post(SIGN_IN, {"username": "owain", "password": "guess"})
    assert fifth.status_code == 429  # the fifth failure pauses the username at once

    response = client.post(SIGN_IN, {"username": "owain", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert client.get("/accounts/profile/").status_code == 302


def test_throttle_is_per_username(world):
    client = Client()
    for _ in range(5):
        client.post(SIGN_IN, {"username": "owain", "password": "guess"})
    response = client.post(SIGN_IN, {"username": "bethan", "password": PASSWORD})
    assert response.status_code == 302


def test_throttle_lets_people_in_after_fewer_than_five_failures(world):
    client = Client()
    for _ in range(4):
        client.post(SIGN_IN, {"username": "owain", "password": "guess"})
    response = client.post(SIGN_IN, {"username": "owain", "password": PASSWORD})
    assert response.status_code == 302
