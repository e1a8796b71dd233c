"""Personal API tokens: made from 32 random bytes, kept only as a SHA-256, checked per request.

A token reads `vw_<prefix>_<secret>`; the prefix is stored in clear to identify it, the whole
token only as its hash, so a copy of the database (or a backup) does not give API access.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from vawdasv.accounts.models import ApiToken

PREFIX_LENGTH = 8
# Writing "last used" on every API read would make every read a write; once a minute is enough.
LAST_USED_GRANULARITY = datetime.timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh token and its visible prefix."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return f"vw_{prefix}_{secrets.token_urlsafe(32)}", prefix


def is_usable(token: ApiToken, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    if token.revoked_at is not None or not token.user.is_active:
        return False
    return token.expires_on is None or token.expires_on >= today


def token_for_key(key: str) -> ApiToken | None:
    """The usable token with this key, or None (unknown, revoked, expired or user inactive)."""
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not is_usable(token):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        # A bare UPDATE: the time a token was last used is bookkeeping, not a change anyone
        # makes, so it is not audited (creating and revoking are).
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


class HashedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>`, checked against the stored hashes."""

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return token.user, token
