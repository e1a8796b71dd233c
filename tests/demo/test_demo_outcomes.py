"""The demo's outcomes: returns in every state, a published table with suppressed cells, an
outlier waiting for an explanation and a missing denominator, all through the services."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from vawdasv.outcomes.models import DataReturn, PublishedFigure


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # load-demo refuses a real deployment (issue 8, finding 11)
    call_command("load_demo", stdout=StringIO())


def test_the_demo_has_returns_in_every_state_and_an_overdue_one(demo):
    states = set(DataReturn.objects.values_list("state", flat=True))
    assert states == {"approved", "submitted", "returned", "draft", "not_started"}


def test_the_published_demo_table_has_primary_and_secondary_suppression(demo):
    kinds = set(PublishedFigure.objects.values_list("suppression", flat=True))
    assert {"primary", "secondary"} <= kinds


def test_the_demo_pages_show_the_outlier_the_missing_denominator_and_the_key(demo):
    client = Client()
    public = client.get("/outcomes/cardiff-vale/published/").content.decode()
    assert "[c]" in public
    client.login(username="alys", password="demo-password-2026")
    dashboard = client.get("/outcomes/cardiff-vale/dashboard/").content.decode()
    assert "denominator missing" in dashboard
    assert "Returns not yet approved" in dashboard
    overdue = DataReturn.objects.get(state="draft")
    page = client.get(overdue.get_absolute_url()).content.decode()
    assert 'name="c-marac_cases-W06000015-0"' in page  # the outlier's comment box
    assert client.get("/cy/outcomes/cardiff-vale/published/").status_code == 200


def test_the_demo_compares_with_real_marac_figures_each_with_source_and_period(demo):
    from vawdasv.outcomes.models import Benchmark

    found = {b.label_en: (b.value, b.source) for b in Benchmark.objects.all()}
    national_value, national_source = found["England and Wales (all MARACs)"]
    assert national_value == 47 and "12 months to 2024-09-30" in national_source
    dyfed_value, dyfed_source = found["Dyfed-Powys, July 2016 to June 2017"]
    assert dyfed_value == 63 and "Mid and West Wales" in dyfed_source
    client = Client()
    client.login(username="alys", password="demo-password-2026")
    dashboard = client.get("/outcomes/cardiff-vale/dashboard/").content.decode()
    assert "SafeLives national MARAC data, 12 months to 2024-09-30" in dashboard


def test_the_demo_has_the_real_dyfed_powys_figures_as_published_region_values(demo, tmp_path):
    from vawdasv.outcomes.models import Benchmark, ReturnValue

    region = "mid-and-west-wales"
    values = {
        (v.measure.code, v.data_return.period_label, v.category.code if v.category else ""): (
            v.number
        )
        for v in ReturnValue.objects.filter(geo_code=region).select_related(
            "measure", "data_return", "category"
        )
    }
    assert values == {
        ("dvpns", "2015/16", ""): 48, ("dvpns", "2016/17", ""): 25,
        ("da_incidents", "2016/17", ""): 4635, ("sarc_clients", "2016/17", ""): 601,
        ("community_support", "2016/17", ""): 1495,
        ("community_support", "2016/17", "female"): 1395,
        ("community_support", "2016/17", "male"): 100,
    }  # fmt: skip
    assert not ReturnValue.objects.filter(data_return__partnership__slug=region, area__isnull=False)
    assert set(
        DataReturn.objects.filter(partnership__slug=region).values_list("state", flat=True)
    ) == {"approved"}
    published = PublishedFigure.objects.filter(
        publication__indicator__partnership__slug=region, category__isnull=True
    ).values_list("publication__indicator__code", "publication__period_label", "geo_code", "value")
    assert ("da_incidents", "2016/17", region, 4635) in set(published)
    sources = " ".join(Benchmark.objects.filter(
        indicator__partnership__slug=region).values_list("source", flat=True))  # fmt: skip
    assert "1,373 cases discussed at MARAC, July 2016 to June 2017" in sources
    assert "19% repeat rate" in sources
    call_command("export_indicators", partnership=region, published=True, output=tmp_path)
    text = (tmp_path / "dvpns.csv").read_text(encoding="utf-8-sig")
    assert "2015/16,mid-and-west-wales,count,48,value" in text
    page = Client().get(f"/outcomes/{region}/published/").content.decode()
    assert "4,635" in page or "4635" in page


def test_the_demo_plans_marac_commitment_has_headline_data_in_the_progress_report(demo):
    import datetime

    from vawdasv.plans.models import Commitment
    from vawdasv.progress.periods import financial_year_label, parse_period
    from vawdasv.progress.report.data import gather

    (commitment,) = Commitment.objects.filter(
        indicators__partnership__slug="cardiff-vale"
    ).distinct()
    assert "review of Multi-Agency Risk Assessment Conferences" in commitment.text_en
    period = parse_period(financial_year_label(datetime.date.today()))
    report = gather(commitment.theme.strategy, period, language="en")
    (theme,) = [t for t in report.themes if t.theme_id == commitment.theme_id]
    (section,) = [s for s in theme.extra_sections if s.title == "Headline data"]
    rows = {row[0]: row for row in section.rows}
    marked = "MARAC cases discussed (Demonstration values, not real figures)"
    assert set(rows) >= {marked, "Repeat MARAC cases (Demonstration values, not real figures)"}
    assert rows[marked][1] not in ("missing", "–")
