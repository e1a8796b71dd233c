"""A request id on every request: taken from X-Request-ID when valid, echoed in the response,
and added to every log record written while the request is handled (ops.logs)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# What a proxy's id may look like (uuids, hex, ULIDs); anything else could forge log lines.
VALID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

current_request_id: ContextVar[str] = ContextVar("request_id", default="")


def request_id_for(given: str | None) -> str:
    if given and VALID.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        # Kept until the response is finished (below), not just until this returns: Django logs
        # errors and slow requests ("Not Found: ...") after the middleware has run.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="ops.forget_request_id")
def forget_request_id(sender: object, **kwargs: object) -> None:
    current_request_id.set("")
