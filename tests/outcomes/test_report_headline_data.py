"""The progress report's "Headline data" inside each theme, plugged in by the web layer: the
indicators linked to the theme's commitments, as at the report's period end."""

from __future__ import annotations

import datetime
import io

import docx
import pdfplumber
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.outcomes.test_outliers_in_returns import cells
from tests.outcomes.test_publication import by_sex
from vawdasv.outcomes.services import framework, returns
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather


@pytest.fixture
def linked(world, outcomes):
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
        commitments=[world.commitment],
    )  # fmt: skip
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    return indicator


def _theme(report, world):
    (theme,) = [t for t in report.themes if t.theme_id == world.theme.pk]
    return theme


def test_the_theme_shows_its_commitments_indicators_with_the_latest_approved_figure(world, linked):
    report = gather(world.strategy, parse_period("2025/26"), language="en")
    (section,) = _theme(report, world).extra_sections
    assert section.title == "Headline data"
    assert section.rows == [["MARAC cases", "72", "2025/26 Q2", "missing", "–", "–"]]
    html = render(report, "html").decode()
    assert f'id="headline-data-{world.theme.pk}"' in html and "MARAC cases" in html


def test_a_report_as_at_an_earlier_quarter_says_missing_rather_than_showing_later_figures(
    world, linked
):
    report = gather(world.strategy, parse_period("2025/26 Q1"), language="en")
    (section,) = _theme(report, world).extra_sections
    assert section.rows == [["MARAC cases", "missing", "–", "–", "–", "–"]]


def test_the_welsh_report_has_it_in_word_and_pdf(world, linked):
    report = gather(world.strategy, parse_period("2025/26"), language="cy")
    (section,) = _theme(report, world).extra_sections
    assert section.title == "Data pennawd" and section.rows[0][0] == "Achosion MARAC"
    document = docx.Document(io.BytesIO(render(report, "docx")))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Achosion MARAC" in cells and "72" in cells
    with pdfplumber.open(io.BytesIO(render(report, "pdf"))) as pdf:
        text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
    assert "Data pennawd" in text and "Achosion MARAC" in text and "2025/26 Q2" in text


def test_a_theme_without_linked_indicators_gets_no_section(world, outcomes):
    report = gather(world.strategy, parse_period("2025/26"), language="en")
    assert all(not t.extra_sections for t in report.themes)


def test_the_section_reads_in_as_many_queries_with_more_values(world, outcomes, linked):
    period = parse_period("2025/26")
    with CaptureQueriesContext(connection) as few:
        gather(world.strategy, period, language="en")
    for label in ("2024/25 Q3", "2024/25 Q4", "2025/26 Q1"):
        earlier = returns.open_return(
            actor=world.admin, partnership=world.partnership, supplier=world.police,
            period_label=label, deadline=datetime.date(2025, 12, 1),
            measures=[outcomes.cases, outcomes.repeats], areas=[outcomes.cardiff, outcomes.vale],
        )  # fmt: skip
        returns.save_values(
            actor=world.lead, data_return=earlier, values=cells(10), expected_version=None
        )
        returns.submit_return(actor=world.lead, data_return=earlier)
        returns.approve_return(actor=world.admin, data_return=earlier)
    with CaptureQueriesContext(connection) as more:
        gather(world.strategy, period, language="en")
    assert len(more.captured_queries) == len(few.captured_queries)
