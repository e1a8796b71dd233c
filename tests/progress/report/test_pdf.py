"""The PDF report: tagged for screen readers, in the reader's language, with the same content."""

from __future__ import annotations

import datetime
import io

import pdfplumber
import pytest

from tests import factories
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
                       "Erbyn", "Cynnydd", "Ebrill 2020"]),
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


def test_partner_text_that_looks_like_typst_markup_is_printed_as_written(plan):
    narrative = "Costs #sys.exit() *half* $x^2$ <a> @ref ] \\ `raw` = heading // not a comment"
    update = plan.consent.progress_updates.get()
    update.narrative_en = narrative
    update.save(update_fields=["narrative_en"])
    with _pdf(plan, "en") as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    assert narrative in " ".join(text.split())


def test_pdf_uses_only_the_projects_fonts(plan):
    with _pdf(plan, "en") as pdf:
        fonts = {char["fontname"].split("+")[-1] for page in pdf.pages for char in page.chars}
    assert fonts
    assert all(font.startswith("DejaVuSans") for font in fonts), fonts


def test_pdf_paragraphs_of_a_narrative_keep_their_lines(plan):
    update = plan.consent.progress_updates.get()
    update.narrative_en = "First line\nsecond line\n\nA new paragraph"
    update.save(update_fields=["narrative_en"])
    with _pdf(plan, "en") as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    assert any(line.endswith("First line") for line in lines)
    assert any(line.startswith("second line") for line in lines)
    assert "A new paragraph" in lines


def _tags(nodes, found):
    for node in nodes:
        found.append(node)
        _tags(node.get("children", []), found)
    return found


def test_pdf_structure_has_headings_tables_with_header_cells_and_a_described_chart(plan):
    with _pdf(plan, "en") as pdf:
        tags = _tags(pdf.structure_tree, [])
        bookmarks = [title for _level, title, *_rest in pdf.doc.get_outlines()]
    kinds = {node["type"] for node in tags}
    assert {"H1", "H2", "H3", "Table", "THead", "TH", "TD", "Caption", "L", "Figure"} <= kinds
    figure = next(node for node in tags if node["type"] == "Figure")
    assert figure["alt_text"].startswith("PREPARE: Red 1, Amber 1, Green 1")
    assert bookmarks[:2] == ["Action plan progress report 2018/19", "Vision"]
    assert "Future activity – PURSUE" in bookmarks


def test_a_narrative_longer_than_a_page_runs_on_to_the_next_and_is_printed_whole(plan):
    update = plan.consent.progress_updates.get()
    update.narrative_en = " ".join(f"sentence{n}" for n in range(2500)) + " THE-END"
    update.save(update_fields=["narrative_en"])
    with _pdf(plan, "en") as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    words = text.split()
    assert "sentence0" in words and "sentence2499" in words and "THE-END" in words


def _lines(page):
    return [line["text"] for line in page.extract_text_lines()]


def test_headings_are_on_the_same_page_as_the_table_after_them(plan):
    # Enough long actions in PREPARE to push "Future activity – PREPARE" near a page's end.
    for number in range(14):
        factories.ActionFactory(
            commitment=plan.data_collection.commitment,
            text_en=f"Action {number}: " + "deliver the agreed training to every team " * 4,
            timescale_text="Ongoing",
            due_date=None,
        )
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    headings = [f"Future activity – {theme.name.text}" for theme in report.themes]
    with pdfplumber.open(io.BytesIO(render(report, "pdf"))) as pdf:
        pages = [_lines(page) for page in pdf.pages]
    assert len(pages) > 4
    for heading in headings:
        found = [(n, lines.index(heading)) for n, lines in enumerate(pages) if heading in lines]
        assert found, heading
        number, position = found[0]
        after = pages[number][position + 1 :]
        # The table's caption and header row, or the "no further actions" line, follow on the
        # same page: a heading is never left alone at the foot of a page.
        assert any(line.startswith("Section") or "No further actions" in line for line in after)
    for lines in pages:
        body = [line for line in lines if not line.strip().isdigit()]  # the page number
        assert body and not body[-1].startswith("Future activity – ")
