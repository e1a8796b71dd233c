"""Personal API tokens (Django REST framework's token model)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token


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
