"""Personal API tokens (Django REST framework's token model)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from rest_framework.authtoken.models import Token

from vawdasv.audit import services as audit
from vawdasv.audit.models import Verb


def has_api_token(user: Any) -> bool:
    return Token.objects.filter(user=user).exists()


@transaction.atomic
def replace_api_token(user: Any) -> str:
    """Issue a new token, revoking any earlier one. The key is shown once."""
    Token.objects.filter(user=user).delete()
    return str(Token.objects.create(user=user).key)


@transaction.atomic
def revoke_api_token(user: Any) -> None:
    Token.objects.filter(user=user).delete()


# A person's own details ---------------------------------------------------------------------

DETAIL_FIELDS = ("first_name", "last_name", "job_title", "preferred_language")


@transaction.atomic
def update_details(*, actor: Any, user: Any, data: dict[str, Any]) -> None:
    """Change one's own name, job title and preferred language (nobody else's), audited."""
    if actor.pk != user.pk:
        raise PermissionDenied
    before = audit.snapshot(user, DETAIL_FIELDS)
    for name in DETAIL_FIELDS:
        if name in data:
            setattr(user, name, data[name])
    changes = audit.diff(before, audit.snapshot(user, DETAIL_FIELDS))
    if not changes:
        return
    user.save(update_fields=list(DETAIL_FIELDS))
    audit.record(actor=actor, instance=user, verb=Verb.UPDATED, changes=changes)


def record_password_change(user: Any) -> None:
    """An audit entry saying the password changed (never the password itself)."""
    audit.record(
        actor=user,
        instance=user,
        verb=Verb.UPDATED,
        changes={"password": {"before": "", "after": ""}},
    )
