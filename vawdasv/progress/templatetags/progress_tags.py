"""Template helpers: links to progress pages only for those who may open them; the RAG words."""

from __future__ import annotations

from typing import Any

from django import template

from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy
from vawdasv.progress.enums import RagStatus
from vawdasv.progress.rag import RagVocabulary, partnership_id_of, request_vocabulary

register = template.Library()


@register.filter
def reads_rounds(user: Any, strategy: Strategy) -> bool:
    """Progress rounds are for the partnership's members; others would only be refused."""
    return permissions.can_read_progress(user, strategy.partnership_id)


@register.simple_tag
def rag_statuses() -> list[RagStatus]:
    """The RAG statuses in order, for the key that explains each colour in words."""
    return list(RagStatus)


def _vocabulary(context: template.Context, about: Any = None) -> RagVocabulary:
    """The words of the partnership the page is about, remembered for the request.

    Which partnership: `about` if given (an update, round, strategy, partnership or list of
    rows), else the include's `about`, else the page's `strategy`; with none of them (My
    actions across partnerships) the platform's own words. A `rag_vocabulary` in the context
    wins, for pages that already hold one.
    """
    given = context.get("rag_vocabulary")
    if isinstance(given, RagVocabulary):
        return given
    if about is None or about == "":
        about = context.get("about") or context.get("strategy")
    return request_vocabulary(context.get("request"), partnership_id_of(about))


@register.simple_tag(takes_context=True)
def rag_label(context: template.Context, rag: Any, about: Any = None) -> str:
    """The word inside a RAG tag, in the partnership's own wording if it renamed it."""
    return _vocabulary(context, about).label(rag) if rag else ""


@register.simple_tag(takes_context=True)
def rag_meaning(context: template.Context, rag: Any, about: Any = None) -> str:
    """What a RAG rating means, in the partnership's own wording if it gave one."""
    return _vocabulary(context, about).meaning(rag) if rag else ""
