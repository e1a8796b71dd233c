"""The PDF report: tagged for screen readers, in the reader's language, with the same content."""

from __future__ import annotations

import datetime
import io

import pdfplumber
import pytest

from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather

TODAY = datetime.date(2019, 5, 15)


def _pdf(plan, language):
    report = gather(plan.strategy, plan.period, language=language, today=TODAY)
    return pdfplumber.open(io.BytesIO(render(report, "pdf")))


@pytest.mark.parametrize(
    ("language", "lang", "words"),
    [
        ("en", b"en", ["PREPARE", "Provide a male IDSVA resource", "Green", "Amber", "Red",
                       "Timescale amended from March 2019 to April 2020", "Future activity"]),
        ("cy", b"cy", ["PARATOI", "Darparu adnodd IDSVA gwrywaidd", "Gwyrdd", "Coch",
                       "Erbyn", "Cynnydd", "April 2020"]),
    ],
)  # fmt: skip
def test_pdf_is_tagged_in_the_readers_language_and_says_the_rag_in_words(
    plan, language, lang, words
):
    with _pdf(plan, language) as pdf:
        catalog = pdf.doc.catalog
        assert "StructTreeRoot" in catalog
        assert catalog["Lang"] == lang
        assert "Outlines" in catalog  # bookmarks from the headings
        assert pdf.metadata["Title"].startswith(plan.strategy.text("title", language).text[:20])
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    flat = " ".join(text.split())
    for word in words:
        assert word in flat


def test_pdf_tables_keep_the_four_report_columns(plan):
    with _pdf(plan, "en") as pdf:
        tables = [table for page in pdf.pages for table in page.extract_tables()]
    headers = [tuple(t[0]) for t in tables if t]
    assert ("Section", "We will", "By", "Progress") in headers
