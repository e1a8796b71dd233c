"""The progress report as a Word document the regional team can still edit.

Real heading styles (so Word's navigation pane and the table of contents field work), real
tables with a header row that repeats on every page and rows that never break across pages,
fixed column widths (By and Progress narrow, as in the board's own report), headings and captions
kept with the table after them, RAG cells shaded AND carrying the word, the PDF's sans-serif font
throughout, and the document language set so spell checkers and screen readers use Welsh or
English. The chart of the HTML page becomes its table here.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from vawdasv.lib.bilingual import BilingualText
from vawdasv.lib.text import xml_safe as _x
from vawdasv.progress.report.data import ProgressReport, ReportRow
from vawdasv.progress.report.sections import ExtraSection

# Light fills keep black text readable (contrast above 4.5:1); the word says the status anyway.
RAG_FILLS = {"red": "F4CDC6", "amber": "FFE3B3", "green": "CCE2D8"}
HEADER_FILL = "E8E8E8"
WORD_LANGUAGES = {"en": "en-GB", "cy": "cy-GB"}
# The PDF's font (pdf.FONT), so both files look alike; Word substitutes a sans if it is missing.
FONT = "DejaVu Sans"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(29.7), Cm(21.0), Cm(1.8)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
# Shares of the text width: Section | We will | By | Progress.
THEME_COLUMNS = (0.25, 0.45, 0.11, 0.19)
HEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption")


def _set_font(style_element: object) -> None:
    """Name FONT for every script, dropping the theme fonts that would override the name."""
    properties = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _set_fonts(document: WordDocument) -> None:
    for name in ("Normal", *HEADING_STYLES):
        _set_font(document.styles[name].element)
    for name in HEADING_STYLES:
        # Headings and captions stay on the page of what follows them (usually a table).
        document.styles[name].paragraph_format.keep_with_next = True


def _table_of_contents(document: WordDocument, heading: str, hint: str) -> None:
    """A real TOC field over headings 1-2; Word and LibreOffice fill it in when updated."""
    document.add_heading(_x(heading), level=1)
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    parts: list[tuple[str, str | None]] = [
        ("begin", None),
        ("instr", 'TOC \\o "1-2" \\h \\z \\u'),
        ("separate", None),
        ("text", hint),
        ("end", None),
    ]
    for kind, value in parts:
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = value
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = _x(value or "")
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _set_language(document: WordDocument, language: str) -> None:
    """Mark every run's default language, and the document's, in the styles' defaults."""
    code = WORD_LANGUAGES.get(language, "en-GB")
    document.core_properties.language = code
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), code)
    lang.set(qn("w:eastAsia"), code)
    lang.set(qn("w:bidi"), code)
    properties.append(lang)


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_as_header(row: _Row) -> None:
    """Mark the row as the table's header: Word repeats it on each page, readers announce it."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_row_whole(row: _Row) -> None:
    """A row never breaks across pages (Word still breaks one taller than a page)."""
    properties = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.insert(0, cant_split)


def _widths(shares: tuple[float, ...] | None, count: int) -> list[Length]:
    shares = shares or tuple(1 / count for _ in range(count))
    return [Length(int(TEXT_WIDTH * share)) for share in shares]


def _fix_layout(table: Table) -> None:
    """A fixed layout, so Word keeps the widths given instead of sizing columns by content."""
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)


def _table(
    document: WordDocument,
    caption: str,
    headers: list[str],
    shares: tuple[float, ...] | None = None,
) -> Table:
    document.add_paragraph(_x(caption), style="Caption")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    _fix_layout(table)
    for column, width in zip(table.columns, _widths(shares, len(headers)), strict=True):
        column.width = width
    header_row = table.rows[0]
    _repeat_as_header(header_row)
    _keep_row_whole(header_row)
    for cell, column, text in zip(header_row.cells, table.columns, headers, strict=True):
        cell.width = column.width
        cell.text = ""
        cell.paragraphs[0].add_run(_x(text)).bold = True
        _shade(cell, HEADER_FILL)
    return table


def _add_row(table: Table, values: list[str]) -> list[_Cell]:
    row = table.add_row()
    _keep_row_whole(row)
    cells = row.cells
    for cell, column, text in zip(cells, table.columns, values, strict=True):
        cell.width = column.width  # Word reads each cell's own width, not only the grid's
        cell.text = _x(text)
    return cells


def _text(value: BilingualText | None, not_translated: str) -> str:
    if value is None or not value.text:
        return ""
    # Untranslated texts are counted once in the note at the start, not marked one by one.
    return value.text


def _progress_cell(cell: _Cell, row: ReportRow, report: ProgressReport, *, future: bool) -> None:
    labels = report.labels
    cell.text = ""
    if row.rag or not future:  # future activity is not expected to have an update yet
        cell.paragraphs[0].add_run(_x(row.rag_word or labels["no_update"])).bold = True
    if row.rag:
        _shade(cell, RAG_FILLS[row.rag])
    for change in row.changes:
        _paragraph(cell, change).runs[0].italic = True


def _paragraph(cell: _Cell, text: str) -> Paragraph:
    """Write into the cell's empty first paragraph, or add one: no blank line at the top."""
    first = cell.paragraphs[0]
    if not first.runs:
        first.add_run(_x(text))
        return first
    return cell.add_paragraph(_x(text))


def _theme_table(
    document: WordDocument,
    report: ProgressReport,
    caption: str,
    rows: list[ReportRow],
    *,
    future: bool = False,
) -> None:
    labels = report.labels
    table = _table(
        document,
        caption,
        [labels["section"], labels["we_will"], labels["by"], labels["progress"]],
        THEME_COLUMNS,
    )
    not_translated = labels["not_translated"]
    for row in rows:
        cells = _add_row(
            table,
            [
                " ".join(p for p in (row.section_ref, _text(row.section, not_translated)) if p),
                " ".join(p for p in (row.action_ref, _text(row.we_will, not_translated)) if p),
                row.by,
                "",
            ],
        )
        _progress_cell(cells[3], row, report, future=future)


def _title_page(document: WordDocument, report: ProgressReport) -> None:
    labels = report.labels
    document.add_paragraph(_x(report.partnership_name.text))
    document.add_heading(_x(report.strategy_title.text), level=0)
    document.add_heading(_x(report.title), level=1)
    for line in report.filters_text:
        document.add_paragraph(_x(line))
    document.add_paragraph(_x(report.produced))
    document.add_paragraph(_x(report.as_at_text))
    if report.untranslated_note:
        document.add_paragraph(_x(report.untranslated_note)).runs[0].bold = True
    if report.vision.text:
        document.add_heading(labels["vision"], level=2)
        document.add_paragraph(_x(_text(report.vision, labels["not_translated"])))
    if report.aims:
        document.add_heading(labels["aims"], level=2)
        for name, aim in report.aims:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(_x(name.text)).bold = True
            if aim.text:
                paragraph.add_run(_x(" – " + _text(aim, labels["not_translated"])))


def _key_and_summary(document: WordDocument, report: ProgressReport) -> None:
    labels = report.labels
    document.add_heading(labels["key"], level=1)
    document.add_paragraph(labels["key_intro"])
    key = _table(document, labels["key"], [labels["rag"], labels["meaning"]], (0.2, 0.8))
    for entry in report.rag_key:
        cells = _add_row(key, ["", entry.meaning])
        cells[0].paragraphs[0].add_run(_x(entry.word)).bold = True
        _shade(cells[0], RAG_FILLS[entry.value])
    document.add_heading(labels["summary"], level=1)
    if not report.has_round:
        document.add_paragraph(labels["no_round"])
    _chart(document, report)
    headers = [labels["theme"], *(c.word for c in report.summary_columns), labels["total"]]
    summary = _table(document, labels["summary_caption"], headers)
    for line in [*report.summary, report.summary_total]:
        _add_row(summary, [line.name, *(str(n) for n in line.counts), str(line.total)])


def _chart(document: WordDocument, report: ProgressReport) -> None:
    """The same chart as the PDF, as an image with its description as alternative text (the
    table after it gives the same figures)."""
    from vawdasv.progress.report.pdf import render_chart_png  # loads Typst only when needed

    png, alt = render_chart_png(report)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    picture = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(22))
    properties = picture._inline.docPr
    properties.set("descr", _x(alt))
    properties.set("title", _x(report.labels["chart_title"]))


def _changes_and_exceptions(document: WordDocument, report: ProgressReport) -> None:
    labels = report.labels
    document.add_heading(labels["changes"], level=1)
    if report.changes:
        table = _table(
            document,
            labels["changes"],
            [labels["theme"], labels["action"], labels["change"]],
            (0.18, 0.42, 0.40),
        )
        for change in report.changes:
            _add_row(table, [change.theme, change.action, change.description])
    else:
        document.add_paragraph(labels["no_changes"])
    document.add_heading(labels["exceptions"], level=1)
    document.add_paragraph(labels["exceptions_intro"])
    if report.exceptions:
        table = _table(
            document,
            labels["exceptions"],
            [labels["theme"], labels["action"], labels["by"], labels["rag"], labels["reasons"]],
            (0.16, 0.42, 0.12, 0.12, 0.18),
        )
        for line in report.exceptions:
            _add_row(
                table,
                [
                    line.theme,
                    line.action,
                    line.by,
                    line.rag_word or labels["no_update"],
                    "; ".join(line.reasons),
                ],
            )
    else:
        document.add_paragraph(labels["no_exceptions"])
    for section in report.extra_sections:
        _extra_section(document, section, level=1)


def _extra_section(document: WordDocument, section: ExtraSection, level: int) -> None:
    """A section another app added (progress/report/sections.py): plain text in a table."""
    document.add_heading(_x(section.title), level=level)
    if section.intro:
        document.add_paragraph(_x(section.intro))
    if not section.rows:
        document.add_paragraph(_x(section.empty))
        return
    table = _table(document, _x(section.title), [_x(h) for h in section.headers])
    for row in section.rows:
        _add_row(table, [_x(cell) for cell in row])


def _written(document: WordDocument, value: BilingualText) -> None:
    """The regional team's text as full-width paragraphs (a blank line starts a new one)."""
    for block in value.text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            document.add_paragraph(_x(block.strip()))


def build_document(report: ProgressReport) -> WordDocument:
    document = Document()
    _set_language(document, report.language)
    document.core_properties.title = _x(f"{report.strategy_title.text} – {report.title}")
    document.core_properties.subject = _x(report.title)
    section = document.sections[0]
    # Landscape A4, as the board's report is: four columns of prose need the width.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    document.styles["Normal"].font.size = Pt(10)
    _set_fonts(document)

    labels = report.labels
    _title_page(document, report)
    _table_of_contents(document, labels["contents"], labels["toc_hint"])
    if report.introduction.text:
        document.add_heading(_x(labels["introduction"]), level=1)
        _written(document, report.introduction)
    _key_and_summary(document, report)
    for theme in report.themes:
        document.add_heading(_x(theme.name.text), level=1)
        if theme.aim.text:
            aim = document.add_paragraph(_x(_text(theme.aim, labels["not_translated"])))
            aim.paragraph_format.keep_with_next = True
        if theme.rows:
            _theme_table(document, report, theme.name.text, theme.rows)
        else:
            document.add_paragraph(labels["no_rows"])
        for topic, texts in theme.narratives:
            heading = document.add_paragraph()
            heading.add_run(_x(topic)).bold = True
            heading.paragraph_format.keep_with_next = True
            for text in texts:
                _written(document, text)
        _written(document, theme.narrative)
        document.add_heading(_x(f"{labels['future']} – {theme.name.text}"), level=2)
        if theme.future:
            caption = f"{labels['future']} – {theme.name.text}"
            _theme_table(document, report, caption, theme.future, future=True)
        else:
            document.add_paragraph(labels["no_future"])
        _written(document, theme.future_narrative)
        for extra in theme.extra_sections:
            _extra_section(document, extra, level=2)
    _changes_and_exceptions(document, report)
    return document


def render_docx(report: ProgressReport) -> bytes:
    buffer = io.BytesIO()
    build_document(report).save(buffer)
    return buffer.getvalue()
