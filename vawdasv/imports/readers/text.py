"""Text, Markdown and pasted plans as a `SourceDocument`.

Plans pasted from Word or converted to text keep their tables in one of three ways: one row a
line with tab-separated cells, Markdown pipe tables (`| a | b |`, cells with `<br>`), or HTML
table fragments (`<table><tr><td>…`). Everything else is a heading (Markdown `#`, or a short
line in capitals), a bullet (`-`, `*`, `•`, `·`, `o`, `1.`) or a body line. Every block keeps
its line number so a warning can say where to look. Nothing here raises on odd text.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from vawdasv.imports.document import Block, SourceDocument, Table, TableRow, TextLine
from vawdasv.imports.markup import decode_markup
from vawdasv.imports.shaped_rows import header_cells
from vawdasv.imports.shaped_rows import read_rows as read_shaped_rows
from vawdasv.imports.spaced_tables import header_starts, header_with_second_line, read_rows

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦‣–]|o(?=\s)|\d{1,2}[.)](?=\s))\s+(?=\S)")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_TABLE_START = re.compile(r"<(table|tr)\b", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(
    r"<t([dh])\b([^>]*)>(.*?)(?=<t[dh]\b|</tr\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
_CELL_END = re.compile(r"</t[dh]\s*>\s*$", re.IGNORECASE)
_NESTED_BULLET = re.compile(r"^(?:[-*•·▪●◦‣]|o)\s+(?=\S)")
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_MAX_COLSPAN = 50
_CAPITALS_HEADING_MAX = 80


def decode(data: bytes) -> str:
    """The bytes as text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ():
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            break
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _line_location(number: int) -> str:
    return _("line %(number)s") % {"number": number}


def _plain(text: str) -> str:
    """Body text without Markdown emphasis or layout tags, spaces tidied."""
    text = _EMPHASIS.sub(r"\2", text)
    text = decode_markup(text, line_break=" ")
    return " ".join(text.split())


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = re.split(r"(?<!\\)\|", body)
    return [cell.replace("\\|", "|").strip() for cell in cells]


def _html_rows(chunk: str, first_line: int) -> list[TableRow]:
    rows: list[TableRow] = []
    for row in _HTML_ROW.finditer(chunk):
        cells: list[str] = []
        for cell in _HTML_CELL.finditer(row.group(1)):
            cells.append(_CELL_END.sub("", cell.group(3)))
            span = _COLSPAN.search(cell.group(2))
            if span:
                cells.extend([""] * (min(int(span.group(1)), _MAX_COLSPAN) - 1))
        number = first_line + chunk.count("\n", 0, row.start())
        if any(c.strip() for c in cells):
            rows.append(TableRow(cells=cells, location=_line_location(number)))
    return rows


def _text_line(raw: str, number: int) -> TextLine | None:
    location = _line_location(number)
    if heading := _MD_HEADING.match(raw):
        text = _plain(heading.group(2))
        return TextLine(text=text, location=location, style="heading") if text else None
    if bullet := _BULLET.match(raw):
        text = _NESTED_BULLET.sub("", _plain(raw[bullet.end() :]))
        numbered = re.match(r"\s*(\d{1,2}[.)])", raw)
        if numbered:
            text = f"{numbered.group(1)} {text}"
        return TextLine(text=text, location=location, style="bullet") if text else None
    text = _plain(raw)
    if not text:
        return None
    emphasis = tuple(
        words for match in _EMPHASIS.finditer(raw) if (words := _plain(match.group(2)))
    )
    letters = [c for c in text if c.isalpha()]
    capitals = (
        len(letters) >= 3
        and text.upper() == text
        and len(text) <= _CAPITALS_HEADING_MAX
        and not text.endswith(".")
    )
    if capitals:
        return TextLine(text=text, location=location, style="heading")
    return TextLine(text=text, location=location, style="body", emphasis=emphasis)


class _Builder:
    """Collects rows into tables and lines into text blocks, in document order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.rows: list[TableRow] = []
        self.table_line = 0

    def add_row(self, row: TableRow, number: int) -> None:
        if not self.rows:
            self.table_line = number
        self.rows.append(row)

    def end_table(self, *, split_by_spaces: bool = False, split_by_shapes: bool = False) -> None:
        if self.rows:
            location = _line_location(self.table_line)
            table = Table(self.rows, location, split_by_spaces, split_by_shapes)
            self.blocks.append(table)
            self.rows = []

    def add_line(self, line: TextLine | None) -> None:
        self.end_table()
        if line is not None:
            self.blocks.append(line)


def read_text(data: bytes, name: str) -> SourceDocument:
    """A text, Markdown or pasted plan as blocks of text lines and tables."""
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = text.split("\n")
    builder = _Builder()
    index = 0
    while index < len(lines):
        raw = lines[index]
        number = index + 1
        if _HTML_TABLE_START.search(raw):
            index = _read_html(lines, index, builder)
            continue
        if not raw.strip():
            builder.end_table()
        elif "\t" in raw:
            cells = raw.split("\t")
            if any(cell.strip() for cell in cells):
                builder.add_row(TableRow(cells=cells, location=_line_location(number)), number)
        elif (starts := header_starts(raw)) is not None:
            index = _read_spaced(lines, index, starts, builder)
            continue
        elif (header := header_cells(raw)) is not None:
            index = _read_shaped(lines, index, header, builder)
            continue
        elif raw.lstrip().startswith("|") and raw.count("|") >= 2:
            cells = _pipe_cells(raw)
            if not _PIPE_SEPARATOR.match(raw) and any(cells):
                builder.add_row(TableRow(cells=cells, location=_line_location(number)), number)
        else:
            builder.add_line(_text_line(raw, number))
        index += 1
    builder.end_table()
    return SourceDocument(name=name, blocks=builder.blocks)


def _read_spaced(lines: list[str], start: int, starts: list[int], builder: _Builder) -> int:
    """A table whose columns are lined up with spaces (see `spaced_tables`); the next index."""
    builder.end_table()
    header, last = header_with_second_line(lines, start, starts)
    builder.add_row(TableRow(cells=header, location=_line_location(start + 1)), start + 1)
    rows, after = read_rows(lines, last, starts)
    for number, cells in rows:
        builder.add_row(TableRow(cells=cells, location=_line_location(number)), number)
    builder.end_table(split_by_spaces=True)
    return after


def _read_shaped(lines: list[str], start: int, header: list[str], builder: _Builder) -> int:
    """A table with single spaces between its columns (see `shaped_rows`); the next index."""
    builder.end_table()
    builder.add_row(TableRow(cells=header, location=_line_location(start + 1)), start + 1)
    rows, after = read_shaped_rows(lines, start, header)
    for number, cells in rows:
        builder.add_row(TableRow(cells=cells, location=_line_location(number)), number)
    builder.end_table(split_by_shapes=True)
    return after


def _read_html(lines: list[str], start: int, builder: _Builder) -> int:
    """Read an HTML table fragment from `start`; the index of the line after it."""
    raw = lines[start]
    opening = _HTML_TABLE_START.search(raw)
    assert opening is not None
    before = raw[: opening.start()]
    if before.strip():
        builder.add_line(_text_line(before, start + 1))
    end = start
    whole_table = opening.group(1).lower() == "table"
    while end < len(lines):
        line = lines[end] if end > start else raw[opening.start() :]
        if whole_table and _HTML_TABLE_END.search(line):
            break
        if not whole_table and not line.strip():
            end -= 1
            break
        end += 1
    end = min(end, len(lines) - 1)
    chunk = "\n".join([raw[opening.start() :], *lines[start + 1 : end + 1]])
    closing = _HTML_TABLE_END.search(chunk)
    after = chunk[closing.end() :] if closing else ""
    chunk = chunk[: closing.start()] if closing else chunk
    builder.end_table()
    for row in _html_rows(chunk, start + 1):
        builder.add_row(row, start + 1)
    builder.end_table()
    if after.strip():
        builder.add_line(_text_line(after, end + 1))
    return end + 1
