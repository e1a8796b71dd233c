"""The Welsh edition of the progress report says every date and timescale in Welsh, and nothing
is called overdue that was not due by the period's end (issue 11, "The report", item 5 and
"Demo and tests"). The plan fixture is the demo's 2018/19 shape with all its content translated,
so any English month in the Welsh files is the platform's own, not untranslated content."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import docx
import pdfplumber
import pytest

from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather

TODAY = datetime.date(2019, 5, 15)
ENGLISH_MONTHS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
)
WELSH_MONTHS = ("Mawrth 2019", "Ebrill 2020", "Medi 2019", "Hydref 2018")


def _report(plan, language, kind):
    return render(gather(plan.strategy, plan.period, language=language, today=TODAY), kind)


def _docx_text(content: bytes) -> str:
    """Every run of text in the document, headers and footers too, as Word stores it."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        parts = [n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")]
        xml = " ".join(package.read(name).decode() for name in parts)
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def _pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return " ".join((page.extract_text() or "") for page in pdf.pages)


def _text(plan, language, kind):
    content = _report(plan, language, kind)
    return " ".join((_docx_text(content) if kind == "docx" else _pdf_text(content)).split())


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_the_welsh_edition_names_months_in_welsh_and_no_english_month(plan, kind):
    text = _text(plan, "cy", kind)
    for month in WELSH_MONTHS:
        assert month in text
    assert "Parhaus" in text  # the ongoing action's timescale
    assert ENGLISH_MONTHS.findall(text) == []


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_the_english_edition_still_names_months_in_english(plan, kind):
    text = _text(plan, "en", kind)
    assert "April 2020" in text and "September" in text and "Ongoing" in text
    assert "Ebrill" not in text


def _docx_rows(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    return [
        " ".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows
    ]


def _pdf_rows(content: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [
            " ".join(" ".join(cell.split()) for cell in row if cell)
            for page in pdf.pages
            for table in page.extract_tables()
            for row in table
        ]


@pytest.mark.parametrize(("language", "overdue"), [("en", "Overdue"), ("cy", "Hwyr")])
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_no_action_due_after_the_period_is_called_overdue(plan, language, overdue, kind):
    content = _report(plan, language, kind)
    rows = _docx_rows(content) if kind == "docx" else _pdf_rows(content)
    matac = plan.matac.text("text", language).text
    ty_tarian = plan.ty_tarian.text("text", language).text
    # Ty Tarian was due in October 2018 and had no update: overdue at the period's end.
    assert any(ty_tarian in row and overdue in row for row in rows)
    # MATAC is due in September 2019, after the period (to 31 March 2019): never overdue.
    assert any(matac in row for row in rows)
    assert not [row for row in rows if matac in row and overdue in row]
