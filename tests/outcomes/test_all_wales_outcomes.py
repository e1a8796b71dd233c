"""The all-Wales outcomes dashboard: indicators by region and for Wales, own figures live and
other regions' as published."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.outcomes.test_publication import by_sex
from tests.outcomes.test_summed_headlines import QUARTERS, history
from vawdasv.outcomes import all_wales
from vawdasv.outcomes.enums import ReturnState, ValueState
from vawdasv.outcomes.figures import IndicatorFigures
from vawdasv.outcomes.models import DataReturn, Indicator, Measure, ReturnValue
from vawdasv.outcomes.services import publication, returns
from vawdasv.partnerships.models import Partnership
from vawdasv.reference.models import LocalAuthority

URL = "/outcomes/all-wales/"


@pytest.fixture
def indicator(cases_indicator):
    return cases_indicator


@pytest.fixture(autouse=True)
def gwent_covers_newport(world):
    """The test world's second partnership as a region: it covers an authority (a partnership
    that covers none is not a column; see the test of the national framework below)."""
    gwent = Partnership.objects.get(slug="gwent")
    gwent.local_authorities.set([LocalAuthority.objects.get(gss_code="W06000022")])
    return gwent


def cells_of(user, period="2025/26 Q2"):
    partnerships = list(Partnership.objects.order_by("name_en"))
    found = all_wales.lines(user, partnerships, period)
    return {
        line.code: (dict(zip([p.slug for p in partnerships], line.shown_cells(partnerships),
                             strict=True)), all_wales.shown(line.wales(partnerships)))
        for line in found
    }  # fmt: skip


def test_observers_see_approved_figures_and_wales_is_never_a_partial_sum(
    world, outcomes, indicator
):
    observer = factories.UserFactory(national_observer=True)
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    regions, wales = cells_of(observer)["marac_cases"]
    assert regions["cardiff-vale"] == "72"
    assert wales == "missing"  # the other regions have no figure: no partial sum for Wales


def test_another_regions_member_sees_only_what_was_published(world, outcomes, indicator):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    assert "marac_cases" not in cells_of(world.outsider)  # approved, not published
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    regions, _wales = cells_of(world.outsider)["marac_cases"]
    assert regions["cardiff-vale"] == "72"
    assert cells_of(world.admin)["marac_cases"][0]["cardiff-vale"] == "72"  # own, live


def test_the_page_filters_by_quarter_and_region_and_is_refused_outside_partnerships(
    client, world, outcomes, indicator
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(factories.UserFactory(national_observer=True))
    page = client.get(URL, {"period": "2025/26 Q2"}).content.decode()
    assert "MARAC cases" in page and ">72<" in page and "Wales" in page
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Wales' in page
    one = client.get(URL, {"region": "cardiff-vale"}).content.decode()
    assert ">72<" in one and 'header--numeric">Wales' not in one  # one region: no Wales sum
    welsh = client.get("/cy" + URL)
    assert welsh.status_code == 200
    client.force_login(world.admin)  # sees only Cardiff and Vale: no Wales figure for her
    assert 'header--numeric">Wales' not in client.get(URL).content.decode()
    client.force_login(factories.UserFactory())
    assert client.get(URL).status_code == 403


def test_the_page_takes_as_many_queries_with_more_values(client, world, outcomes, indicator):
    from tests.outcomes.test_outliers_in_returns import cells

    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    observer = factories.UserFactory(national_observer=True)
    client.force_login(observer)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for label in ("2024/25 Q2", "2024/25 Q3", "2024/25 Q4"):
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
    with CaptureQueriesContext(connection) as many:
        assert reverse("outcomes:all-wales") == URL
        client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_wales_is_withheld_when_a_regions_published_total_is_and_a_sum_when_all_are_numbers():
    from decimal import Decimal
    from types import SimpleNamespace

    from vawdasv.outcomes.opensdg import Status
    from vawdasv.outcomes.rates import Figure

    regions = [SimpleNamespace(pk=1), SimpleNamespace(pk=2), SimpleNamespace(pk=3)]
    line = all_wales.Line("marac_cases", "MARAC cases", cells={
        1: Figure(Status.VALUE, Decimal(40)), 2: Figure(Status.SUPPRESSED),
        3: Figure(Status.VALUE, Decimal(7)),
    })  # fmt: skip
    # Wales minus the published regions would give the withheld one away: Wales is withheld.
    assert line.wales(regions).status is Status.SUPPRESSED
    line.cells[2] = Figure(Status.VALUE, Decimal(3))
    assert line.wales(regions) == Figure(Status.VALUE, Decimal(50))
    line.counts_only = False  # a rate is not a sum of the regions' rates
    assert line.wales(regions).status is Status.MISSING


@pytest.mark.parametrize("period", QUARTERS)
def test_live_figures_are_what_reading_each_indicator_gives_in_every_quarter(
    world, outcomes, indicators, period
):
    # Numbers, a zero, an authority not available, one not applicable, a rate over the
    # population, and a later draft return that must not count.
    history(world, outcomes)
    observer = factories.UserFactory(national_observer=True)
    partnerships = list(Partnership.objects.order_by("name_en"))
    codes = ["W06000014", "W06000015"]
    found = {
        line.code: line.cells[world.partnership.pk]
        for line in all_wales.lines(observer, partnerships, period)
    }
    expected = {
        i.code: IndicatorFigures(i, codes).value("cardiff-vale", period) for i in indicators
    }
    assert found == expected
    assert any(figure.is_value for figure in found.values())


def test_the_page_takes_as_many_queries_with_more_regions_indicators_and_values(
    client, world, outcomes, indicator
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(factories.UserFactory(national_observer=True))
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    gwent = Partnership.objects.get(slug="gwent")
    newport = LocalAuthority.objects.get(gss_code="W06000022")
    gwent.local_authorities.set([newport])
    gwent_return = DataReturn.objects.create(
        partnership=gwent, supplier=world.police, period_label="2025/26 Q2",
        period_start=datetime.date(2025, 7, 1), period_end=datetime.date(2025, 9, 30),
        deadline=datetime.date(2025, 10, 31), state=ReturnState.APPROVED,
    )  # fmt: skip
    for partnership, item, area, code in (
        (gwent, gwent_return, newport, "marac_cases"),
        (gwent, gwent_return, newport, "more_gwent"),
        (world.partnership, outcomes.data_return, outcomes.cardiff, "more_cardiff_vale"),
    ):
        measure = Measure.objects.create(partnership=partnership, code=code, name_en=code)
        Indicator.objects.create(
            partnership=partnership, code=code, name_en=code, numerator=measure
        )
        item.measures.add(measure)
        ReturnValue.objects.create(
            data_return=item, measure=measure, area=area, state=ValueState.NUMBER, number=11
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    row = page[page.index("MARAC cases") :].split("</tr>")[0]
    assert ">72<" in row and ">11<" in row  # Cardiff and Vale's and Gwent's, live


def test_the_page_shows_twenty_indicators_a_page_in_the_same_queries_keeping_the_filters(
    client, world, outcomes, indicator
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(factories.UserFactory(national_observer=True))
    query = {"period": "2025/26 Q2"}
    client.get(URL, query)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, query)
    for n in range(20):
        measure = Measure.objects.create(
            partnership=world.partnership, code=f"more_{n:02d}", name_en=f"More {n}"
        )
        Indicator.objects.create(
            partnership=world.partnership, code=f"more_{n:02d}", name_en=f"More {n}",
            numerator=measure,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        first = client.get(URL, query).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    body = first[first.index('<tbody class="govuk-table__body">') :]
    assert body.count('<tr class="govuk-table__row">') == 20 and ">72<" in body
    assert "more_18" in body and "more_19" not in body and 'rel="next"' in first
    second = client.get(URL, {**query, "page": 2}).content.decode()
    assert "more_19" in second and "marac_cases" not in second
    assert "period=2025%2F26+Q2&amp;page=1" in second  # the quarter is kept between pages


def test_the_theme_filter_keeps_the_indicators_linked_to_a_matching_theme(
    client, world, outcomes, indicator
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    indicator.themes.add(world.theme)
    other = Measure.objects.create(partnership=world.partnership, code="other", name_en="Other")
    Indicator.objects.create(
        partnership=world.partnership, code="other", name_en="Other", numerator=other
    )
    client.force_login(factories.UserFactory(national_observer=True))
    page = client.get(URL, {"theme": "prep"}).content.decode()
    assert "marac_cases" in page and ">72<" in page and "other</span>" not in page
    nothing = client.get("/cy" + URL, {"theme": "<b>zzz</b>"}).content.decode()
    assert "Nid oes dangosydd" in nothing and "&lt;b&gt;zzz&lt;/b&gt;" in nothing
    assert "<b>zzz" not in nothing


def test_a_partnership_covering_no_area_is_no_column_and_does_not_hold_up_the_wales_sum(
    client, world, outcomes, indicator, gwent_covers_newport
):
    """The demo's national framework is a partnership with no region and no authorities: it
    has no figures to add to Wales. Were it a column, Wales would stay "missing" for ever."""
    gwent_covers_newport.local_authorities.clear()  # now covers nothing, like the framework
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(factories.UserFactory(national_observer=True))
    page = client.get(URL, {"period": "2025/26 Q2"}).content.decode()
    assert "Gwent VAWDASV Partnership" not in page
    row = page[page.index("marac_cases</span>") :].split("</tr>")[0]
    assert row.count(">72<") == 2  # Cardiff and Vale, and Wales: the sum of every region
