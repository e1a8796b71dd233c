"""Repeated bits of markup made in Python, for the few pages whose template loops profiled as a
large share of the page (the outcomes dashboards: ADR 0040). Every text is escaped here; the
result is marked safe only after that.

Escaping is the standard library's `html.escape`, which is what Django's `escape` calls (the
same five characters); Django's adds a check for lazy text on every call, which this module
does once by making every text a `str` first."""

from __future__ import annotations

import html
from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def options(choices: Iterable[tuple[str, str]], selected: str) -> SafeString:
    """`<option>`s of a select: (value, label) pairs, the one whose value is `selected` chosen."""
    return mark_safe(  # every value and label escaped
        "".join(
            f'<option value="{_escape(value)}"{" selected" if value == selected else ""}>'
            f"{_escape(label)}</option>"
            for value, label in choices
        )
    )


def numeric_cells(texts: Iterable[str]) -> SafeString:
    """Right-aligned table cells (GOV.UK numeric cells), one per text."""
    return mark_safe(  # every text escaped
        "".join(
            f'<td class="govuk-table__cell govuk-table__cell--numeric">{_escape(text)}</td>'
            for text in texts
        )
    )


def table_row(heading: str, caption: str, cells: Iterable[str]) -> str:
    """A GOV.UK table row: a row heading with a small caption after it, then numeric cells."""
    return (
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        f'{_escape(heading)} <span class="vawdasv-caption-s">{_escape(caption)}</span></th>'
        f"{numeric_cells(cells)}</tr>"
    )


def joined(parts: Iterable[str]) -> SafeString:
    """Pieces made by this module's functions (every text in them escaped), as one."""
    return mark_safe("".join(parts))  # each part made (and escaped) here
