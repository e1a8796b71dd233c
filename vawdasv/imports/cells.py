"""Cells of plan tables as text conversion leaves them.

Cells may hold HTML fragments (<p>, <br>) and lines broken mid-word. These helpers turn them
into plain values (`vawdasv.imports.markup`: entities decoded first, the rest kept as text).
Which field a column holds is worked out in `vawdasv.imports.columns`
(`match_header` and the field names are re-exported here for older callers).
"""

from __future__ import annotations

import re

from vawdasv.imports.columns import (
    ACTION,
    COMMITMENT,
    EVIDENCE,
    LEAD,
    RAG,
    REF,
    THEME,
    TIMESCALE,
    match_header,
)
from vawdasv.imports.markup import decode_markup

__all__ = [
    "ACTION", "COMMITMENT", "EVIDENCE", "LEAD", "RAG", "REF", "THEME", "TIMESCALE",
    "clean_cell", "join_fragments", "match_header", "starts_lower",
]  # fmt: skip


def join_fragments(fragments: list[str]) -> str:
    """Join pieces of one cell split over lines, mending words split at a hyphen.

    "Well-" + "being" gives "Well-being" (the hyphen is kept: a plan's compound words are far
    more common than typesetting hyphens); other pieces are joined with a space.
    """
    result = ""
    for piece in fragments:
        piece = " ".join(piece.split())
        if not piece:
            continue
        if not result:
            result = piece
        elif re.search(r"\w-$", result) and piece[0].isalpha():
            result += piece
        else:
            result += " " + piece
    return result


def clean_cell(raw: str) -> str:
    """A cell's text without layout markup, with its line breaks joined."""
    return join_fragments(decode_markup(raw).split("\n"))


def starts_lower(text: str) -> bool:
    """Whether text starts mid-sentence: its first letter (before any digit) is lower case."""
    for char in text:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False
