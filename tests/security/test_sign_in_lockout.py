"""Sign-in lockout behind a proxy: keyed on the username AND the client's address as the trusted
proxy reports it, so nobody can lock a person out from elsewhere, nor dodge the lock by sending
their own X-Forwarded-For (issue 8, finding 10). Test names say "throttle" so axes is on."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from vawdasv.lib.client_ip import client_ip

PASSWORD = "correct horse battery"  # every factory user's
SIGN_IN = "/accounts/sign-in/"
PROXY = "10.0.0.2"


def _attempt(client: Client, username: str, password: str, forwarded: str) -> int:
    response = client.post(
        SIGN_IN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    return response.status_code


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1


def test_throttle_behind_a_proxy_does_not_lock_out_the_person_elsewhere(world, behind_proxy):
    attacker = Client()
    for _ in range(5):
        _attempt(attacker, "owain", "guess", "203.0.113.5")
    assert _attempt(attacker, "owain", "guess", "203.0.113.5") == 429

    assert _attempt(Client(), "owain", PASSWORD, "198.51.100.7") == 302


def test_throttle_cannot_be_dodged_by_sending_a_made_up_forwarded_address(world, behind_proxy):
    attacker = Client()
    # The proxy appends the real address; what the client sent stays on the left.
    for number in range(5):
        _attempt(attacker, "owain", "guess", f"192.0.2.{number}, 203.0.113.5")

    assert _attempt(attacker, "owain", PASSWORD, "192.0.2.99, 203.0.113.5") == 429


def test_throttle_ignores_forwarded_headers_when_no_proxy_is_trusted(world, settings):
    settings.TRUSTED_PROXY_HEADER = ""
    attacker = Client()
    for number in range(5):
        _attempt(attacker, "owain", "guess", f"192.0.2.{number}")

    # Every attempt came from the same REMOTE_ADDR, whatever the header said.
    assert _attempt(attacker, "owain", PASSWORD, "192.0.2.200") == 429


@pytest.mark.parametrize(
    ("header", "count", "forwarded", "expected"),
    [
        ("", 1, "1.1.1.1", "10.0.0.2"),
        ("X-Forwarded-For", 1, "1.1.1.1, 2.2.2.2", "2.2.2.2"),
        ("X-Forwarded-For", 2, "1.1.1.1, 2.2.2.2, 3.3.3.3", "2.2.2.2"),
        ("X-Forwarded-For", 1, "", "10.0.0.2"),
        ("X-Real-IP", 1, "", "10.0.0.2"),
    ],
)
def test_the_client_address_is_taken_from_the_trusted_proxy_only(
    settings, header, count, forwarded, expected
):
    settings.TRUSTED_PROXY_HEADER = header
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
