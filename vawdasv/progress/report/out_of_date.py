"""Welsh in the report that was written for English that has changed since (ADR 0033).

The Welsh edition's note at the start counts these beside the texts shown in English: the
Welsh is there, but a reader should know it may no longer say what the English says.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from vawdasv.core import translation_state
from vawdasv.lib.bilingual import BilingualText

# A text as the report shows it, with the row and field it was read from.
Shown = tuple[models.Model, str, BilingualText | None]


def count_out_of_date(shown: Iterable[Shown]) -> int:
    """How many texts shown in Welsh were written for English that has changed since (one
    query). A text counts only when the report shows the row's Welsh as it is stored: a
    shortened narrative or a wording from before a later change is not that row's Welsh now."""
    candidates = [
        (row, name)
        for row, name, text in shown
        if text is not None
        and text.text
        and text.language == "cy"
        and not text.is_fallback
        and text.text == (getattr(row, f"{name}_cy", "") or "")
    ]
    if not candidates:
        return 0
    marks = translation_state.marks_for({row for row, _name in candidates})
    return sum(
        1
        for row, name in candidates
        if marks.state(row, name) == translation_state.State.ENGLISH_CHANGED
    )
