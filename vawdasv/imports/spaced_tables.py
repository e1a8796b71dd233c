"""Tables pasted from a PDF that lost their delimiters: columns lined up with spaces.

Text copied out of a PDF often keeps one table row a line with the columns separated only by
runs of spaces, under a header line such as `Ref   Action   Lead   Status`. A line is such a
header when its pieces (split at two or more spaces) are column names `columns.match_header`
knows. The lines below are split by the header's column positions: each piece of text goes to
the column whose start is nearest to its left, a line with nothing in the first column carries
on the row above (a cell wrapped onto a second line), and the table ends at a blank line
followed by text that does not line up with it. The interpreter says in the preview that the
rows were split this way, so a person checks the columns.
"""

from __future__ import annotations

import re

from vawdasv.imports.cells import starts_lower
from vawdasv.imports.columns import COLUMN_NAMES, header_key, match_header

_GAP = re.compile(r"\S+(?: \S+)*")  # words separated by single spaces: one piece of a row
_TOLERANCE = 2  # a piece may start this many characters left of its column
_FINISHED = re.compile(r"[.;:!?)]$")


def pieces(line: str) -> list[tuple[int, str]]:
    """(start, text) of each run of text separated from the next by two or more spaces."""
    return [(m.start(), m.group(0)) for m in _GAP.finditer(line.expandtabs(8))]


def header_starts(line: str) -> list[int] | None:
    """The start of each column when the line is a plan table header, otherwise None."""
    found = pieces(line)
    if len(found) < 3 or "\t" in line or "|" in line:
        return None
    columns = match_header([text for _start, text in found])
    if columns is None or len(columns) < len(found) - 1:
        return None
    return [start for start, _text in found]


def _column(starts: list[int], position: int) -> int:
    index = 0
    for number, start in enumerate(starts):
        if start <= position + _TOLERANCE:
            index = number
    return index


def split_row(line: str, starts: list[int]) -> list[list[str]]:
    """The line's pieces, in the column each belongs to (a list of fragments per column)."""
    cells: list[list[str]] = [[] for _ in starts]
    for position, text in pieces(line):
        cells[_column(starts, position)].append(text)
    return cells


def lines_up(line: str, starts: list[int]) -> bool:
    """Whether a line after a blank one still belongs to the table."""
    found = pieces(line)
    if not found:
        return False
    if header_starts(line) is not None:
        return False
    columns = {_column(starts, position) for position, _text in found}
    return len(columns) >= 2 or found[0][0] >= starts[1] - _TOLERANCE


def header_with_second_line(
    lines: list[str], start: int, starts: list[int]
) -> tuple[list[str], int]:
    """The header's cells, with a second header line ("Target" over "Date") joined in.

    Returns the cells and the index of the header's last line. A second line is part of the
    header when its pieces are short, sit under the header's columns, and make more of the
    header's columns known names.
    """
    header = [text for _start, text in pieces(lines[start])]
    if start + 1 >= len(lines) or len(header) != len(starts):
        return header, start
    below = pieces(lines[start + 1])
    if not below or any(len(text.split()) > 3 for _position, text in below):
        return header, start
    joined = list(header)
    for position, text in below:
        column = _column(starts, position)
        joined[column] = f"{joined[column]} {text}"
    before, after = match_header(header) or {}, match_header(joined) or {}
    known = sum(1 for i in after if _names_field(joined[i]))
    if len(after) >= len(before) and known > sum(1 for i in before if _names_field(header[i])):
        return joined, start + 1
    return header, start


def _names_field(cell: str) -> bool:
    return any(header_key(cell) in names for names in COLUMN_NAMES.values())


def read_rows(
    lines: list[str], start: int, starts: list[int]
) -> tuple[list[tuple[int, list[str]]], int]:
    """Rows below the header at `start`: (line number, cells), and the index after the table."""
    rows: list[tuple[int, list[list[str]]]] = []
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            following = next((n for n in range(index + 1, len(lines)) if lines[n].strip()), None)
            if following is None or not lines_up(lines[following], starts):
                break
            index = following
            continue
        if header_starts(line) is not None:
            break
        cells = split_row(line, starts)
        first = cells[0]
        previous = rows[-1][1] if rows else None
        carries_on = previous is not None and (
            not first
            or (
                starts_lower(first[0])
                and not any(cells[1:])
                and not _FINISHED.search(" ".join(previous[0]))
            )
        )
        if carries_on and previous is not None:
            for column, fragments in enumerate(cells):
                previous[column].extend(fragments)
        else:
            rows.append((index + 1, cells))
        index += 1
    return [(number, ["\n".join(parts) for parts in cells]) for number, cells in rows], index
