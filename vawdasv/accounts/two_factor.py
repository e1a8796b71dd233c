"""Two-factor authentication: an authenticator app (TOTP) with single-use recovery codes.

Built on django-otp (ADR 0019). A person sets up an app by scanning a QR code (drawn here as
SVG by segno, no outside service) or typing the secret, confirms with a code, and receives ten
recovery codes shown once. From then on, after their password they enter a code from the app or
a recovery code before anything else.

Who must use it is `permissions.must_use_two_factor`; the middleware sends a signed-in person
who has not yet passed the second step to the page that completes it.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vawdasv.accounts.sso import SSO_MFA_SESSION_KEY
from vawdasv.audit import kernel
from vawdasv.audit.models import Verb
from vawdasv.partnerships import permissions

RECOVERY_CODES = 10
APP_NAME = "authenticator app"
RECOVERY_NAME = "recovery codes"

# Pages a person may reach before the second step: the steps themselves, signing out, the
# language switch, and files the pages need.
OPEN_PREFIXES = ("/static/", "/media/", "/i18n/", "/healthz", "/api/")
OPEN_NAMES = (
    "accounts:two-factor-verify", "accounts:two-factor-setup", "accounts:logout",
    "accounts:login",
)  # fmt: skip


def has_two_factor(user: Any) -> bool:
    return bool(user_has_device(user, confirmed=True))


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed authenticator being set up (a new secret if there is none yet)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=APP_NAME).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The setup QR code as inline SVG, with a title for screen readers."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, title="QR code for your authenticator app"
    )


@transaction.atomic
def confirm(user: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a code from it; returns the new recovery codes, or None."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    codes = new_recovery_codes(user)
    _record(user, before=False, after=True)
    return codes


def _record(user: Any, *, before: bool, after: bool) -> None:
    person = get_user_model().objects.get(pk=user.pk)  # not the request's lazy wrapper
    kernel.record(
        actor=person, instance=person, verb=Verb.UPDATED,
        changes={"two_factor": {"before": before, "after": after}},
    )  # fmt: skip


def new_recovery_codes(user: Any) -> list[str]:
    """Ten fresh single-use codes (any earlier ones stop working)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def verify_device(request: HttpRequest, device: Any) -> None:
    """Count the session as having passed the second step with this device."""
    otp_login(request, device)


def verify(request: HttpRequest, token: str) -> bool:
    """Complete the second step with a code from the app or a recovery code (used up)."""
    device = match_token(request.user, token.replace(" ", "").strip())
    if device is None:
        return False
    otp_login(request, device)
    return True


@transaction.atomic
def remove(user: Any) -> bool:
    """Turn two-factor off, for someone who is not required to use it."""
    if permissions.must_use_two_factor(user):
        return False
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    _record(user, before=True, after=False)
    return True


class TwoFactorMiddleware:
    """Send a signed-in person who has not passed the second step to the page that does it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = self._step_needed(request)
        if step is not None:
            target = reverse(step)
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _step_needed(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if not settings.TWO_FACTOR_ENFORCED or user is None or not user.is_authenticated:
            return None
        if user.is_verified():
            return None
        if request.session.get(SSO_MFA_SESSION_KEY):
            # Signed in through the organisation's provider, which checked a second factor
            # itself (its `amr` claim said "mfa"; ADR 0029): asking again adds nothing.
            return None
        path = request.path_info
        if path.startswith(OPEN_PREFIXES) or _is_open_page(path):
            return None
        if _known_not_needed(request, user):
            return None
        if has_two_factor(user):
            return "accounts:two-factor-verify"
        if permissions.must_use_two_factor(user):
            return "accounts:two-factor-setup"
        # Neither: remember it for a while, so each page does not ask the database again.
        request.session[NOT_NEEDED_SESSION_KEY] = [user.pk, int(time.time())]
        return None


# A signed-in person with no second factor who is not required to have one: the two queries
# that say so are answered from the session for this long. A role that starts to require it
# (made an administrator) is noticed within this time; the setup page removes the mark.
NOT_NEEDED_SESSION_KEY = "vawdasv_two_factor_not_needed"
NOT_NEEDED_FOR_SECONDS = 300


def _known_not_needed(request: HttpRequest, user: Any) -> bool:
    mark = request.session.get(NOT_NEEDED_SESSION_KEY)
    if not (isinstance(mark, list) and len(mark) == 2 and mark[0] == user.pk):
        return False
    return bool(0 <= time.time() - float(mark[1]) < NOT_NEEDED_FOR_SECONDS)


def forget_not_needed(request: HttpRequest) -> None:
    """Called when the person sets up (or removes) a second factor: ask the database again."""
    request.session.pop(NOT_NEEDED_SESSION_KEY, None)


def _is_open_page(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return True  # a 404 page leaks nothing
    return match.view_name in OPEN_NAMES
