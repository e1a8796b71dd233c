"""The dashboard's headlines summed by the database match the per-indicator reading."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.outcomes.conftest import number
from vawdasv.outcomes import dashboard, selectors
from vawdasv.outcomes.services import framework, returns
from vawdasv.outcomes.validation import CellValue

CARDIFF, VALE = "W06000015", "W06000014"
QUARTERS = ("2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4", "2025/26 Q1")


def approve(world, outcomes, label, values):
    item = returns.open_return(
        actor=world.admin, partnership=world.partnership, supplier=world.police,
        period_label=label, deadline=datetime.date(2026, 1, 31),
        measures=[outcomes.cases, outcomes.repeats], areas=[outcomes.cardiff, outcomes.vale],
    )  # fmt: skip
    returns.save_values(actor=world.lead, data_return=item, values=values, expected_version=None)
    returns.submit_return(actor=world.lead, data_return=item)
    returns.approve_return(actor=world.admin, data_return=item)
    return item


def history(world, outcomes, quarters=QUARTERS):
    """Six quarters: numbers, a zero, one authority not available, one not applicable, and a
    quarter (2025/26 Q2) whose return is still a draft (which must not count)."""
    for label in quarters:
        index = QUARTERS.index(label)
        repeats = CellValue("not_applicable") if index == 1 else number(2 + index)
        approve(world, outcomes, label, {
            ("marac_cases", CARDIFF, None): number(30 + index),
            ("marac_cases", VALE, None): CellValue("not_available") if index == 2
            else CellValue("zero") if index == 3 else number(10 + index),
            ("repeat_cases", CARDIFF, None): repeats,
            ("repeat_cases", VALE, None): number(1),
        })  # fmt: skip
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return,
        values={("marac_cases", CARDIFF, None): number(99)}, expected_version=None,
    )  # fmt: skip


def as_text(headline):
    return (headline.indicator.code, headline.period, headline.latest, headline.previous_change,
            headline.year_change, headline.rolling, headline.summary,
            [(p.period, p.text, p.x, p.y) for p in headline.trend])  # fmt: skip


@pytest.mark.parametrize("geo", ["cardiff-vale", CARDIFF, VALE])
def test_summed_headlines_say_what_reading_each_indicator_says(world, outcomes, indicators, geo):
    history(world, outcomes)
    codes = [VALE, CARDIFF]
    summed = dashboard.headlines(indicators, "cardiff-vale", codes, geo)
    one_by_one = [dashboard.headline(i, codes, geo) for i in indicators]
    assert [as_text(h) for h in summed] == [as_text(h) for h in one_by_one if h is not None]
    assert {h.latest for h in summed} - {"missing", "not applicable"}  # some real figures too


def test_headlines_of_more_indicators_and_quarters_take_no_more_queries(
    world, outcomes, indicators
):
    history(world, outcomes, QUARTERS[:1])
    codes = [VALE, CARDIFF]
    with CaptureQueriesContext(connection) as few:
        first = list(selectors.headline_indicators(world.partnership)[:2])
        dashboard.headlines(first, "cardiff-vale", codes, "cardiff-vale")
    history(world, outcomes, QUARTERS[1:])
    with CaptureQueriesContext(connection) as many:
        every = list(selectors.headline_indicators(world.partnership))
        assert len(dashboard.headlines(every, "cardiff-vale", codes, "cardiff-vale")) == 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_dashboard_draws_ten_indicators_a_page_in_the_same_queries_for_any_number(
    client, world, outcomes, indicators
):
    from django.urls import reverse

    history(world, outcomes)
    client.force_login(world.admin)
    url = reverse("outcomes:dashboard", args=["cardiff-vale"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).content.decode().count('<section class="govuk-!-margin') == 3
    for n in range(9):
        framework.save_indicator(
            actor=world.admin, partnership=world.partnership,
            data={"code": f"more_{n}", "name_en": f"More {n}", "numerator": outcomes.repeats},
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        first = client.get(url).content.decode()
    assert first.count('<section class="govuk-!-margin') == 10
    assert len(many.captured_queries) == len(few.captured_queries)
    assert 'rel="next"' in first
    second = client.get(url + "?area=W06000015&page=2").content.decode()
    assert second.count('<section class="govuk-!-margin') == 2
    assert "area=W06000015&amp;page=1" in second  # the filters are kept from page to page
