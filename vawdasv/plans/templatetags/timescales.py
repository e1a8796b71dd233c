"""`{{ action|timescale }}` and `{{ text|timescale_text }}`: a timescale in the reader's language.

Both call `plans.timescales`, the one function every page, report and export renders with.
"""

from __future__ import annotations

from django import template

from vawdasv.plans.timescales import label_of, label_of_text

register = template.Library()


@register.filter
def timescale(action: object) -> str:
    """The action's timescale (kind and date) as the reader reads it."""
    return label_of(action)


@register.filter
def timescale_text(text: str | None) -> str:
    """A timescale held only as text, such as a proposal, as the reader reads it."""
    return label_of_text(text or "")
