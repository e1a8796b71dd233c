"""Two-factor authentication with an authenticator app and recovery codes (ADR 0019).

Every test name says "two_factor", which keeps the requirement switched on for it (see
tests/conftest.py). The codes are computed here from the secret shown on the setup page, as an
authenticator app would (RFC 6238), not by asking the library that checks them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.test import Client

from tests.core.conftest import PASSWORD
from vawdasv.partnerships import services as partnership_services

SIGN_IN = "/accounts/sign-in/"
SETUP = "/accounts/two-factor/set-up/"
VERIFY = "/accounts/two-factor/verify/"


def totp(secret: str, at: float | None = None) -> str:
    """The 6-digit code for a base32 secret at a moment (30-second steps, HMAC-SHA1)."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def _sign_in(username: str) -> Client:
    client = Client()
    response = client.post(SIGN_IN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _secret(page: str) -> str:
    return re.search(r"<code lang=\"en\">([A-Z2-7 ]+)</code>", page).group(1)


def _set_up(client: Client) -> tuple[str, list[str]]:
    page = client.get(SETUP).content.decode()
    assert "<svg" in page  # the QR code, drawn on the page
    secret = _secret(page)
    done = client.post(SETUP, {"code": totp(secret), "next": "/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    return secret, codes


def test_two_factor_is_required_of_an_administrator_before_any_page(world):
    client = _sign_in("alys")
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_two_factor_is_not_required_of_a_lead_officer_by_default(world):
    client = _sign_in("owain")
    assert client.get("/accounts/profile/").status_code == 200


def test_two_factor_setup_shows_a_qr_code_and_the_secret_and_needs_a_right_code(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code otherwise makes the next wait a second
    client = _sign_in("alys")
    page = client.get(SETUP).content.decode()
    secret = _secret(page)
    wrong = client.post(SETUP, {"code": "000000" if totp(secret) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    codes = client.post(SETUP, {"code": totp(secret)})
    assert codes.status_code == 200
    assert len(re.findall(r"<li><code>\w+</code></li>", codes.content.decode())) == 10
    assert client.get("/accounts/profile/").status_code == 200  # this session passed


def test_two_factor_after_setup_every_sign_in_asks_for_a_code(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    secret, _codes = _set_up(_sign_in("alys"))
    client = _sign_in("alys")
    blocked = client.get("/accounts/profile/")
    assert blocked["Location"].startswith(VERIFY)
    wrong = client.post(VERIFY, {"code": "12345"})
    assert wrong.status_code == 400
    passed = client.post(VERIFY, {"code": totp(secret, time.time() + 30), "next": "/accounts/"})
    assert passed.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200


def test_two_factor_recovery_code_works_once(world, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    _secret_text, codes = _set_up(_sign_in("alys"))
    first = _sign_in("alys")
    assert first.post(VERIFY, {"code": codes[0]}).status_code == 302
    assert first.get("/accounts/profile/").status_code == 200
    second = _sign_in("alys")
    assert second.post(VERIFY, {"code": codes[0]}).status_code == 400


def test_two_factor_a_partnership_can_require_it_of_every_member(world):
    partnership_services.update_settings(
        actor=world.admin, partnership=world.partnership, require_two_factor=True
    )
    client = _sign_in("owain")
    assert client.get("/accounts/profile/")["Location"].startswith(SETUP)


def test_two_factor_is_available_to_everyone_and_can_be_turned_off_when_not_required(world):
    client = _sign_in("owain")
    _set_up(client)
    again = _sign_in("owain")
    assert again.get("/accounts/profile/")["Location"].startswith(VERIFY)
    client.post("/accounts/two-factor/turn-off/")
    assert _sign_in("owain").get("/accounts/profile/").status_code == 200


def test_two_factor_an_administrator_cannot_turn_it_off(world):
    client = _sign_in("alys")
    _set_up(client)
    client.post("/accounts/two-factor/turn-off/")
    assert _sign_in("alys").get("/accounts/profile/")["Location"].startswith(VERIFY)


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_two_factor_pages_are_bilingual(world, prefix):
    client = _sign_in("alys")
    page = client.get(f"{prefix}{SETUP}").content.decode()
    assert f'<html lang="{prefix.strip("/") or "en"}"' in page
    heading = "Set up two-factor authentication"
    assert (heading in page) == (prefix == "")


def _device_or_role_queries(queries) -> list[str]:
    return [
        q["sql"] for q in queries if "otp_" in q["sql"] or "partnerships_membership" in q["sql"]
    ]


def test_two_factor_not_needed_is_remembered_so_pages_do_not_ask_the_database_each_time(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _sign_in("owain")
    with CaptureQueriesContext(connection) as first:
        assert client.get("/accounts/profile/").status_code == 200
    assert _device_or_role_queries(first.captured_queries)
    with CaptureQueriesContext(connection) as second:
        assert client.get("/accounts/profile/").status_code == 200
    middleware_sql = [
        sql for sql in _device_or_role_queries(second.captured_queries) if "otp_" in sql
    ]
    assert middleware_sql == []
    assert len(second.captured_queries) < len(first.captured_queries)


def test_two_factor_a_requirement_made_later_is_enforced_once_the_memory_runs_out(
    world, monkeypatch
):
    from vawdasv.accounts import two_factor

    client = _sign_in("owain")
    assert client.get("/accounts/profile/").status_code == 200  # remembered: not needed
    partnership_services.update_settings(
        actor=world.admin, partnership=world.partnership, require_two_factor=True
    )
    later = time.time() + two_factor.NOT_NEEDED_FOR_SECONDS + 1
    monkeypatch.setattr(two_factor.time, "time", lambda: later)
    assert client.get("/accounts/profile/")["Location"].startswith(SETUP)
