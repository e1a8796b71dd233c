"""The national annual progress report as a Word document: real headings and tables with a
repeating header row; numbers always written out (no colour carries meaning)."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from vawdasv.lib.text import xml_safe
from vawdasv.national.report.data import NationalReportData, ObjectiveReport

WORD_LANGUAGES = {"en": "en-GB", "cy": "cy-GB"}


def _language(document: object, language: str) -> None:
    styles = document.styles  # type: ignore[attr-defined]
    for style in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        properties = styles[style].element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), WORD_LANGUAGES[language])
        properties.append(lang)


def _header_row(table: object) -> None:
    row = table.rows[0]._tr  # type: ignore[attr-defined]
    properties = row.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _objective_heading(document: object, objective: ObjectiveReport) -> None:
    """The code and title; a title in the other language is tagged as such for screen readers
    and followed by the "not yet translated" marker."""
    heading = document.add_heading(level=1)  # type: ignore[attr-defined]
    heading.add_run(xml_safe(f"{objective.item.code}. "))
    title = heading.add_run(xml_safe(objective.title))
    if objective.title_marker:
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), WORD_LANGUAGES[objective.title_language])
        title._r.get_or_add_rPr().append(lang)
        heading.add_run(xml_safe(f" ({objective.title_marker})"))


def render_docx(report: NationalReportData) -> bytes:
    with translation.override(report.language):
        document = Document()
        _language(document, report.language)
        document.core_properties.title = report.title
        document.core_properties.language = WORD_LANGUAGES[report.language]
        document.add_heading(xml_safe(report.title), level=0)
        document.add_paragraph(xml_safe(report.framework))
        document.add_paragraph(
            _(
                "Only approved updates of published regional strategies count, judged at the "
                "end of the year. “No report” means the region approved no update in the year."
            )
        )
        headings = [_("Region"), _("Actions"), _("Red"), _("Amber"), _("Green"), _("Completed"),
                    _("Overdue")]  # fmt: skip
        for objective in report.objectives:
            _objective_heading(document, objective)
            table = document.add_table(rows=1, cols=len(headings))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, headings, strict=True):
                cell.text = text
            _header_row(table)
            for name, cell in [*objective.regions, (_("All regions"), objective.total)]:
                values = [xml_safe(name)]
                if cell.reported:
                    values += [str(n) for n in (cell.actions, cell.red, cell.amber, cell.green,
                                                cell.completed, cell.overdue)]  # fmt: skip
                else:
                    values += [_("No report")] + [""] * 5
                for target, text in zip(table.add_row().cells, values, strict=True):
                    target.text = text
            document.add_heading(_("Highlights"), level=2)
            if objective.highlights:
                for highlight in objective.highlights:
                    paragraph = document.add_paragraph(style="List Bullet")
                    paragraph.add_run(xml_safe(f"{highlight.partnership}: {highlight.action}. "))
                    paragraph.add_run(xml_safe(highlight.narrative))
            else:
                document.add_paragraph(_("No highlights were marked for this objective."))
            document.add_heading(_("National indicators and headline data"), level=2)
            if objective.indicators:
                columns = [_("Region"), _("Indicator"), _("Period"), _("Published figure")]
                figures = document.add_table(rows=1, cols=len(columns))
                figures.style = "Table Grid"
                for cell, text in zip(figures.rows[0].cells, columns, strict=True):
                    cell.text = text
                _header_row(figures)
                for line in objective.indicators:
                    values = [line.partnership, line.indicator, line.period, line.figure]
                    for target, text in zip(figures.add_row().cells, values, strict=True):
                        target.text = xml_safe(text)
            else:
                document.add_paragraph(_("No published headline data is linked to this objective."))
            document.add_heading(_("Planned next"), level=2)
            document.add_paragraph(
                _("%(count)s aligned actions fall due next year.")
                % {"count": objective.due_next_year}
            )
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
