"""The national frameworks' objective titles are published in English. On Welsh pages and in
the Welsh national report they show in English, tagged as English for screen readers and
marked "not yet translated", never with an invented Welsh wording; a Welsh title an
administrator has added is used instead."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn

from tests import factories
from tests.national.conftest import approved, objective, quarter_round
from vawdasv.national.report import data, docx, pdf

pytestmark = pytest.mark.django_db

MARK_CY = "Heb ei gyfieithu i&#x27;r Gymraeg eto"
MARK_CY_TEXT = "Heb ei gyfieithu i'r Gymraeg eto"


@pytest.fixture
def observer():
    return factories.UserFactory(username="wg", national_observer=True)


@pytest.fixture
def aligned(world):
    item = objective("1")
    assert item.title_cy == ""  # as the reference data is loaded
    world.police_action.alignments.set([item])
    q2 = quarter_round(world.strategy, "2025/26 Q2", datetime.date(2025, 9, 30))
    approved(q2, world.police_action, "green", narrative="Forty officers trained.")
    return item


def _in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _all_wales(client, language: str) -> str:
    return client.get(_in(language, "national:all-wales"), {"year": "2025"}).content.decode()


def test_the_welsh_all_wales_page_shows_the_english_title_tagged_and_marked(
    client, observer, aligned
):
    client.force_login(observer)
    page = _all_wales(client, "cy")
    tagged = re.search(r'<span lang="en">([^<]*)</span> <strong class="vawdasv-untranslated">'
                       r"([^<]*)</strong>", page)  # fmt: skip
    assert tagged is not None
    titles = re.findall(r'<span lang="en">([^<]*)</span>', page)
    assert aligned.title_en.replace("'", "&#x27;") in titles
    assert MARK_CY in page


def test_the_english_all_wales_page_has_no_marker(client, observer, aligned):
    client.force_login(observer)
    page = _all_wales(client, "en")
    assert aligned.title_en.replace("'", "&#x27;") in page
    assert "Not yet translated" not in page
    assert 'lang="en">' + aligned.title_en[:20] not in page


def test_a_welsh_title_once_added_is_shown_without_a_marker(client, observer, aligned):
    aligned.title_cy = "Teitl Cymraeg a ychwanegwyd gan weinyddwr"
    aligned.save()
    client.force_login(observer)
    page = _all_wales(client, "cy")
    assert "Teitl Cymraeg a ychwanegwyd gan weinyddwr" in page
    row = page[page.index("Teitl Cymraeg") - 200 : page.index("Teitl Cymraeg") + 200]
    assert "vawdasv-untranslated" not in row


def test_the_welsh_drill_down_and_alignment_pages_mark_the_english_title(
    client, world, observer, aligned
):
    client.force_login(observer)
    drill = client.get(
        _in("cy", "national:drill-down", aligned.pk, "cardiff-vale"), {"year": "2025"}
    ).content.decode()
    assert MARK_CY in drill and '<span lang="en">' in drill
    client.force_login(world.admin)
    align = client.get(_in("cy", "national:align", world.strategy.slug))
    page = align.content.decode()
    label = re.search(r'<label class="govuk-label govuk-checkboxes__label" for="[^"]*">(.*?)'
                      r"</label>", page, re.S)  # fmt: skip
    assert label is not None
    assert '<span lang="en">' in label.group(1) and MARK_CY in label.group(1)


def _objective(report, item):
    return next(o for o in report.objectives if o.item == item)


def test_the_welsh_report_data_says_the_title_is_in_english_and_marks_it(world, aligned):
    welsh = _objective(data.gather(2025, "cy"), aligned)
    assert (welsh.title, welsh.title_language) == (aligned.title_en, "en")
    assert welsh.title_marker == MARK_CY_TEXT
    english = _objective(data.gather(2025, "en"), aligned)
    assert (english.title_language, english.title_marker) == ("en", "")
    aligned.title_cy = "Teitl Cymraeg"
    aligned.save()
    filled = _objective(data.gather(2025, "cy"), aligned)
    assert (filled.title, filled.title_language, filled.title_marker) == ("Teitl Cymraeg", "cy", "")


def test_the_welsh_word_document_tags_the_english_title_and_marks_it(world, aligned):
    document = Document(io.BytesIO(docx.render_docx(data.gather(2025, "cy"))))
    heading = next(p for p in document.paragraphs if p.text.startswith(f"{aligned.code}. "))
    assert heading.text == f"{aligned.code}. {aligned.title_en} ({MARK_CY_TEXT})"
    title = next(run for run in heading.runs if run.text == aligned.title_en)
    lang = title._r.rPr.find(qn("w:lang"))
    assert lang is not None and lang.get(qn("w:val")) == "en-GB"
    english = Document(io.BytesIO(docx.render_docx(data.gather(2025, "en"))))
    heading = next(p for p in english.paragraphs if p.text.startswith(f"{aligned.code}. "))
    assert heading.text == f"{aligned.code}. {aligned.title_en}"


def test_the_welsh_pdf_tags_the_english_title_and_marks_it(world, aligned):
    report = data.gather(2025, "cy")
    heading = next(
        o for o in pdf.document_data(report)["objectives"]
        if o["heading"] == f"{aligned.code}. {aligned.title_en}"
    )  # fmt: skip
    assert (heading["heading_lang"], heading["marker"]) == ("en", MARK_CY_TEXT)
    assert pdf.render_pdf(report).startswith(b"%PDF")
