"""Template helpers: links to progress pages only for those who may open them; the RAG key."""

from __future__ import annotations

from typing import Any

from django import template

from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy
from vawdasv.progress.enums import RagStatus

register = template.Library()


@register.filter
def reads_rounds(user: Any, strategy: Strategy) -> bool:
    """Progress rounds are for the partnership's members; others would only be refused."""
    return permissions.is_member(user, strategy.partnership_id)


@register.simple_tag
def rag_statuses() -> list[RagStatus]:
    """The RAG statuses in order, for the key that explains each colour in words."""
    return list(RagStatus)
