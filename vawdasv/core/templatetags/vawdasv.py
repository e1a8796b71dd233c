"""Template helpers: bilingual content with its "not yet translated" marker, form widgets."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vawdasv.core.forms import widget_kind as _widget_kind
from vawdasv.core.translation_state import Marks, State
from vawdasv.lib.bilingual import not_translated, read
from vawdasv.lib.months import months_in_language

register = template.Library()


@register.filter
def widget_kind(field: BoundField) -> str:
    return _widget_kind(field.field.widget)


def _marker(wanted: str) -> SafeString:
    return format_html('<strong class="vawdasv-untranslated">{}</strong>', not_translated(wanted))


@register.simple_tag
def bilingual(obj: Any, field: str, paragraphs: bool = False) -> SafeString:
    """Show a content field in the reader's language, falling back with a visible marker."""
    value = read(obj, field)
    if value.is_missing:
        return format_html('<span class="govuk-hint">{}</span>', _("Not given"))
    # Content is text, never markup: `linebreaks` escapes it before wrapping the paragraphs
    # (the function, unlike the filter, escapes only when told to), so the result is safe.
    body = mark_safe(linebreaks(value.text, autoescape=True)) if paragraphs else value.text
    if not value.is_fallback:
        return format_html("{}", body)
    tag = "div" if paragraphs else "span"
    return format_html(
        '<{} lang="{}">{}</{}> {}', tag, value.language, body, tag, _marker(value.wanted)
    )


@register.simple_tag
def bilingual_text(obj: Any, field: str) -> str:
    """The plain text of a content field in the reader's language (for titles and attributes)."""
    return read(obj, field).text


@register.simple_tag(takes_context=True)
def english_changed(context: template.Context, obj: Any, field: str) -> SafeString:
    """A tag for editors beside a text whose English changed since its Welsh was written; the
    view puts the rows' marks in the context as `translation_marks` (only for editors)."""
    marks = context.get("translation_marks")
    if not isinstance(marks, Marks) or marks.state(obj, field) != State.ENGLISH_CHANGED:
        return mark_safe("")
    return format_html(
        '<strong class="govuk-tag govuk-tag--yellow vawdasv-english-changed">{}</strong>',
        _("English changed since translated"),
    )


@register.filter
def months(text: str) -> str:
    """Plan text (a timescale) with the month names of its dates in the reader's language."""
    return months_in_language(text)
