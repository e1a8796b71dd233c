"""The standalone HTML report (the file the command writes, and what WeasyPrint prints)."""

from __future__ import annotations

import datetime

from tests import factories
from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather
from vawdasv.progress.report.html import chart

TODAY = datetime.date(2019, 5, 15)


def _html(plan, language="en") -> str:
    report = gather(plan.strategy, plan.period, language=language, today=TODAY)
    return render(report, "html").decode("utf-8")


def test_the_document_has_a_title_language_and_print_stylesheet(plan):
    page = _html(plan, "cy")
    assert '<html lang="cy">' in page
    assert "<title>Strategaeth VAWDASV Caerdydd a&#x27;r Fro 2018 – 2023 – " in page
    assert "@page" in page


def test_rag_cells_are_coloured_and_labelled(plan):
    page = _html(plan)
    assert (
        'vawdasv-rag-cell vawdasv-rag-cell--red">\n        <strong class="vawdasv-rag-word">Red'
        in page
    )


def test_the_chart_describes_the_same_numbers_as_the_table(plan):
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    drawn = chart(report)
    assert drawn.description == (
        "PREPARE: Red 1, Amber 1, Green 1, Not rated 1; PURSUE: Red 0, Amber 0, Green 0, "
        "Not rated 0"
    )
    [prepare, pursue] = drawn.bars
    assert [s.count for s in prepare.segments] == [1, 1, 1, 1]
    assert pursue.segments == []
    page = _html(plan)
    assert 'role="img"' in page and drawn.description in page


def test_text_missing_in_welsh_is_shown_in_english_marked_and_language_tagged(plan):
    factories.ActionFactory(
        commitment=plan.data_collection.commitment, text_en="Only in English",
        timescale_text="Ongoing", due_date=None,
    )  # fmt: skip
    page = _html(plan, "cy")
    assert '<span lang="en">Only in English</span>' in page
    # One note at the start, not a mark in every cell.
    assert '<span class="vawdasv-untranslated">' not in page
    assert page.count("vawdasv-untranslated-note") == 1
