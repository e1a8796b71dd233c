"""The Word report: real headings, tables with repeating header rows, RAG words and shading."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.utils import translation
from django.utils.translation import gettext
from docx.oxml.ns import qn

from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather

TODAY = datetime.date(2019, 5, 15)


def _open(plan, language):
    report = gather(plan.strategy, plan.period, language=language, today=TODAY)
    return docx.Document(io.BytesIO(render(report, "docx")))


def _language(document) -> str:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    return defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val"))


def _headers(language):
    with translation.override(language):
        return [gettext("Section"), gettext("We will"), gettext("By"), gettext("Progress")]


@pytest.mark.parametrize(
    ("language", "by", "red", "amended"),
    [
        ("en", "By", "Red", "Timescale amended from March 2019 to April 2020"),
        ("cy", "Erbyn", "Coch", "Mawrth 2019"),
    ],
)
def test_each_theme_has_a_table_with_a_repeating_header_row(plan, language, by, red, amended):
    document = _open(plan, language)
    headers = _headers(language)
    assert headers[2] == by  # the Welsh catalogue is in use
    theme_tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == headers]
    assert len(theme_tables) == 2  # PREPARE's actions, PURSUE's future activity
    for table in theme_tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    text = "\n".join(cell.text for t in document.tables for row in t.rows for cell in row.cells)
    assert red in text
    assert amended in text


def test_english_report_has_real_headings_and_the_actions_text(plan):
    document = _open(plan, "en")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "PREPARE" in headings and "PURSUE" in headings
    assert "Future activity – PURSUE" in headings
    assert document.core_properties.language == "en-GB"
    assert _language(document) == "en-GB"
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "1.2 Sexual Violence" in cells
    assert "Provide a male IDSVA resource" in cells
    assert "Trial and evaluate the MATAC intervention" in cells


def test_rag_cells_are_shaded_and_say_the_status_in_words(plan):
    document = _open(plan, "en")
    shaded = {}
    for table in document.tables:
        for row in table.rows[1:]:
            cell = row.cells[-1]
            shading = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
            if shading is not None:
                shaded[cell.paragraphs[0].text] = shading.get(qn("w:fill"))
    assert shaded["Green"] == "CCE2D8"
    assert shaded["Amber"] == "FFE3B3"
    assert shaded["Red"] == "F4CDC6"


def test_welsh_report_is_marked_welsh_and_reads_welsh(plan):
    document = _open(plan, "cy")
    assert _language(document) == "cy-GB"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "PARATOI" in headings
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Darparu adnodd IDSVA gwrywaidd" in cells
    assert any(c.startswith("Gwyrdd") for c in cells)


def test_future_activity_without_an_update_leaves_progress_empty(plan):
    document = _open(plan, "en")
    rows = [
        row
        for table in document.tables
        for row in table.rows
        if row.cells[1].text == "Trial and evaluate the MATAC intervention"
    ]
    assert [row.cells[3].text for row in rows] == [""]
    assert [row.cells[2].text for row in rows] == ["September 2019"]


def _theme_tables(document, language):
    headers = _headers(language)
    return [t for t in document.tables if [c.text for c in t.rows[0].cells] == headers]


def test_theme_tables_have_fixed_widths_with_narrow_by_and_progress_columns(plan):
    document = _open(plan, "en")
    for table in _theme_tables(document, "en"):
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        section, we_will, by, progress = (column.width for column in table.columns)
        assert by < section < we_will
        assert progress < we_will
        for row in table.rows:
            assert [cell.width for cell in row.cells] == [section, we_will, by, progress]


def test_no_table_row_may_break_across_pages(plan):
    document = _open(plan, "en")
    rows = [row for table in document.tables for row in table.rows]
    assert rows
    for row in rows:
        cant_split = row._tr.trPr.find(qn("w:cantSplit"))
        assert cant_split is not None and cant_split.get(qn("w:val")) == "true"


def test_headings_and_captions_keep_with_the_table_that_follows(plan):
    document = _open(plan, "en")
    for name in ("Heading 1", "Heading 2", "Caption"):
        assert document.styles[name].paragraph_format.keep_with_next is True


def test_body_and_headings_use_the_pdfs_sans_serif_font(plan):
    document = _open(plan, "en")
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == "DejaVu Sans"
        assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would win over the name


def test_the_document_has_a_table_of_contents_field(plan):
    document = _open(plan, "en")
    instructions = [e.text for e in document.element.body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC ") for text in instructions)


def test_the_summary_chart_is_an_image_with_alternative_text(plan):
    document = _open(plan, "cy")
    pictures = document.inline_shapes
    assert len(pictures) == 1
    description = pictures[0]._inline.docPr.get("descr")
    assert description and "PARATOI" in description


def test_narratives_follow_the_table_under_their_section_in_bold_not_in_the_cells(plan):
    document = _open(plan, "en")
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "A quarterly dashboard is shared with partners." not in cells
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    narrative = texts.index("A quarterly dashboard is shared with partners.")
    topic = paragraphs[narrative - 1]
    assert topic.text == "1.1 Needs Assessment" and topic.runs[0].bold
    assert narrative < texts.index("Future activity – PREPARE")
