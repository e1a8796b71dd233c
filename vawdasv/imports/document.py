"""A source document as the importer sees it: text lines and tables, in document order.

Every reader (.docx, .xlsx/.csv, .pdf, text) turns its file into a `SourceDocument`; the
interpreter (`vawdasv.imports.interpret`) turns that into a `ParsedPlan` without knowing which
format it came from. Locations are kept so every warning can say where to look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LineStyle = Literal["heading", "bullet", "body"]


@dataclass(frozen=True)
class TextLine:
    """A paragraph, heading or bullet outside any table."""

    text: str
    location: str  # e.g. "line 12", "paragraph 5", "page 3"
    style: LineStyle = "body"
    # Words set in bold or italics inside a paragraph, in order (not a whole bold line, which
    # is a heading): a progress report names the section a paragraph is about this way.
    emphasis: tuple[str, ...] = ()


@dataclass
class TableRow:
    cells: list[str]
    location: str  # e.g. "table 2, row 5", "sheet Plan, row 7", "page 3, table 1, row 2"
    # Cell shading where the file has it (column index → "RRGGBB"): plans often show a RAG
    # status as a coloured cell with no word in it.
    fills: dict[int, str] = field(default_factory=dict)


@dataclass
class Table:
    rows: list[TableRow]
    location: str  # e.g. "table 2"
    # Pasted text with no delimiters, its columns found from the header's positions: a guess
    # a person should check.
    split_by_spaces: bool = False
    # No separators at all: the columns were told apart by what each cell holds.
    split_by_shapes: bool = False


Block = TextLine | Table


@dataclass
class SourceDocument:
    name: str
    blocks: list[Block] = field(default_factory=list)
    # The title the file itself records (Word and Excel properties, PDF metadata), if any.
    title: str | None = None


class UnreadableDocument(Exception):
    """The file cannot be read at all (wrong type, corrupt, encrypted, too large, no text).

    The message is shown to the person importing, so it says what is wrong and what to do.
    """
