"""A strategy given back as the documents partnerships work with: Word and Excel.

The Word document uses the layout of the Cardiff and Vale Implementation Plan (a table
`Commitment | Milestones and actions | Evidence of achievement | Timescale | Lead` under each
theme's heading, the commitment cell merged down over its actions), and the workbook one row per
action. Both are written so that importing them gives the same plan back (see
`tests/plans_export/test_round_trip.py`), and so that they stay editable and accessible: real
heading styles, real tables with a header row that repeats on every page, the document language
set, no layout done with spaces.

Column headers follow the reader's language; content comes from the `_en` or `_cy` fields,
falling back to the other language where a text has not been translated yet.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from django.utils import translation
from django.utils.translation import gettext as _
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell, _Row
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from vawdasv.lib import tabular
from vawdasv.lib.bilingual import LANGUAGE_CODES, read
from vawdasv.lib.months import months_in_language
from vawdasv.lib.text import xml_safe
from vawdasv.partnerships.leads import split_leads
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.plans.selectors import plan_tree
from vawdasv.plans.timescales import label_of

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = tabular.XLSX_CONTENT_TYPE
# Word's language tags for the two languages of the platform.
WORD_LANGUAGE = {"en": "en-GB", "cy": "cy-GB"}
LEAD_SEPARATOR = " / "
_DOCX_WIDTHS_CM = (5.0, 7.0, 6.0, 3.0, 4.0)
_XLSX_WIDTHS = (18, 45, 8, 60, 45, 16, 30)


def _check_language(language: str) -> None:
    if language not in LANGUAGE_CODES:
        raise ValueError(f"Unknown language {language!r}")


def lead_label(organisation: Organisation, language: str) -> str:
    """How a lead organisation is written in a Lead cell.

    Lead cells separate bodies with "/", "," and "and", so a name that would be split when
    the document is imported again ("Fire and Rescue Service, Mid Wales") is written by its
    short name when it has one.
    """
    name = read(organisation, "name", language).text
    if split_leads(name) == [name] or not organisation.short_name:
        return name
    return organisation.short_name


def leads_cell(action: Action, language: str) -> str:
    return LEAD_SEPARATOR.join(
        lead_label(organisation, language) for organisation in action.lead_organisations.all()
    )


def commitment_label(commitment: Commitment, language: str) -> str:
    """The commitment as plans write it: its reference number, then the text."""
    text = read(commitment, "text", language).text
    return f"{commitment.ref} {text}" if commitment.ref else text


@dataclass(frozen=True)
class ActionRow:
    theme: Theme
    commitment: Commitment
    action: Action | None  # None for a commitment with no actions yet


def _rows(theme: Theme) -> Iterator[ActionRow]:
    for commitment in theme.commitments.all():
        actions = list(commitment.actions.all())
        if not actions:
            yield ActionRow(theme, commitment, None)
        for action in actions:
            yield ActionRow(theme, commitment, action)


def _action_cells(row: ActionRow, language: str) -> list[str]:
    action = row.action
    if action is None:
        return ["", "", "", ""]
    return [
        read(action, "text", language).text,
        read(action, "evidence", language).text,
        # The English export carries the plan's own text so it reads back unchanged (exports
        # round-trip through the importer); the Welsh one says it in Welsh.
        action.timescale_text if language == "en" else label_of(action, language),
        leads_cell(action, language),
    ]


# Word ---------------------------------------------------------------------------------------


def _set_language(document: WordDocument, language: str) -> None:
    """Tell Word (and screen readers) which language the text is in, for every style."""
    tag = WORD_LANGUAGE[language]
    document.core_properties.language = tag
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)


def _repeat_as_header(row: _Row) -> None:
    """Mark a row as the table's header: Word repeats it on each page, readers announce it."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def _write_cell(cell: _Cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(xml_safe(text))
    run.bold = bold


def _aims_table(document: WordDocument, themes: list[Theme], language: str) -> None:
    """Themes and their aims side by side above the plan, as the Cardiff and Vale plan has."""
    aims = [read(theme, "aim", language).text for theme in themes]
    if not themes or not all(aims) or len(themes) > 8:
        return
    table = document.add_table(rows=2, cols=len(themes))
    table.style = "Table Grid"
    for index, (theme, aim) in enumerate(zip(themes, aims, strict=True)):
        _write_cell(table.cell(0, index), read(theme, "name", language).text, bold=True)
        _write_cell(table.cell(1, index), aim)
    _repeat_as_header(table.rows[0])


def _theme_table(document: WordDocument, theme: Theme, language: str) -> None:
    headers = [
        _("Commitment"),
        _("Milestones and actions"),
        _("Evidence of achievement"),
        _("Timescale"),
        _("Lead"),
    ]
    rows = list(_rows(theme))
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, header in enumerate(headers):
        _write_cell(table.cell(0, index), header, bold=True)
    _repeat_as_header(table.rows[0])
    first_row_of: dict[int, int] = {}
    for number, row in enumerate(rows, start=1):
        cells = _action_cells(row, language)
        # A document to read: the timescale's months in its language ("Maw 2026"). The
        # spreadsheet keeps the plan's text, as it may be imported again.
        cells[2] = months_in_language(cells[2])
        if row.commitment.pk not in first_row_of:
            first_row_of[row.commitment.pk] = number
            _write_cell(table.cell(number, 0), commitment_label(row.commitment, language))
        for index, text in enumerate(cells, start=1):
            if text:
                _write_cell(table.cell(number, index), text)
    # One commitment cell, merged down over all of its actions, as in the original plans.
    last_row_of: dict[int, int] = {}
    for number, row in enumerate(rows, start=1):
        last_row_of[row.commitment.pk] = number
    for pk, first in first_row_of.items():
        if last_row_of[pk] > first:
            table.cell(first, 0).merge(table.cell(last_row_of[pk], 0))
    for column, width in enumerate(_DOCX_WIDTHS_CM):
        for cell in table.columns[column].cells:
            cell.width = Cm(width)


def export_docx(strategy: Strategy, language: str) -> bytes:
    """The plan as a Word document in the reader's language."""
    _check_language(language)
    themes = plan_tree(strategy)
    with translation.override(language):
        document = docx.Document()
        _set_language(document, language)
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(1.5))
        document.styles["Normal"].font.size = Pt(10)
        title = read(strategy, "title", language).text
        document.core_properties.title = xml_safe(title)
        document.add_heading(xml_safe(title), level=0)
        vision = read(strategy, "vision", language).text
        if vision:
            document.add_heading(_("Vision"), level=1)
            document.add_paragraph(xml_safe(vision))
        _aims_table(document, themes, language)
        for theme in themes:
            document.add_heading(xml_safe(read(theme, "name", language).text), level=1)
            _theme_table(document, theme, language)
        output = io.BytesIO()
        document.save(output)
    return output.getvalue()


# Excel --------------------------------------------------------------------------------------


def _sheet_title() -> str:
    """ "Actions" in the reader's language: the sheet holds every theme, so it is named after
    none of them. The importer knows this name (as it knows "Sheet1") and opens no theme for it.
    """
    return _("Actions")


def export_xlsx(strategy: Strategy, language: str) -> bytes:
    """The plan as one worksheet, one row per action, in the reader's language.

    A theme, commitment and reference are written on the first row they apply to and left
    blank below ("same as above"), as plans kept in Excel do; that is also how the importer
    tells a second action of a commitment from a new commitment.
    """
    _check_language(language)
    themes = plan_tree(strategy)
    with translation.override(language):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _sheet_title()
        tabular.append_row(
            sheet,
            [
                _("Theme"),
                _("Commitment"),
                _("Ref"),
                _("Action"),
                _("Evidence of achievement"),
                _("Timescale"),
                _("Lead"),
            ],
        )
        for theme in themes:
            seen_theme = False
            seen: set[int] = set()
            for row in _rows(theme):
                first = row.commitment.pk not in seen
                seen.add(row.commitment.pk)
                tabular.append_row(
                    sheet,
                    [
                        "" if seen_theme else read(theme, "name", language).text,
                        read(row.commitment, "text", language).text if first else "",
                        row.commitment.ref if first else "",
                        *_action_cells(row, language),
                    ],
                )
                seen_theme = True
        bold = Font(bold=True)
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        wrap = Alignment(wrap_text=True, vertical="top")
        for column, width in enumerate(_XLSX_WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                cell.alignment = wrap
        sheet.print_title_rows = "1:1"
        workbook.properties.title = xml_safe(read(strategy, "title", language).text)
        workbook.properties.language = WORD_LANGUAGE[language]
        output = io.BytesIO()
        workbook.save(output)
    return output.getvalue()


def export_filename(strategy: Strategy, language: str, extension: str) -> str:
    return f"{strategy.slug}-{language}.{extension}"
