"""A report's text as pages of paragraphs, and paragraphs as sentences.

PDFs are read with PDFium (pypdfium2, ADR 0038), Word files with python-docx. Either runs
third-party parsers over bytes from outside, so `read_bounded` runs them in a child process
with a memory and CPU ceiling and a wall-clock timeout (`python -m
vawdasv.reviews.extract_child`); a hostile file takes that process down, not the server.
`read_document` does the same work in this process (the child calls it).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from vawdasv.lib.text import normalise_text

MAX_PAGES = 1_000
MAX_PARAGRAPHS = 50_000
MAX_PARAGRAPH_CHARS = 20_000
CHILD_TIMEOUT_SECONDS = 120
CHILD_MEMORY_BYTES = 1024 * 1024 * 1024


class UnreadableReport(ValueError):
    """The file could not be read as a report (the message says why, for people)."""


@dataclass(frozen=True)
class Paragraph:
    page: int | None
    text: str


# A full stop after these is not the end of a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st no nos para paras e.g i.e etc cf fig vs approx dept govt""".split()  # noqa: SIM905
)
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr"})
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, keeping "Dr. Jones" and "e.g. this" whole."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[start : match.start()].strip()
        words = [w.lower().rstrip(".") for w in candidate.split()[-2:]]
        last_word = words[-1] if words else ""
        # "Mr J. Smith" goes on; "contact with Adult A. The panel" (pseudonyms) ends.
        initial = len(last_word) == 1 and len(words) == 2 and words[0] in _TITLES
        if last_word in _ABBREVIATIONS or initial:
            continue
        if candidate:
            out.append(candidate)
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        out.append(rest)
    return out


def _clean(text: str) -> str:
    return " ".join(normalise_text(text).split())[:MAX_PARAGRAPH_CHARS]


@dataclass(frozen=True)
class _Line:
    """A line of a page, measured down from the top of the page."""

    top: float
    bottom: float
    text: str


def _page_paragraphs(number: int, lines: list[_Line]) -> list[Paragraph]:
    """A page's lines joined into paragraphs: a gap wider than most of a line's height starts
    a new one (reports set paragraphs apart by space, not by indentation)."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    previous_bottom: float | None = None
    for line in lines:
        height = line.bottom - line.top
        gap = line.top - previous_bottom if previous_bottom is not None else 0
        if current and gap > 0.8 * max(height, 1.0):
            paragraphs.append(Paragraph(number, _clean(" ".join(current))))
            current = []
        current.append(line.text)
        previous_bottom = line.bottom
    if current:
        paragraphs.append(Paragraph(number, _clean(" ".join(current))))
    return paragraphs


def _pdfium_lines(textpage: Any, page_height: float) -> list[_Line]:
    """The lines of a page from PDFium's text rectangles (runs of text on one line, in reading
    order); rectangles that share most of their height are one line."""
    lines: list[_Line] = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        # PDF coordinates grow upwards; lines are measured down from the top of the page.
        down_top, down_bottom = page_height - top, page_height - bottom
        if lines and down_top < lines[-1].bottom - 0.5 * (down_bottom - down_top):
            last = lines[-1]
            lines[-1] = _Line(
                min(last.top, down_top), max(last.bottom, down_bottom), f"{last.text} {text}"
            )
        else:
            lines.append(_Line(down_top, down_bottom, text))
    return lines


def _pdf_paragraphs(data: bytes) -> list[Paragraph]:
    """A PDF's paragraphs, read with PDFium (pypdfium2): about fifteen times faster than
    pdfplumber's pure-Python layout analysis on a long report (see ADR 0038 and `make bench`),
    and only the text and where its lines sit are needed here."""
    import pypdfium2 as pdfium  # imported here: the parent process never parses a PDF itself

    paragraphs: list[Paragraph] = []
    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) > MAX_PAGES:
            raise UnreadableReport(
                _("The report has more than %(n)s pages.") % {"n": f"{MAX_PAGES:,}"}
            )
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                lines = _pdfium_lines(textpage, page.get_height())
            finally:
                textpage.close()
                page.close()
            paragraphs.extend(_page_paragraphs(index + 1, lines))
    finally:
        pdf.close()
    return paragraphs


_PAGE_BREAK_TAGS = ("lastRenderedPageBreak", 'w:type="page"')


def _docx_paragraphs(data: bytes) -> list[Paragraph]:
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs: list[Paragraph] = []
    page = 1
    for paragraph in document.paragraphs:
        xml = paragraph._p.xml
        # Word records where it last broke pages; close enough to cite a page.
        page += sum(xml.count(tag) for tag in _PAGE_BREAK_TAGS)
        text = _clean(paragraph.text)
        if text:
            paragraphs.append(Paragraph(page, text))
    return paragraphs


def read_document(data: bytes, extension: str) -> list[Paragraph]:
    """The paragraphs of a .pdf or .docx (UnreadableReport when it cannot be read)."""
    try:
        if extension == ".pdf":
            paragraphs = _pdf_paragraphs(data)
        elif extension == ".docx":
            paragraphs = _docx_paragraphs(data)
        else:
            raise UnreadableReport(_("Only PDF and Word (.docx) reports can be read."))
    except UnreadableReport:
        raise
    except Exception as error:  # any parser failure is the file's fault, told plainly
        raise UnreadableReport(_("The file could not be read as a report.")) from error
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise UnreadableReport(_("The report has too many paragraphs to read."))
    return [p for p in paragraphs if p.text]


def read_bounded(data: bytes, extension: str) -> list[Paragraph]:
    """`read_document` in a child process with memory, CPU and time limits."""
    try:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "vawdasv.reviews.extract_child",
                extension,
                translation.get_language() or "en",
            ],
            input=data,
            capture_output=True,
            timeout=CHILD_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise UnreadableReport(_("Reading the report took too long.")) from error
    if completed.returncode != 0:
        raise UnreadableReport(_("The file could not be read as a report."))
    answer = json.loads(completed.stdout)
    if "error" in answer:
        raise UnreadableReport(str(answer["error"]))
    return [Paragraph(page, text) for page, text in answer["paragraphs"]]
