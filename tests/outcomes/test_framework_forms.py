"""The framework forms administrators use instead of code: indicators, benchmarks, targets,
denominators and disaggregations whose labels change over time."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import ThemeFactory
from vawdasv.audit.models import AuditEntry
from vawdasv.outcomes.models import (
    Benchmark,
    CategorySet,
    Denominator,
    DenominatorValue,
    Indicator,
    Target,
)
from vawdasv.outcomes.services import framework

BASE = "/outcomes/cardiff-vale"


def _indicator_form(outcomes, world, **changes):
    return {
        "code": "marac_rate", "name_en": "MARAC cases per 10,000 adult females",
        "name_cy": "Achosion MARAC fesul 10,000 o fenywod", "numerator": outcomes.cases.pk,
        "factor": "10000", "annualised": "on", "themes": [world.theme.pk],
        "commitments": [world.commitment.pk], **changes,
    }  # fmt: skip


def test_an_administrator_adds_an_indicator_linked_to_the_plan(client, world, outcomes):
    client.force_login(world.admin)
    response = client.post(f"{BASE}/indicators/add/", _indicator_form(outcomes, world))
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="marac_rate")
    assert indicator.factor == Decimal(10000) and indicator.annualised
    assert list(indicator.themes.all()) == [world.theme]
    assert list(indicator.commitments.all()) == [world.commitment]
    entry = AuditEntry.objects.filter(object_id=indicator.pk, content_type__model="indicator").get()
    assert "themes" in entry.changes


def test_an_indicator_cannot_use_another_partnerships_theme(client, world, outcomes):
    client.force_login(world.admin)
    other_theme = ThemeFactory(strategy=world.other_strategy)
    response = client.post(
        f"{BASE}/indicators/add/", _indicator_form(outcomes, world, themes=[other_theme.pk])
    )
    assert response.status_code == 400
    assert not Indicator.objects.exists()


def test_a_second_indicator_edit_from_an_old_version_is_refused_showing_theirs(
    client, world, outcomes
):
    client.force_login(world.admin)
    client.post(f"{BASE}/indicators/add/", _indicator_form(outcomes, world))
    indicator = Indicator.objects.get()
    url = f"{BASE}/indicators/{indicator.pk}/"
    first = _indicator_form(outcomes, world, name_en="Theirs", version=indicator.version)
    assert client.post(url, first).status_code == 302
    response = client.post(url, {**first, "name_en": "Mine"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Somebody else changed this indicator" in page and "Theirs" in page
    assert Indicator.objects.get().name_en == "Theirs"
    # Having seen their version, saving again is accepted.
    carried = response.context["form"].data["version"]
    assert carried == str(indicator.version + 1) and f'value="{carried}"' in page
    assert client.post(url, {**first, "name_en": "Mine", "version": carried}).status_code == 302
    assert Indicator.objects.get().name_en == "Mine"


@pytest.fixture
def indicator(world, outcomes):
    return framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "cases", "name_en": "Cases", "numerator": outcomes.cases},
    )  # fmt: skip


def test_a_benchmark_needs_its_source(client, world, indicator):
    client.force_login(world.admin)
    url = f"{BASE}/indicators/{indicator.pk}/benchmarks/add/"
    form = {"label_en": "SafeLives", "value": "40", "source": ""}
    assert client.post(url, form).status_code == 400
    response = client.post(url, {**form, "source": "SafeLives Insights 2023"})
    assert response.status_code == 302
    assert Benchmark.objects.get().value == Decimal(40)


def test_a_target_keeps_its_rules_in_the_order_given(client, world, indicator):
    client.force_login(world.admin)
    url = f"{BASE}/indicators/{indicator.pk}/target/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"value": "50", "version": indicator.version, "rag_1": "green", "percent_1": "95",
              "rag_2": "amber", "percent_2": "80"},
    )  # fmt: skip
    assert response.status_code == 302
    target = Target.objects.get(indicator=indicator)
    assert [(r.rag, r.percent_of_target) for r in target.rules.all()] == [
        ("green", Decimal(95)), ("amber", Decimal(80))
    ]  # fmt: skip


def test_a_target_rule_without_its_percentage_is_refused(client, world, indicator):
    client.force_login(world.admin)
    url = f"{BASE}/indicators/{indicator.pk}/target/"
    response = client.post(url, {"value": "50", "version": indicator.version, "rag_1": "green"})
    assert response.status_code == 400
    assert "Enter the percentage" in response.content.decode()
    assert not Target.objects.exists()


def test_a_target_saved_from_an_old_version_is_refused(client, world, indicator):
    client.force_login(world.admin)
    url = f"{BASE}/indicators/{indicator.pk}/target/"
    form = {"value": "50", "version": indicator.version, "rag_1": "green", "percent_1": "100"}
    assert client.post(url, form).status_code == 302
    assert client.post(url, {**form, "value": "60"}).status_code == 400
    assert Target.objects.get().value == Decimal(50)


def _upload(content: bytes, name: str = "population.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def _denominator_form(content: bytes, name: str = "population.csv") -> dict:
    return {"code": "adult_females", "name_en": "Adult females", "file": _upload(content, name),
            "source": "StatsWales mid-year estimates 2023"}  # fmt: skip


def test_a_population_file_is_loaded_with_its_source(client, world):
    client.force_login(world.admin)
    content = b"geo_code,year,sex,age_band,value\nW06000015,2023,female,16+,150123\n"
    response = client.post(f"{BASE}/denominators/add/", _denominator_form(content))
    assert response.status_code == 302
    denominator = Denominator.objects.get()
    assert denominator.source == "StatsWales mid-year estimates 2023"
    assert denominator.values.get().value == Decimal(150123)
    page = client.get(f"{BASE}/").content.decode()
    assert "StatsWales mid-year estimates 2023" in page and "population.csv" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"geo_code,year,value\nW06000015,2023,10\nW06000014,twenty,5\n",
         "Row 3, column year"),
        (b"geo_code,year,value\nW06000015,2023,lots\n", "Row 2, column value"),
        (b"geo_code,year\nW06000015,2023\n", "Row 1: the columns value are missing"),
        (b"\x00\x01\x02\x03 binary", "is named .csv but is not a CSV file"),
    ],
)  # fmt: skip
def test_a_wrong_population_file_names_the_place_and_saves_nothing(client, world, content, message):
    client.force_login(world.admin)
    response = client.post(f"{BASE}/denominators/add/", _denominator_form(content))
    page = response.content.decode()
    assert response.status_code == 400
    assert any(part in page for part in message.split("|")), page
    assert not Denominator.objects.exists() and not DenominatorValue.objects.exists()


def test_a_spreadsheet_renamed_as_csv_is_refused(client, world):
    client.force_login(world.admin)
    response = client.post(
        f"{BASE}/denominators/add/", _denominator_form(b"\x00\x01\x02binary", "x.xlsx")
    )
    assert response.status_code == 400
    assert not Denominator.objects.exists()


def test_a_disaggregation_is_added_and_a_category_renamed_from_a_date(client, world):
    client.force_login(world.admin)
    response = client.post(
        f"{BASE}/disaggregations/add/",
        {"code": "ethnicity", "name_en": "Ethnic group", "name_cy": "Grŵp ethnig",
         "valid_from": "1/4/2015",
         "categories": "white | White | Gwyn\nbme | B&ME | Pobl dduon ac ethnig leiafrifol\n"},
    )  # fmt: skip
    assert response.status_code == 302
    category_set = CategorySet.objects.get(code="ethnicity")
    bme = category_set.categories.get(code="bme")
    response = client.post(
        f"{BASE}/disaggregations/{category_set.pk}/rename/",
        {"category": bme.pk, "valid_from": "1/4/2023",
         "label_en": "Black, Asian or racially minoritised"},
    )  # fmt: skip
    assert response.status_code == 302
    assert bme.label_on(datetime.date(2020, 1, 1)).label_en == "B&ME"
    assert bme.label_on(datetime.date(2024, 1, 1)).label_en.startswith("Black, Asian")


def test_a_category_line_without_a_label_names_the_line(client, world):
    client.force_login(world.admin)
    response = client.post(
        f"{BASE}/disaggregations/add/",
        {"code": "sex2", "name_en": "Sex", "valid_from": "1/4/2015",
         "categories": "female | Female\nmale\n"},
    )  # fmt: skip
    assert response.status_code == 400 and "Line 2" in response.content.decode()
    assert not CategorySet.objects.filter(code="sex2").exists()


def test_the_framework_page_lists_everything_in_welsh_too(client, world, outcomes, indicator):
    client.force_login(world.admin)
    response = client.get("/cy/outcomes/cardiff-vale/")
    assert response.status_code == 200
    assert "Ychwanegu dangosydd" in response.content.decode()


def test_the_framework_page_reads_in_as_many_queries_with_more_rows(client, world, outcomes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(code: str) -> None:
        framework.create_category_set(
            actor=world.admin, partnership=world.partnership, code=code, name_en=code,
            categories=[("a", "A", ""), ("b", "B", "")], valid_from=datetime.date(2020, 1, 1),
        )  # fmt: skip
        framework.load_denominator(
            actor=world.admin, partnership=world.partnership, code=code, name_en=code,
            name_cy="", source="ONS", file_name="p.csv",
            content=b"geo_code,year,value\nW06000015,2023,10\nW06000014,2023,20\n",
        )  # fmt: skip
        indicator = framework.save_indicator(
            actor=world.admin, partnership=world.partnership,
            data={"code": code, "name_en": code, "numerator": outcomes.cases},
        )  # fmt: skip
        framework.set_target(actor=world.admin, indicator=indicator, value=Decimal(5))

    client.force_login(world.admin)
    add("one")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{BASE}/")
    add("two")
    add("three")
    with CaptureQueriesContext(connection) as more:
        client.get(f"{BASE}/")
    assert len(more.captured_queries) == len(few.captured_queries)


def test_a_benchmark_is_changed_and_an_old_version_is_refused(client, world, indicator):
    benchmark = framework.add_benchmark(
        actor=world.admin, indicator=indicator, label_en="SafeLives", value=Decimal(40),
        source="SafeLives 2019",
    )  # fmt: skip
    client.force_login(world.admin)
    url = f"{BASE}/benchmarks/{benchmark.pk}/"
    form = {"label_en": "SafeLives", "value": "42", "source": "SafeLives 2023", "version": "1"}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "value": "50"})
    page = response.content.decode()
    assert response.status_code == 400 and "Somebody else changed this benchmark" in page
    assert "SafeLives 2023" in page
    benchmark.refresh_from_db()
    assert (benchmark.value, benchmark.version) == (Decimal(42), 2)
