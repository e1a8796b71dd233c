"""PDF plans with a text layer: the lines of each page and the tables on it, in reading order.

Tables are found from the ruling lines Word draws around cells when it exports a PDF. Text
inside a table's box is read only as part of the table, not again as loose lines. Each page's
part of a table is its own table here; a header repeated on the next page, or a row split by
the page break, is joined by the interpreter as it is for every format.

A scanned PDF is a picture of text with no text in it: that is said plainly, because an empty
plan would look like the importer's fault.
"""

from __future__ import annotations

import io
import re
import statistics
from typing import Any

import pdfplumber
from django.utils.translation import gettext as _
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from vawdasv.imports.document import (
    Block,
    LineStyle,
    SourceDocument,
    Table,
    TableRow,
    TextLine,
    UnreadableDocument,
)
from vawdasv.imports.readers.limits import ReadLimits, TableBudget, TextBudget
from vawdasv.lib import filecheck

# A line in type this much larger than the page's body text is a heading.
_HEADING_SIZE_RATIO = 1.2
_HEADING_MAX_CHARS = 100
_SAME_LINE = 3  # points: words this close in height are on one line
_FOOTER = re.compile(r"(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?", re.IGNORECASE)


def _tidy(text: str | None) -> str:
    lines = (" ".join(line.replace("\t", " ").split()) for line in (text or "").splitlines())
    return "\n".join(line for line in lines if line)


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _line_style(line: dict[str, Any], body_size: float) -> LineStyle:
    chars = line.get("chars") or []
    if not chars or len(line["text"]) > _HEADING_MAX_CHARS:
        return "body"
    size = statistics.fmean(char["size"] for char in chars)
    bold = all("bold" in str(char.get("fontname", "")).lower() for char in chars)
    if size >= body_size * _HEADING_SIZE_RATIO or bold:
        return "heading"
    return "body"


def column_starts(found: Any) -> list[float]:
    """The left edge of each column of a table pdfplumber found."""
    return sorted({round(cell[0], 1) for cell in found.cells})


def _carried_rows(
    page: Page, number: int, starts: list[float], span: tuple[float, float], above: float
) -> tuple[Table | None, set[float]]:
    """Text at the top of a page that carries on the table of the page before.

    A cell merged across a page break has no ruling line at the break, so pdfplumber finds no
    table there and its text would be read as loose lines, out of its columns. Words above the
    page's first table (within the last table's width) are put in the column whose left edge
    is nearest to their left, one row a line; the interpreter joins them to the row the break
    split. Returns the rows and the tops of the lines used.
    """
    words = [
        w
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        if w["bottom"] <= above and span[0] - 2 <= w["x0"] and w["x1"] <= span[1] + 2
    ]
    lines: dict[float, list[dict[str, Any]]] = {}
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        top = next((t for t in lines if abs(t - word["top"]) <= _SAME_LINE), word["top"])
        lines.setdefault(top, []).append(word)
    rows = []
    used: set[float] = set()
    for top, line in sorted(lines.items()):
        if any(w["x0"] < edge - 1 < w["x1"] for w in line for edge in starts[1:]):
            break  # a word across a column edge: a paragraph, not the rest of the table
        used.add(top)
        cells = [""] * len(starts)
        for word in line:
            column = max((i for i, x in enumerate(starts) if x <= word["x0"] + 1), default=0)
            cells[column] = f"{cells[column]} {word['text']}".strip()
        location = _("page %(page)s, carried over") % {"page": number}
        rows.append(TableRow(cells=cells, location=location))
    if not rows:
        return None, set()
    location = _("page %(page)s, carried over") % {"page": number}
    return Table(rows=rows, location=location), used


def _page_blocks(
    page: Page,
    number: int,
    budget: TableBudget,
    line_budget: TextBudget,
    carry: tuple[list[float], tuple[float, float]] | None = None,
) -> tuple[list[Block], tuple[list[float], tuple[float, float]] | None]:
    """The page's blocks in reading order, and the columns of a table that reaches its foot."""
    placed: list[tuple[float, Block]] = []
    boxes = []
    found_tables = page.find_tables()
    for index, found in enumerate(found_tables, start=1):
        rows = []
        for row_number, values in enumerate(found.extract(), start=1):
            cells = [_tidy(value) for value in values]
            if not any(cells):
                continue
            budget.take(len(cells))
            location = _("page %(page)s, table %(table)s, row %(row)s") % {
                "page": number,
                "table": index,
                "row": row_number,
            }
            rows.append(TableRow(cells=cells, location=location))
        boxes.append(found.bbox)
        if rows:
            location = _("page %(page)s, table %(table)s") % {"page": number, "table": index}
            placed.append((found.bbox[1], Table(rows=rows, location=location)))
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
    carried_tops: set[float] = set()
    if carry is not None:
        first_top = min((box[1] for box in boxes), default=page.height)
        carried, carried_tops = _carried_rows(outside, number, *carry, above=first_top)
        if carried is not None:
            placed.append((-1.0, carried))
    lines = [
        line
        for line in outside.extract_text_lines()
        if not any(abs(line["top"] - top) <= _SAME_LINE for top in carried_tops)
    ]
    sizes = [char["size"] for line in lines for char in line.get("chars") or []]
    body_size = statistics.median(sizes) if sizes else 0.0
    for line in lines:
        text = _tidy(line["text"])
        if text:
            line_budget.take()
            location = _("page %(page)s") % {"page": number}
            style = _line_style(line, body_size)
            placed.append((line["top"], TextLine(text=text, location=location, style=style)))
    placed.sort(key=lambda item: item[0])
    # A table ending near the foot of the page may carry on at the top of the next.
    last = max(found_tables, key=lambda t: t.bbox[3], default=None)
    if last is None or any(
        line["top"] > last.bbox[3]
        for line in lines
        if _tidy(line["text"]) and not _FOOTER.fullmatch(_tidy(line["text"]))
    ):
        return [block for _top, block in placed], None
    return [block for _top, block in placed], (column_starts(last), (last.bbox[0], last.bbox[2]))


def _open(data: bytes, name: str) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds of error for a damaged file
        # pdfplumber wraps pdfminer's errors; a wrong (here: no) password is one of them.
        reason = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if not isinstance(reason, PDFPasswordIncorrect):
            raise _damaged(name) from exc
        raise UnreadableDocument(
            _(
                "“%(name)s” is a password-protected PDF, so it cannot be read. Save a copy "
                "without the password and import that."
            )
            % {"name": name}
        ) from exc


def _damaged(name: str) -> UnreadableDocument:
    return UnreadableDocument(
        _(
            "“%(name)s” is a PDF that cannot be read; it may be damaged. If you have the Word "
            "version of the plan, import that instead."
        )
        % {"name": name}
    )


def _check_streams(data: bytes, name: str, limits: ReadLimits) -> None:
    """Refuse a PDF whose compressed streams inflate past the limits, before pdfminer does."""
    try:
        filecheck.check_pdf_streams(
            data,
            name,
            max_stream_bytes=limits.max_pdf_stream_bytes,
            max_total_bytes=limits.max_pdf_total_stream_bytes,
        )
    except filecheck.RefusedFile as refused:
        raise UnreadableDocument(refused.message) from refused


def read_pdf(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    _check_streams(data, name, limits)
    budget = TableBudget(limits, name)
    line_budget = TextBudget(limits, name)
    blocks: list[Block] = []
    title: str | None = None
    with _open(data, name) as pdf:
        recorded = (pdf.metadata or {}).get("Title")
        title = recorded.strip() if isinstance(recorded, str) and recorded.strip() else None
        try:
            pages = pdf.pages
        except Exception as exc:  # the page tree is read only now, and may be damaged
            raise _damaged(name) from exc
        if not pages:
            raise _damaged(name)
        if len(pages) > limits.max_pages:
            raise UnreadableDocument(
                _(
                    "“%(name)s” has %(pages)s pages, more than the limit of %(limit)s for an "
                    "import; check it is the right file."
                )
                % {"name": name, "pages": len(pages), "limit": limits.max_pages}
            )
        has_text = False
        carry = None
        for number, page in enumerate(pages, start=1):
            if not page.chars:
                continue
            has_text = True
            page_blocks, carry = _page_blocks(page, number, budget, line_budget, carry)
            blocks.extend(page_blocks)
            page.close()
    if not has_text:
        raise UnreadableDocument(
            _(
                "This PDF has no text layer (it may be a scan), so nothing in “%(name)s” can "
                "be read. Import the Word version of the plan, or a PDF saved from Word."
            )
            % {"name": name}
        )
    return SourceDocument(name=name, blocks=blocks, title=title)
