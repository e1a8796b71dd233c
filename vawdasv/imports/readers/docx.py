"""Word (.docx) plans: headings, paragraphs, bullet lists and tables, in document order.

Word keeps merged cells in a way that python-docx's convenient API hides: it repeats a merged
cell's text in every grid column and row it covers, which would turn one commitment into
several. So table rows are read from the XML: a cell spanning columns gives its text once (the
columns it covers stay, empty, so the other cells keep their places), and a cell continuing a
vertical merge gives an empty string, which the interpreter reads as "same as above".

Rows continuing across a page break and repeated header rows are kept as they are: they are
facts about the layout that the interpreter deals with for every format alike.
"""

from __future__ import annotations

import io
import re

import docx
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tc
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

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

_HEADING_STYLE = re.compile(r"(title|heading\s*[1-3]|pennawd\s*[1-3])", re.IGNORECASE)
_BOLD_HEADING_MAX = 250
_LIST_STYLE = re.compile(r"(list|bullet|rhestr)", re.IGNORECASE)


def tidy(text: str) -> str:
    """Lines of a cell or paragraph, trimmed, with tabs as spaces (tabs separate cells later)."""
    lines = (" ".join(line.replace("\t", " ").split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def paragraph_style(paragraph: Paragraph) -> LineStyle:
    style = paragraph.style
    name = style.name if style is not None and style.name else ""
    properties = paragraph._p.pPr
    if _HEADING_STYLE.fullmatch(name.strip()):
        return "heading"
    if properties is not None:
        outline = properties.find(qn("w:outlineLvl"))
        if outline is not None and outline.get(qn("w:val")) in {"0", "1", "2"}:
            return "heading"
        if properties.numPr is not None:
            return "bullet"
    if _LIST_STYLE.search(name):
        return "bullet"
    if _all_bold(paragraph):
        return "heading"  # a bold line standing alone is how many plans mark a heading
    return "body"


def _emphasis(paragraph: Paragraph) -> tuple[str, ...]:
    """Words in bold or italics inside a paragraph, neighbouring runs joined (Word splits a
    phrase into several runs at every edit)."""
    spans: list[str] = []
    joining = False
    for run in paragraph.runs:
        marked = bool(run.bold or run.italic)
        if marked and run.text.strip():
            if joining:
                spans[-1] += run.text
            else:
                spans.append(run.text)
        joining = marked and (joining or bool(run.text.strip()))
    return tuple(text for span in spans if (text := " ".join(span.split())))


def _all_bold(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    text = paragraph.text.strip()
    return bool(runs) and len(text) <= _BOLD_HEADING_MAX and all(run.bold for run in runs)


def _cell_text(tc: CT_Tc, table: WordTable) -> str:
    # Every paragraph in the cell, nested tables included, so no text is lost.
    return tidy("\n".join(Paragraph(p, table).text for p in tc.iter(qn("w:p"))))


def row_cells(tr: CT_Row, table: WordTable) -> list[str]:
    """One string per grid column: merged cells once, vertical continuations empty."""
    cells: list[str] = [""] * (tr.grid_before or 0)
    for tc in tr.tc_lst:
        text = "" if tc.vMerge == "continue" else _cell_text(tc, table)
        cells.append(text)
        cells.extend([""] * (max(tc.grid_span, 1) - 1))
    return cells


_DRAWING_COLOUR = "{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr"
_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")


def _shape_colour(tc: CT_Tc) -> str | None:
    """The fill of a coloured shape (a RAG circle) drawn in the cell, if there is one."""
    for element in tc.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == _DRAWING_COLOUR and (found := _HEX.fullmatch(element.get("val") or "")):
            return found.group(1).upper()
        vml = tag.startswith("{urn:schemas-microsoft-com:vml}")  # a VML oval or rectangle
        if vml and (found := _HEX.fullmatch(element.get("fillcolor") or "")):
            return found.group(1).upper()
    return None


def row_fills(tr: CT_Row) -> dict[int, str]:
    """The colour ("RRGGBB") of each shaded cell, or of a coloured shape in it, by column."""
    fills: dict[int, str] = {}
    column = tr.grid_before or 0
    for tc in tr.tc_lst:
        properties = tc.tcPr
        shading = properties.find(qn("w:shd")) if properties is not None else None
        colour = shading.get(qn("w:fill")) if shading is not None else None
        if colour and re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
            fills[column] = colour.upper()
        elif shape := _shape_colour(tc):
            fills[column] = shape
        column += max(tc.grid_span, 1)
    return fills


def _table(table: WordTable, number: int, budget: TableBudget) -> Table:
    rows = []
    for row_number, tr in enumerate(table._tbl.tr_lst, start=1):
        cells = row_cells(tr, table)
        budget.take(len(cells))
        location = _("table %(table)s, row %(row)s") % {"table": number, "row": row_number}
        rows.append(TableRow(cells=cells, location=location, fills=row_fills(tr)))
    return Table(rows=rows, location=_("table %(table)s") % {"table": number})


def read_docx(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds of error for a damaged package
        raise UnreadableDocument(
            _(
                "“%(name)s” is a Word document that cannot be opened; it may be damaged. "
                "Open it in Word, save a new copy and import that."
            )
            % {"name": name}
        ) from exc
    budget = TableBudget(limits, name)
    lines = TextBudget(limits, name)
    blocks: list[Block] = []
    paragraphs = tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraphs += 1
            lines.take()
            text = tidy(item.text)
            if text:
                location = _("paragraph %(number)s") % {"number": paragraphs}
                style = paragraph_style(item)
                emphasis = _emphasis(item) if style == "body" else ()
                blocks.append(TextLine(text, location, style, emphasis))
        else:
            tables += 1
            blocks.append(_table(item, tables, budget))
    title = (document.core_properties.title or "").strip() or None
    return SourceDocument(name=name, blocks=blocks, title=title)
