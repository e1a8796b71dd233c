"""The address of the client, as the trusted proxy in front of us reports it.

Behind a reverse proxy every request comes from the proxy's address, so a lockout keyed on it
would let anyone lock anyone out; but a header such as X-Forwarded-For can be sent by the client
too. So the header is read only when the deployment names it (TRUSTED_PROXY_HEADER), and from
X-Forwarded-For only the entry the outermost of TRUSTED_PROXY_COUNT proxies appended is taken:
whatever the client put further left is ignored. Used by the sign-in lockout (django-axes) and
the API's rate limits.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def _meta_name(header: str) -> str:
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR") or "")
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "") or ""
    if not header:
        return remote
    raw = str(request.META.get(_meta_name(header)) or "")
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    if not entries:
        return remote
    count = max(int(getattr(settings, "TRUSTED_PROXY_COUNT", 1) or 1), 1)
    # Each proxy appends the address it received the request from; the outermost trusted proxy's
    # entry is `count` from the right. Fewer entries than proxies: the leftmost is all there is.
    return entries[-count] if len(entries) >= count else entries[0]
