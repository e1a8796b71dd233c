"""Which field each column of a plan table holds, found from its header cell by meaning.

Plans name the same column many ways, in English and Welsh ("Milestones/Actions", "Key
actions", "Cam gweithredu"; "Timescale", "By when", "Amserlen"), in any order. Some layouts need
a second look once the whole header is known:

- `Section | We Will | By | Progress` (a progress report): "We Will" holds the actions and
  "Section" the heading they are grouped under, so Section is read as the commitment.
- `<theme> | Objective | Action`: the first header cell is the theme's own name, and that
  column repeats it down the table.

A person can override any of this with a mapping from header text to field name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

REF, THEME, SECTION, COMMITMENT, ACTION = "ref", "theme", "section", "commitment", "action"
EVIDENCE, TIMESCALE, LEAD, RAG, IGNORE = "evidence", "timescale", "lead", "rag", "ignore"
FIELDS = (REF, THEME, COMMITMENT, ACTION, EVIDENCE, TIMESCALE, LEAD, RAG, IGNORE)

# Header cells as plans write them, compared after `header_key` (lower case, no punctuation).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    REF: ("ref", "reference", "no", "number", "id", "cyf", "cyfeirnod", "rhif"),
    THEME: ("theme", "themes", "strategic theme", "chapter", "thema", "pennod", "aim"),
    SECTION: ("section", "area", "topic", "adran", "maes", "pwnc"),
    COMMITMENT: (
        "commitment", "commitments", "we will", "strategic commitment", "objective",
        "objectives", "priority", "priorities", "strategic priority", "ymrwymiad",
        "ymrwymiadau", "byddwn yn", "amcan", "amcanion", "blaenoriaeth", "blaenoriaethau",
    ),
    ACTION: (
        "milestones actions", "milestones and actions", "milestone", "milestones", "action",
        "actions", "key actions", "early actions", "activity", "activities", "aims",
        "how we will do this", "tasks", "objective action", "objectives actions",
        "cam gweithredu", "camau gweithredu", "gweithred", "gweithredoedd", "camau",
        "cerrig milltir", "gweithgaredd", "gweithgareddau", "camau cynnar",
    ),
    EVIDENCE: (
        "evidence of achievement", "evidence", "measures of success", "measure of success",
        "success measures", "how we will know", "outcome measures", "performance measures",
        "outcomes", "outcome", "desired outcome", "tystiolaeth", "tystiolaeth o gyflawniad",
        "mesurau llwyddiant",
        "mesur llwyddiant", "canlyniadau",
    ),
    TIMESCALE: (
        "timescale", "timescales", "timeframe", "time frame", "by when", "by", "when",
        "deadline", "target date", "due date", "date", "amserlen", "amserlenni", "erbyn",
        "erbyn pryd", "dyddiad", "dyddiad targed", "terfyn amser",
    ),
    LEAD: (
        "lead", "leads", "lead organisation", "lead organisations", "lead agency",
        "lead agencies", "lead partner", "lead partners", "lead officer", "responsible",
        "responsibility", "owner", "action owner", "who", "arweinydd", "arweiniol",
        "arweinwyr", "sefydliad arweiniol", "partner arweiniol", "swyddog arweiniol",
        "perchennog", "cyfrifoldeb",
    ),
    RAG: (
        "rag", "rag status", "rag rating", "status", "progress", "progress rag", "rating",
        "statws", "statws rag", "cynnydd", "sgor rag",
    ),
}  # fmt: skip
# Fallback when a header cell is not a known name: a word it contains.
COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("evidence", EVIDENCE), ("tystiolaeth", EVIDENCE), ("measure", EVIDENCE),
    ("timescale", TIMESCALE), ("timeframe", TIMESCALE), ("deadline", TIMESCALE),
    ("date", TIMESCALE), ("amserlen", TIMESCALE), ("dyddiad", TIMESCALE),
    ("lead", LEAD), ("responsib", LEAD), ("owner", LEAD), ("arwein", LEAD),
    ("milestone", ACTION), ("action", ACTION), ("activit", ACTION), ("gweithred", ACTION),
    ("commitment", COMMITMENT), ("ymrwymiad", COMMITMENT), ("we will", COMMITMENT),
    ("objective", COMMITMENT), ("amcan", COMMITMENT), ("status", RAG), ("progress", RAG),
    ("statws", RAG), ("cynnydd", RAG),
)  # fmt: skip

# Cyrillic and Greek letters that look Latin, as PDF conversion sometimes leaves them ("Ву").
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТУХаеорсухіјѕΑΒΕΗΙΚΜΝΟΡΤΥΧον", "ABEKMHOPCTYXaeopcyxijsABEHIKMNOPTYXov"
)
_THEME_NAME_MAX = 60


def header_key(text: str) -> str:
    """A header cell reduced for comparison: lower case, Latin letters, no punctuation."""
    text = text.translate(_LOOKALIKES).lower().replace("’", "'")
    text = text.replace("'", "")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _column_for(cell: str) -> tuple[str, bool] | None:
    """The field a header cell names, and whether it is one of the known names exactly."""
    key = header_key(cell)
    if not key:
        return None
    for column, names in COLUMN_NAMES.items():
        if key in names:
            return column, True
    if len(key.split()) > 5:  # a sentence, not a column name
        return None
    for word, column in COLUMN_WORDS:
        if re.search(rf"\b{word}", key):
            return column, False
    return None


def _resolve(
    columns: dict[int, str], outcome_columns: frozenset[int] = frozenset()
) -> dict[int, str]:
    """Settle the layouts whose meaning depends on the other columns (see module docstring)."""
    fields = set(columns.values())
    resolved = dict(columns)
    for index, column in columns.items():
        if column == SECTION:
            if COMMITMENT in fields and ACTION not in fields:
                resolved[index] = COMMITMENT
                for other, name in columns.items():
                    if name == COMMITMENT:
                        resolved[other] = ACTION
            elif COMMITMENT not in fields:
                resolved[index] = COMMITMENT
            else:
                resolved[index] = THEME
    text_at = min((i for i, c in resolved.items() if c in (ACTION, COMMITMENT)), default=None)
    if COMMITMENT not in resolved.values() and ACTION in resolved.values():
        for index, column in resolved.items():
            # "Outcome | Action | …": outcomes before the actions group them; after, they are
            # the evidence of each action.
            before_text = text_at is not None and index < text_at
            if column == EVIDENCE and before_text and index in outcome_columns:
                resolved[index] = COMMITMENT
    if ACTION not in resolved.values():
        for index, column in resolved.items():
            if column == COMMITMENT:
                resolved[index] = ACTION  # one text column: each row is an action
    return resolved


def match_header(
    cells: list[str], override: Mapping[str, str] | None = None
) -> dict[int, str] | None:
    """Column index → field when the cells are a header row, otherwise None.

    A header names at least three columns (or two plus a theme name in the first cell), one of
    them the commitment or action text, at least two by a known name, and most of its cells are
    column names, so a row of plan text that mentions "action" and "lead" is not a header.
    `override` maps header texts to fields chosen by a person and always wins.
    """
    wanted = {header_key(k): v for k, v in (override or {}).items() if v in FIELDS}
    columns: dict[int, str] = {}
    exact = 0
    chosen = 0
    loose: set[int] = set()  # columns matched by a word they contain, not by a known name
    filled = [i for i, cell in enumerate(cells) if cell.strip()]
    for index in filled:
        key = header_key(cells[index])
        if key in wanted:
            columns[index] = wanted[key]
            chosen += 1
            continue
        found = _column_for(cells[index])
        if found is None:
            continue
        claimed = next((i for i, c in columns.items() if c == found[0]), None)
        if claimed is None:
            columns[index] = found[0]
            exact += found[1]
            if not found[1]:
                loose.add(index)
        elif found[1] and claimed in loose:
            # "Progress update | RAG": the column named exactly wins the field over one that
            # only contains a word of it.
            del columns[claimed]
            columns[index] = found[0]
            exact += 1
    if chosen:
        columns = {i: c for i, c in columns.items() if c != IGNORE}
        texts = {ACTION, COMMITMENT} & set(columns.values())
        return columns if texts else None
    outcomes = frozenset(
        i for i in columns if header_key(cells[i]) in ("outcome", "outcomes", "desired outcome")
    )
    resolved = _resolve(columns, outcomes)
    fields = set(resolved.values())
    unknown_first = bool(filled) and filled[0] == 0 and 0 not in resolved
    if (
        unknown_first
        and len(resolved) >= 2
        and exact >= 2
        and len(cells[0]) <= _THEME_NAME_MAX
        and THEME not in fields
        and bool({ACTION, COMMITMENT} & fields)
        and len(filled) == len(resolved) + 1
    ):
        resolved[0] = THEME  # `<theme> | Objective | Action`
        return resolved
    has_text_column = ACTION in fields or COMMITMENT in fields
    if len(resolved) < 3 or exact < 2 or not has_text_column or 2 * len(resolved) < len(filled):
        return None
    return resolved
