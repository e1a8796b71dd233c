"""Request-level protections every page shares (issue 8, finding 10).

- Bodies larger than the largest upload are refused from their Content-Length, before any of
  the body is read (413), so a huge upload does not tie up a worker until it has all arrived.
- A signed-in person is signed out after a period without requests (shorter for people with
  administrative powers).
- Anything shown to a signed-in person is marked `Cache-Control: no-store, private`, so a
  shared computer's browser or a proxy keeps no copy of member-only pages.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from vawdasv.partnerships import permissions

LAST_SEEN = "_vawdasv_last_seen"
# Recording every request would write the session on every page; a minute is precise enough.
LAST_SEEN_GRANULARITY = 60

Handler = Callable[[HttpRequest], HttpResponse]


def _content_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = _content_length(request)
        if length is None or length > settings.REQUEST_MAX_BYTES:
            response = render(
                request,
                "core/413.html",
                {"limit": settings.REQUEST_MAX_BYTES},
                status=413,
            )
            # The body is never read, so the connection cannot be reused for another request.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


def start_idle_clock(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """On sign-in, the idle clock starts (and the first page after it need not save the session)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LAST_SEEN] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Signs a person out after SESSION_IDLE_TIMEOUT seconds without a request."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            limit = (
                settings.SESSION_IDLE_TIMEOUT_ADMIN
                if permissions.has_administrative_powers(user)
                else settings.SESSION_IDLE_TIMEOUT
            )
            if last_seen is not None and now - int(last_seen) > limit:
                logout(request)
                messages.info(
                    request, _("You were signed out because you had not used the service.")
                )
            elif last_seen is None or now - int(last_seen) >= LAST_SEEN_GRANULARITY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class PrivatePagesMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in person."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read after the view: the API signs token holders in inside the view.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)  # drops any "public"
        return response
