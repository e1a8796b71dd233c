"""Single sign-on with Microsoft Entra ID or any OpenID Connect provider (issue 16, ADR 0029).

mozilla-django-oidc runs the authorisation-code flow (with PKCE and a nonce) and checks the ID
token; this module decides who the person is. A sign-in is accepted only when the provider
vouches for the email address (`email_verified`, or Entra ID's `xms_edov`) and exactly one
active account here has that address. Nobody is ever created, and no role is ever given, by
signing in: an unknown address lands on a page telling the person to ask their regional team.

Two-factor: when the provider says it checked a second factor (`amr` contains "mfa"), the
session records it (`SSO_MFA_SESSION_KEY`) and the local two-factor step (two_factor.py) accepts
it; otherwise the local second factor still applies to those who must use one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from vawdasv.accounts.models import User

SSO_MFA_SESSION_KEY = "sso_mfa"
PROBLEM_SESSION_KEY = "sso_problem"
UNKNOWN = "unknown"


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def provider_name() -> str:
    return str(getattr(settings, "OIDC_PROVIDER_NAME", ""))


def email_is_verified(claims: dict[str, Any]) -> bool:
    """Whether the provider vouches for the address (a string "true" counts: some send one)."""
    return any(claims.get(name) in (True, "true") for name in ("email_verified", "xms_edov"))


# mozilla-django-oidc ships no type hints, so its classes are Any to mypy.
class VerifiedEmailBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Signs in the one active account whose email the provider has verified; creates nobody."""

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        email = str(claims.get("email") or "").strip()
        user = None
        if email and email_is_verified(claims):
            # Two accounts with one address: neither is chosen (as no account).
            found = list(User.objects.filter(email__iexact=email, is_active=True)[:2])
            user = found[0] if len(found) == 1 else None
        session = self.request.session
        if user is None:
            session[PROBLEM_SESSION_KEY] = UNKNOWN
            return None
        amr = payload.get("amr") or []
        session[SSO_MFA_SESSION_KEY] = isinstance(amr, list) and "mfa" in amr
        return user

    def get_user(self, user_id: Any) -> Any:
        # As Django's ModelBackend: a deactivated person's session stops working at once.
        user = User.objects.filter(pk=user_id, is_active=True).first()
        return user


class SignInWithProvider(OIDCAuthenticationRequestView):  # type: ignore[misc]
    pass


class ProviderCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    @property
    def failure_url(self) -> str:
        # Back to the language the person started in (the page they came from is in `next`).
        next_url = str(self.request.session.get("oidc_login_next") or "")
        language = "cy" if next_url == "/cy" or next_url.startswith("/cy/") else "en"
        with translation.override(language):
            return reverse("accounts:sso-problem")


def _only_when_enabled(view: Any) -> Any:
    def wrapped(request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            raise Http404
        response: HttpResponse = view(request)
        return response

    return wrapped


authenticate = _only_when_enabled(SignInWithProvider.as_view())
callback = _only_when_enabled(ProviderCallback.as_view())


def problem(request: HttpRequest) -> HttpResponse:
    """Why single sign-on did not sign the person in, and what to do."""
    if not sso_enabled():
        raise Http404
    reason = request.session.pop(PROBLEM_SESSION_KEY, "")
    return render(
        request,
        "accounts/sso_problem.html",
        {"unknown": reason == UNKNOWN, "provider": provider_name()},
    )
