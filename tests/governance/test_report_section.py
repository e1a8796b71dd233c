"""The progress report's governance section, added by the web layer's provider."""

from __future__ import annotations

import io

import docx
import pytest

from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather

pytestmark = pytest.mark.django_db


def test_the_report_lists_the_groups_their_frequency_and_meetings_held_in_the_period(world, gov):
    report = gather(world.strategy, parse_period("2026/27 Q1"), language="en")
    (section,) = [s for s in report.extra_sections if s.key == "governance"]
    assert section.rows == [["Regional VAWDASV Steering Group", "Quarterly", "12 June 2026"]]
    html = render(report, "html").decode()
    assert 'id="governance"' in html and "12 June 2026" in html


def test_the_welsh_report_says_it_in_welsh_and_word_has_it_too(world, gov):
    report = gather(world.strategy, parse_period("2026/27"), language="cy")
    (section,) = [s for s in report.extra_sections if s.key == "governance"]
    assert section.title == "Llywodraethu"
    assert section.rows[0][0] == "Grŵp Llywio Rhanbarthol VAWDASV"
    assert section.rows[0][2] == "12 Mehefin 2026, 11 Medi 2026"
    document = docx.Document(io.BytesIO(render(report, "docx")))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Grŵp Llywio Rhanbarthol VAWDASV" in cells


def test_a_partnership_without_groups_gets_no_governance_section(world):
    report = gather(world.strategy, parse_period("2026/27"), language="en")
    assert [s for s in report.extra_sections if s.key == "governance"] == []


def test_the_pdf_edition_has_the_governance_section_too(world, gov):
    import pdfplumber

    report = gather(world.strategy, parse_period("2026/27 Q1"), language="en")
    with pdfplumber.open(io.BytesIO(render(report, "pdf"))) as pdf:
        text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
    assert "Governance" in text and "Regional VAWDASV Steering Group" in text
