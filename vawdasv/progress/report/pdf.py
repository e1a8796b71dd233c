"""The progress report as a tagged, accessible PDF (PDF/UA-1), typeset by Typst.

WeasyPrint laid out the HTML edition in about 24 s for 500 actions; Typst sets the same rows in
well under a second (docs/adr/0016-typst-for-the-pdf-report.md). The report's content goes to
`report.typ` as JSON data, never as Typst markup, so nothing a partner writes can change the
document. PDF/UA-1 makes Typst tag the structure (headings, tables with their header rows,
lists, the chart's alternative text), record the document's language and title, and show the
title rather than the file name; the headings become the PDF's bookmarks.

Fonts come from settings.REPORT_FONT_DIRS (Debian's fonts-dejavu-core by default) and never from
whatever else the machine has, so the PDF is the same on every machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from vawdasv.lib import typeset
from vawdasv.lib.bilingual import BilingualText
from vawdasv.lib.text import xml_safe
from vawdasv.progress.report.data import ProgressReport, ReportRow
from vawdasv.progress.report.html import chart
from vawdasv.progress.report.sections import ExtraSection

TEMPLATE = Path(__file__).with_name("report.typ")
FONT = typeset.FONT
# A row with more text than this may break across pages: about two thirds of a landscape page
# in the Progress column, so a row kept whole always fits on a page.
KEEP_TOGETHER_CHARACTERS = 2500


def _text(value: BilingualText | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"text": value.text, "lang": value.language, "fallback": value.is_fallback}


def _paragraphs(text: str) -> list[list[str]]:
    """As Django's `linebreaks` reads text: blank lines part paragraphs, newlines break lines."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = [block for block in normalised.split("\n\n") if block.strip()]
    return [[line for line in block.strip("\n").split("\n")] for block in blocks]


def _written(value: BilingualText) -> dict[str, Any]:
    """A written text with its paragraphs, so Typst sets it as paragraphs, never as markup."""
    return {**(_text(value) or {}), "paragraphs": _paragraphs(value.text)}


def _row(row: ReportRow) -> dict[str, Any]:
    narrative = None
    if row.narrative is not None and row.narrative.text:
        narrative = {**(_text(row.narrative) or {}), "paragraphs": _paragraphs(row.narrative.text)}
    length = sum(len(text) for text in (row.section.text, row.we_will.text, *row.changes)) + (
        len(row.narrative.text) if row.narrative else 0
    )
    return {
        "keep": length <= KEEP_TOGETHER_CHARACTERS,
        "section_ref": row.section_ref,
        "section": _text(row.section),
        "action_ref": row.action_ref,
        "we_will": _text(row.we_will),
        "by": row.by,
        "leads": row.leads,
        "rag": row.rag,
        "rag_word": row.rag_word,
        "narrative": narrative,
        "changes": row.changes,
    }


def _chart_svg(report: ProgressReport) -> tuple[str, str]:
    """The same SVG chart as the HTML edition, and its description as the alternative text."""
    drawn = chart(report)
    svg = render_to_string("progress/report/chart.html", {"chart": drawn, "labels": report.labels})
    # The chart carries the partnership's RAG labels; XML cannot hold a pasted control character.
    return xml_safe(svg), drawn.description


def _section(section: ExtraSection) -> dict[str, Any]:
    """A section another app added, as plain strings (report.typ places them as text)."""
    return {"title": section.title, "intro": section.intro, "headers": section.headers,
            "rows": section.rows, "empty": section.empty}  # fmt: skip


def document_data(report: ProgressReport) -> dict[str, Any]:
    """Everything report.typ prints, as plain JSON-ready values."""
    with translation.override(report.language):
        svg, alt = _chart_svg(report)
    return {
        "lang": report.language,
        "font": FONT,
        "document_title": f"{report.strategy_title.text} – {report.title}",
        "title": report.title,
        "strategy": _text(report.strategy_title),
        "partnership": _text(report.partnership_name),
        "filters": report.filters_text,
        "produced": report.produced,
        "as_at": report.as_at_text,
        "untranslated_note": report.untranslated_note,
        "introduction": _written(report.introduction),
        "vision": _text(report.vision),
        "aims": [{"name": _text(name), "aim": _text(aim)} for name, aim in report.aims],
        "labels": report.labels,
        "rag_key": [
            {"value": e.value, "word": e.word, "meaning": e.meaning} for e in report.rag_key
        ],
        "summary_columns": [column.word for column in report.summary_columns],
        "summary": [
            {"name": line.name, "counts": list(line.counts), "total": line.total}
            for line in report.summary
        ],
        "summary_total": {
            "name": report.summary_total.name,
            "counts": list(report.summary_total.counts),
            "total": report.summary_total.total,
        },
        "has_round": report.has_round,
        "chart": {"svg": svg, "alt": alt},
        "themes": [
            {
                "name": _text(theme.name),
                "aim": _text(theme.aim),
                "rows": [_row(row) for row in theme.rows],
                "future": [_row(row) for row in theme.future],
                "narratives": [
                    {"topic": topic, "texts": [_written(text) for text in texts]}
                    for topic, texts in theme.narratives
                ],
                "narrative": _written(theme.narrative),
                "future_narrative": _written(theme.future_narrative),
                "extra": [_section(section) for section in theme.extra_sections],
            }
            for theme in report.themes
        ],
        "changes": [
            {"theme": c.theme, "action": c.action, "description": c.description}
            for c in report.changes
        ],
        "exceptions": [
            {
                "theme": e.theme,
                "action": e.action,
                "by": e.by,
                "rag_word": e.rag_word,
                "reasons": e.reasons,
            }
            for e in report.exceptions
        ],
        "extra_sections": [_section(section) for section in report.extra_sections],
    }


CHART_TEMPLATE = TEMPLATE.parent / "chart.typ"


def render_chart_png(report: ProgressReport) -> tuple[bytes, str]:
    """The summary chart as a PNG and its alternative text, for the Word edition."""
    with translation.override(report.language):
        svg, alt = _chart_svg(report)
    return typeset.png(CHART_TEMPLATE, {"svg": svg, "font": FONT}), alt


def render_pdf(report: ProgressReport) -> bytes:
    return typeset.tagged_pdf(TEMPLATE, document_data(report))
