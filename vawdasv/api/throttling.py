"""API rate limits counted per person, or per client address as the trusted proxy reports it."""

from __future__ import annotations

from typing import Any

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from vawdasv.lib.client_ip import client_ip


class AnonThrottle(AnonRateThrottle):
    def get_ident(self, request: Any) -> str:
        return client_ip(request)


class UserThrottle(UserRateThrottle):
    def get_ident(self, request: Any) -> str:
        return client_ip(request)
