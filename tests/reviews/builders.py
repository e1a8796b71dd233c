"""Small fictional review documents for the tests (PDF via fpdf2, Word via python-docx)."""

from __future__ import annotations

import io

import docx
from fpdf import FPDF


def review_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages hold the given paragraphs."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for paragraphs in pages:
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(8)
    return bytes(pdf.output())


def review_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CLEAN = [
    [
        "This fictional review considers the contact agencies had with Adult A. "
        "The panel found that the risk assessment was not repeated after the second incident.",
        "Information was not shared between the GP and South Wales Police.",
    ],
    [
        "Agencies should make sure staff are trained to recognise coercive control. "
        "The panel recommends routine enquiry in maternity services.",
    ],
]
WITH_BIRTH_DATE = [
    [*CLEAN[0], "Adult A (date of birth 12/03/1984) moved to the area in 2019."],
    CLEAN[1],
]
