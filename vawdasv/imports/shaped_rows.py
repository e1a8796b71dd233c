"""Pasted rows whose columns are separated by single spaces: split by what each cell holds.

Text extracted from some PDFs keeps no trace of the columns at all: `Ref Action Timescale Lead
Status` over `1.2 Train GP staff March 2026 Lakeland Health Board Amber`. The header is still
recognised by its vocabulary (a run of known column names), and each row is split by the shapes
its cells have: a reference number at the start, a RAG word at the end, a timescale (a date,
financial year, season or "Ongoing") where the header puts it, and a lead organisation as the run
of capitalised words next to the action text. A line with none of these carries on the row
above (a wrapped cell). This is a guess, and the interpreter marks every such row as one.
"""

from __future__ import annotations

import re

from vawdasv.imports.columns import (
    ACTION,
    COLUMN_NAMES,
    COMMITMENT,
    EVIDENCE,
    LEAD,
    RAG,
    REF,
    TIMESCALE,
    header_key,
    match_header,
)
from vawdasv.imports.rag import UNKNOWN, read_rag
from vawdasv.plans.timescales import MONTHS, ONGOING_WORDS, RECURRING_WORDS, SEASONS

_NAMES = {name for names in COLUMN_NAMES.values() for name in names}
_JOINERS = ("/", "&", "-", "–")
_MAX_COLUMNS = 10
_REF = re.compile(r"(\d{1,3}(?:\.\d{1,3})*[a-z]?)[.)]?\s+(?=\S)")
_MONTH = "|".join(sorted({*MONTHS, *SEASONS}, key=len, reverse=True))
_WORDS = "|".join(sorted((*RECURRING_WORDS, *ONGOING_WORDS, "tbc"), key=len, reverse=True))
_TIMESCALE = re.compile(
    r"(?:(?:by|before|end of|by the end of|from|due)\s+)?"
    r"(?:q[1-4]\s*\d{4}\s*/\s*\d{2,4}|\d{4}\s*/\s*\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|(?:\d{1,2}\s+)?(?:" + _MONTH + r")(?:\s+term)?\s+\d{4}"
    r"|(?:every|each)\s+(?:" + _MONTH + r")|" + _WORDS + r")\b",
    re.IGNORECASE,
)
_CONNECTOR = {"and", "of", "for", "the", "&", "/", "a", "y", "ac", "a'r"}


def header_cells(line: str) -> list[str] | None:
    """The column names of a header whose names are separated by single spaces, or None."""
    if "\t" in line or "|" in line:
        return None
    tokens = line.split()
    if not 3 <= len(tokens) <= 3 * _MAX_COLUMNS:
        return None
    groups: list[str] = []
    index = 0
    joining = False
    while index < len(tokens):
        if tokens[index] in _JOINERS and groups:
            joining, index = True, index + 1
            continue
        for size in (3, 2, 1):
            candidate = " ".join(tokens[index : index + size])
            if len(candidate.split()) == size and header_key(candidate) in _NAMES:
                break
        else:
            return None
        if joining:
            groups[-1] = f"{groups[-1]} / {candidate}"
            joining = False
        else:
            groups.append(candidate)
        index += size
    columns = match_header(groups)
    if columns is None or len(columns) != len(groups) or len(groups) > _MAX_COLUMNS:
        return None
    return groups


def fields_of(header: list[str]) -> list[str]:
    columns = match_header(header) or {}
    return [columns.get(index, ACTION) for index in range(len(header))]


def _trailing_rag(words: list[str]) -> int:
    """How many words at the end of a row are its RAG status (0 when none)."""
    for size in (3, 2, 1):
        if len(words) > size:
            reading = read_rag(" ".join(words[-size:]))
            if reading.rag not in (None, UNKNOWN) and reading.note is None:
                return size
    return 0


def _split_name(text: str) -> tuple[str, str]:
    """Action text and the lead organisation after it (its run of capitalised words)."""
    words = text.split()
    start = len(words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word[:1].isupper() or word[:1].isdigit():
            start = index
        elif word.lower() not in _CONNECTOR:
            break
    while start < len(words) and words[start].lower() in _CONNECTOR:
        start += 1
    if start == 0 or start == len(words):
        return text, ""
    return " ".join(words[:start]), " ".join(words[start:])


def _fill(cells: list[str], fields: list[str], positions: list[int], text: str) -> None:
    """Share a stretch of text between the free-text columns it covers."""
    text = text.strip()
    if not text or not positions:
        return
    if len(positions) == 1:
        cells[positions[0]] = text
        return
    names = [fields[p] for p in positions]
    if LEAD in names:
        lead_at = positions[names.index(LEAD)]
        before, lead = _split_name(text)
        cells[lead_at] = lead
        text = before
        positions = [p for p in positions if p != lead_at]
    cells[positions[0]] = text  # what cannot be told apart stays with the first column


def split_row(line: str, fields: list[str]) -> tuple[list[str], bool] | None:
    """The row's cells by the shapes of its text, and whether it starts a new row.

    None when the line has nothing to say it is a row (no reference, timescale or status): it
    then carries on the row above.
    """
    text = " ".join(line.split())
    cells = [""] * len(fields)
    anchored = False
    if fields and fields[0] == REF and (ref := _REF.match(text)):
        cells[0], text, anchored = ref.group(1), text[ref.end() :], True
    elif _REF.match(text):
        anchored = True  # a numbered objective or action: a new row
    words = text.split()
    if fields and fields[-1] == RAG and (size := _trailing_rag(words)):
        cells[-1], text, anchored = " ".join(words[-size:]), " ".join(words[:-size]), True
    free = [i for i, f in enumerate(fields) if f not in (REF, RAG, TIMESCALE) or i == 0]
    free = [i for i in free if not cells[i]]
    if TIMESCALE in fields and (found := list(_TIMESCALE.finditer(text))):
        match = found[-1] if fields.index(TIMESCALE) > fields.index(ACTION) else found[0]
        at = fields.index(TIMESCALE)
        cells[at] = match.group(0)
        before, after = text[: match.start()], text[match.end() :]
        _fill(cells, fields, [i for i in free if i < at], before)
        _fill(cells, fields, [i for i in free if i > at], after)
        return cells, True
    if not anchored:
        return None
    _fill(cells, fields, free, text)
    return cells, True


def read_rows(
    lines: list[str], start: int, header: list[str]
) -> tuple[list[tuple[int, list[str]]], int]:
    """Rows below the header at `start`, and the index after the table (a blank line ends it,
    unless the next line is a row again)."""
    fields = fields_of(header)
    text_at = next((i for i, f in enumerate(fields) if f in (ACTION, COMMITMENT, EVIDENCE)), 0)
    rows: list[tuple[int, list[str]]] = []
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            following = next((n for n in range(index + 1, len(lines)) if lines[n].strip()), None)
            if following is None or split_row(lines[following], fields) is None:
                break
            index = following
            continue
        if header_cells(line) is not None:
            break
        split = split_row(line, fields)
        if split is None and rows:
            cells = rows[-1][1]
            cells[text_at] = f"{cells[text_at]}\n{line.strip()}"
        elif split is None:
            break
        else:
            rows.append((index + 1, split[0]))
        index += 1
    return rows, index
