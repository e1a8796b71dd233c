"""Writes about people: personal API tokens, and privilege changes made in the Django admin.

Each function runs in one transaction, checks permission and records one audit entry, so who
created or revoked a token, or who made someone a superuser, is always on record (issue 8,
finding 7).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vawdasv.accounts import tokens
from vawdasv.accounts.models import ApiToken, TokenScope, User
from vawdasv.audit import kernel, origins
from vawdasv.audit import services as audit
from vawdasv.audit.models import Verb
from vawdasv.partnerships import permissions

# Fields of a user that grant power: any change to them in the admin is audited, with the
# fields that say who the person is.
PRIVILEGE_FIELDS = ("is_active", "is_staff", "is_superuser", "national_observer")
USER_FIELDS = ("username", "first_name", "last_name", "email", *PRIVILEGE_FIELDS, "organisation")


def active_api_tokens(user: Any) -> list[ApiToken]:
    """The person's tokens that still work, newest first."""
    today = timezone.localdate()
    found = ApiToken.objects.filter(user=user, revoked_at__isnull=True).select_related("user")
    return [token for token in found if tokens.is_usable(token, today)]


def has_api_token(user: Any) -> bool:
    return bool(active_api_tokens(user))


@transaction.atomic
def create_api_token(
    *,
    actor: Any,
    name: str,
    expires_on: datetime.date | None = None,
    scope: str = TokenScope.READ,
) -> tuple[ApiToken, str]:
    """A new token for the actor themself; the token is returned once and never stored."""
    kernel.require(permissions.can_have_api_tokens(actor))
    if expires_on is not None and expires_on <= timezone.localdate():
        raise ValidationError({"expires_on": _("The expiry date must be in the future.")})
    key, prefix = tokens.new_token()
    token = ApiToken.objects.create(
        user=actor,
        name=name.strip() or _("API token"),
        prefix=prefix,
        key_hash=tokens.hash_token(key),
        expires_on=expires_on,
        scope=TokenScope(scope),
    )
    kernel.created(
        actor=actor,
        instance=token,
        fields=("name", "prefix", "expires_on", "scope"),
        partnership=None,
    )
    return token, key


@transaction.atomic
def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    """Stop a token working at once. Revoking an already revoked token changes nothing."""
    token = kernel.lock(token)
    kernel.require(permissions.can_revoke_api_token(actor, token))
    if token.revoked_at is not None:
        return token
    before = audit.snapshot(token, ("revoked_at",))
    token.revoked_at = timezone.now()
    kernel.save_changes(
        actor=actor,
        instance=token,
        before=before,
        fields=("revoked_at",),
        partnership=None,
        only_fields=True,
    )
    return token


@transaction.atomic
def save_user_from_admin(
    *, actor: Any, user: User, before: dict[str, Any] | None, change: bool
) -> User:
    """Save a user edited in the Django admin, auditing what was changed, privileges first.

    `before` is the user's audited values as loaded (None for a new user). Only superusers
    reach the admin pages that change users; the rule is checked here all the same.
    """
    kernel.require(permissions.can_grant_privileges(actor))
    user.save()
    if change:
        kernel.record_changes(
            actor=actor,
            instance=user,
            before=before or {},
            fields=USER_FIELDS,
            partnership=None,
            origin=origins.ADMIN,
        )
    else:
        kernel.created(
            actor=actor, instance=user, fields=USER_FIELDS, partnership=None, origin=origins.ADMIN
        )
    return user


def user_snapshot(user: User) -> dict[str, Any]:
    """The values `save_user_from_admin` compares, taken before the admin form changes them."""
    return audit.snapshot(user, USER_FIELDS)


# A person's own details ---------------------------------------------------------------------

DETAIL_FIELDS = ("first_name", "last_name", "job_title", "preferred_language")


@transaction.atomic
def update_details(*, actor: Any, user: Any, data: dict[str, Any]) -> None:
    """Change one's own name, job title and preferred language (nobody else's), audited."""
    kernel.require(permissions.can_change_own_details(actor, user))
    before = audit.snapshot(user, DETAIL_FIELDS)
    for name in DETAIL_FIELDS:
        if name in data:
            setattr(user, name, data[name])
    kernel.save_changes(
        actor=actor,
        instance=user,
        before=before,
        fields=DETAIL_FIELDS,
        partnership=None,
        only_fields=True,
    )


def record_password_change(user: Any) -> None:
    """An audit entry saying the password changed (never the password itself)."""
    kernel.record(
        actor=user,
        instance=user,
        verb=Verb.UPDATED,
        changes={"password": {"before": "", "after": ""}},
    )
