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
