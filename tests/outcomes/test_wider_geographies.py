"""Measures of a wider geography than the local authority: one value per area of it."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.outcomes.conftest import number
from vawdasv.outcomes import geography, grid, spreadsheet
from vawdasv.outcomes.enums import Direction, Geography, Unit
from vawdasv.outcomes.models import MaracArea, PublishedFigure, ReturnValue
from vawdasv.outcomes.services import framework, publication, returns
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.reference.models import LocalAuthority, StatisticalArea

SOUTH_WALES_POLICE_AREA = "W15000003"
CARDIFF_AND_VALE_HEALTH_BOARD = "W11000029"


def measure(world, code, geo, **extra):
    return framework.save_measure(
        actor=world.admin, partnership=world.partnership,
        data={"code": code, "name_en": code.replace("_", " "), "unit": Unit.COUNT,
              "supplier_type": OrganisationType.POLICE_FORCE, "direction": Direction.NEITHER,
              "geography": geo, **extra},
    )  # fmt: skip


def open_for(world, outcomes, measures, label="2025/26 Q3"):
    return returns.open_return(
        actor=world.admin, partnership=world.partnership, supplier=world.police,
        period_label=label, deadline=datetime.date(2026, 1, 31), measures=measures,
        areas=[outcomes.cardiff, outcomes.vale],
    )  # fmt: skip


def test_every_welsh_force_and_health_board_has_its_gss_code(db):
    codes = dict(StatisticalArea.objects.values_list("organisation__slug", "gss_code"))
    assert codes["dyfed-powys-police"] == "W15000004"
    assert codes["cardiff-and-vale-university-health-board"] == CARDIFF_AND_VALE_HEALTH_BOARD
    assert sorted(c[:3] for c in codes.values()) == ["W11"] * 7 + ["W15"] * 4


@pytest.mark.parametrize(
    ("geo", "codes"),
    [
        (Geography.LOCAL_AUTHORITY, ["W06000015", "W06000014"]),
        (Geography.POLICE_FORCE, [SOUTH_WALES_POLICE_AREA]),
        (Geography.HEALTH_BOARD, [CARDIFF_AND_VALE_HEALTH_BOARD]),
        (Geography.REGION, ["cardiff-vale"]),
        (Geography.WALES, ["W92000004"]),
    ],
)
def test_a_return_collects_one_value_per_area_of_its_measures_geography(
    world, outcomes, geo, codes
):
    data_return = open_for(world, outcomes, [measure(world, "dvpns", geo)])
    assert [area.code for area in geography.areas_of(data_return)] == codes
    built = grid.build(data_return, {})
    assert [cell.cell[1] for cell in built.rows[0].cells] == codes


def test_marac_areas_are_the_groupings_the_partnership_defines(world, outcomes):
    marac = MaracArea.objects.create(
        partnership=world.partnership, code="cardiff-vale-marac", name_en="Cardiff and Vale MARAC"
    )
    marac.local_authorities.set([outcomes.cardiff, outcomes.vale])
    data_return = open_for(world, outcomes, [measure(world, "marac", Geography.MARAC_AREA)])
    assert [area.code for area in geography.areas_of(data_return)] == ["cardiff-vale-marac"]


def test_a_return_refuses_measures_of_different_geographies(world, outcomes):
    region_measure = measure(world, "sarc_clients", Geography.REGION)
    with pytest.raises(ValidationError, match="one geography"):
        open_for(world, outcomes, [outcomes.cases, region_measure])


def test_a_force_area_value_is_saved_once_for_the_force_not_per_authority(world, outcomes):
    dvpns = measure(world, "dvpns", Geography.POLICE_FORCE)
    data_return = open_for(world, outcomes, [dvpns])
    returns.save_values(
        actor=world.lead, data_return=data_return, expected_version=None,
        values={("dvpns", SOUTH_WALES_POLICE_AREA, None): number(25)},
    )  # fmt: skip
    stored = ReturnValue.objects.get(data_return=data_return)
    assert (stored.area, stored.geo_code, stored.number) == (None, SOUTH_WALES_POLICE_AREA, 25)
    assert returns.current_values(data_return) == {
        ("dvpns", SOUTH_WALES_POLICE_AREA, None): number(25)
    }
    returns.save_values(
        actor=world.lead, data_return=data_return, expected_version=None,
        values={("dvpns", SOUTH_WALES_POLICE_AREA, None): number(48)},
    )  # fmt: skip
    assert list(ReturnValue.objects.filter(data_return=data_return).values_list("number")) == [
        (Decimal(48),)
    ]


def test_a_value_for_an_authority_in_a_force_area_return_is_refused(world, outcomes):
    data_return = open_for(world, outcomes, [measure(world, "dvpns", Geography.POLICE_FORCE)])
    with pytest.raises(ValidationError):
        returns.save_values(
            actor=world.lead, data_return=data_return, expected_version=None,
            values={("dvpns", "W06000015", None): number(25)},
        )  # fmt: skip
    assert not ReturnValue.objects.filter(data_return=data_return).exists()


def test_the_template_of_a_region_return_has_one_row_for_the_region(world, outcomes):
    data_return = open_for(world, outcomes, [measure(world, "sarc_clients", Geography.REGION)])
    sheet = openpyxl.load_workbook(io.BytesIO(spreadsheet.template(data_return, {}))).active
    rows = [row for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert [(row[0], row[2]) for row in rows] == [("sarc_clients", "cardiff-vale")]


def test_a_region_figure_is_exported_and_published_under_the_partnership_slug(
    world, outcomes, tmp_path
):
    sarc = measure(world, "sarc_clients", Geography.REGION)
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "sarc_clients", "name_en": "SARC clients", "numerator": sarc},
    )  # fmt: skip
    data_return = open_for(world, outcomes, [sarc], label="2016/17")
    returns.save_values(
        actor=world.lead, data_return=data_return, expected_version=None,
        values={("sarc_clients", "cardiff-vale", None): number(601)},
    )  # fmt: skip
    returns.submit_return(actor=world.lead, data_return=data_return)
    returns.approve_return(actor=world.admin, data_return=data_return)
    publication.publish(actor=world.admin, indicator=indicator, period_label="2016/17")
    figures = PublishedFigure.objects.filter(publication__indicator=indicator)
    assert list(figures.values_list("geo_code", "status", "value")) == [
        ("cardiff-vale", "value", Decimal(601))
    ]
    call_command("export_indicators", partnership="cardiff-vale", output=tmp_path)
    text = (tmp_path / "sarc_clients.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["Year"], r["GeoCode"], r["Value"], r["Status"]) for r in rows] == [
        ("2016/17", "cardiff-vale", "601", "value")
    ]


def test_a_small_force_area_count_is_suppressed_and_never_summed_into_the_partnership(
    world, outcomes
):
    dvpns = measure(world, "dvpns", Geography.POLICE_FORCE)
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "dvpns", "name_en": "DVPNs", "numerator": dvpns},
    )  # fmt: skip
    data_return = open_for(world, outcomes, [dvpns])
    returns.save_values(
        actor=world.lead, data_return=data_return, expected_version=None,
        values={("dvpns", SOUTH_WALES_POLICE_AREA, None): number(3)},
    )  # fmt: skip
    returns.submit_return(actor=world.lead, data_return=data_return)
    returns.approve_return(actor=world.admin, data_return=data_return)
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q3")
    figures = PublishedFigure.objects.filter(publication__indicator=indicator)
    assert list(figures.values_list("geo_code", "status", "value")) == [
        (SOUTH_WALES_POLICE_AREA, "suppressed", None)
    ]
    page = Client().get(reverse("outcomes:public", kwargs={"slug": "cardiff-vale"}))
    (table,) = page.context["tables"]
    assert [name for name, _cells in table["rows"]] == ["South Wales Police"]
    welsh = Client().get("/cy" + reverse("outcomes:public", kwargs={"slug": "cardiff-vale"}))
    assert "Heddlu De Cymru" in welsh.content.decode()


def approved_values(world, data_return, values):
    returns.save_values(
        actor=world.lead, data_return=data_return, values=values, expected_version=None
    )
    returns.submit_return(actor=world.lead, data_return=data_return)
    returns.approve_return(actor=world.admin, data_return=data_return)


def test_the_dashboard_offers_the_force_area_and_shows_its_figure_there(world, outcomes, client):
    dvpns = measure(world, "dvpns", Geography.POLICE_FORCE)
    sarc = measure(world, "sarc_clients", Geography.REGION)
    for code, numerator in (("dvpns", dvpns), ("sarc_clients", sarc)):
        framework.save_indicator(
            actor=world.admin, partnership=world.partnership,
            data={"code": code, "name_en": f"Indicator {code}", "numerator": numerator},
        )  # fmt: skip
    approved_values(world, open_for(world, outcomes, [dvpns]),
                    {("dvpns", SOUTH_WALES_POLICE_AREA, None): number(25)})  # fmt: skip
    approved_values(
        world,
        open_for(world, outcomes, [sarc], label="2025/26 Q1"),
        {("sarc_clients", "cardiff-vale", None): number(601)},
    )
    client.force_login(world.admin)
    url = reverse("outcomes:dashboard", kwargs={"slug": "cardiff-vale"})
    page = client.get(url)
    assert [code for code, _name in page.context["areas"]] == [
        "cardiff-vale", "W06000015", "W06000014", SOUTH_WALES_POLICE_AREA
    ]  # fmt: skip
    whole = {h.indicator.code: h for h in page.context["headlines"]}
    assert set(whole) == {"sarc_clients"}
    assert "601" in whole["sarc_clients"].latest
    shown = client.get(url, {"area": SOUTH_WALES_POLICE_AREA}).context["headlines"]
    force = {h.indicator.code: h for h in shown}
    assert set(force) == {"dvpns"}
    assert "25" in force["dvpns"].latest
    assert client.get(url, {"area": "W06000015"}).context["headlines"] == []
    # The downloads print what the page shows: the same reading of the choices.
    from vawdasv.outcomes import dashboard

    printed = dashboard.headlines_for(world.partnership, SOUTH_WALES_POLICE_AREA)
    assert [(h.indicator.code, h.latest) for h in printed] == [
        (h.indicator.code, h.latest) for h in shown
    ]


def test_an_administrator_defines_a_marac_area_from_the_partnerships_authorities(
    world, outcomes, client
):
    client.force_login(world.admin)
    url = reverse("outcomes:marac-area-add", kwargs={"slug": "cardiff-vale"})
    response = client.post(url, {
        "code": "cardiff-marac", "name_en": "Cardiff MARAC", "name_cy": "MARAC Caerdydd",
        "local_authorities": [outcomes.cardiff.pk], "source": "MARAC terms of reference",
    })  # fmt: skip
    assert response.status_code == 302
    area = MaracArea.objects.get(partnership=world.partnership)
    assert (area.code, list(area.local_authorities.all())) == ("cardiff-marac", [outcomes.cardiff])
    page = client.get(reverse("outcomes:framework", kwargs={"slug": "cardiff-vale"}))
    assert "Cardiff MARAC" in page.content.decode()


def test_a_marac_area_outside_the_partnership_or_with_a_used_code_is_refused(
    world, outcomes, client
):
    client.force_login(world.admin)
    url = reverse("outcomes:marac-area-add", kwargs={"slug": "cardiff-vale"})
    elsewhere = LocalAuthority.objects.get(gss_code="W06000010")  # Carmarthenshire
    response = client.post(url, {"code": "m", "name_en": "M", "local_authorities": [elsewhere.pk]})
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        framework.add_marac_area(
            actor=world.admin, partnership=world.partnership, code="m", name_en="M",
            local_authorities=[elsewhere],
        )  # fmt: skip
    framework.add_marac_area(
        actor=world.admin, partnership=world.partnership, code="m", name_en="M",
        local_authorities=[outcomes.vale],
    )  # fmt: skip
    response = client.post(url, {"code": "m", "name_en": "Again",
                                 "local_authorities": [outcomes.vale.pk]})  # fmt: skip
    assert response.status_code == 400
    assert "already has this code" in response.content.decode()
    assert MaracArea.objects.count() == 1


def test_markup_in_a_marac_areas_name_and_source_is_shown_as_text(world, outcomes, client):
    framework.add_marac_area(
        actor=world.admin, partnership=world.partnership, code="m",
        name_en="<b>MARAC</b>", source="<i>terms</i>", local_authorities=[outcomes.vale],
    )  # fmt: skip
    client.force_login(world.admin)
    page = client.get(reverse("outcomes:framework", kwargs={"slug": "cardiff-vale"}))
    text = page.content.decode()
    assert "&lt;b&gt;MARAC&lt;/b&gt;" in text and "&lt;i&gt;terms&lt;/i&gt;" in text
    assert "<b>MARAC</b>" not in text


def test_a_force_area_return_with_its_one_value_is_complete(world, outcomes):
    from vawdasv.outcomes import completeness

    outcomes.data_return.delete()
    data_return = open_for(world, outcomes, [measure(world, "dvpns", Geography.POLICE_FORCE)])
    returns.save_values(
        actor=world.lead, data_return=data_return, expected_version=None,
        values={("dvpns", SOUTH_WALES_POLICE_AREA, None): number(25)},
    )  # fmt: skip
    (record,) = completeness.by_supplier(world.partnership.pk)
    assert (record.cells, record.filled, record.completeness) == (1, 1, 100)


def test_a_region_return_is_uploaded_from_its_own_template(world, outcomes):
    data_return = open_for(world, outcomes, [measure(world, "sarc_clients", Geography.REGION)])
    book = openpyxl.load_workbook(io.BytesIO(spreadsheet.template(data_return, {})))
    book.active.cell(row=3, column=4, value=601)
    buffer = io.BytesIO()
    book.save(buffer)
    returns.upload_values(
        actor=world.lead, data_return=data_return, name="return.xlsx", content=buffer.getvalue()
    )
    assert returns.current_values(data_return) == {
        ("sarc_clients", "cardiff-vale", None): number(601)
    }


def test_a_measures_geography_cannot_change_once_it_is_in_a_return(world, outcomes):
    data = {
        "code": "marac_cases", "name_en": "MARAC cases discussed", "unit": Unit.COUNT,
        "supplier_type": OrganisationType.POLICE_FORCE, "geography": Geography.REGION,
    }  # fmt: skip
    with pytest.raises(ValidationError, match="geography cannot change"):
        framework.save_measure(
            actor=world.admin, partnership=world.partnership, data=data,
            measure=outcomes.cases, expected_version=outcomes.cases.version,
        )  # fmt: skip
    outcomes.cases.refresh_from_db()
    assert outcomes.cases.geography == Geography.LOCAL_AUTHORITY
    fresh = measure(world, "fresh", Geography.LOCAL_AUTHORITY)
    moved = framework.save_measure(
        actor=world.admin, partnership=world.partnership, data={**data, "code": "fresh"},
        measure=fresh, expected_version=fresh.version,
    )  # fmt: skip
    assert moved.geography == Geography.REGION


@pytest.mark.parametrize("code", ["W06000015", "w15000003", "cardiff-vale"])
def test_a_marac_area_cannot_take_a_gss_code_or_the_partnerships_slug(world, outcomes, code):
    with pytest.raises(ValidationError, match="not a GSS code"):
        framework.add_marac_area(
            actor=world.admin, partnership=world.partnership, code=code, name_en="M",
            local_authorities=[outcomes.vale],
        )  # fmt: skip
    assert not MaracArea.objects.exists()


@pytest.mark.parametrize(
    ("geo", "code"),
    [(Geography.POLICE_FORCE, SOUTH_WALES_POLICE_AREA),
     (Geography.HEALTH_BOARD, CARDIFF_AND_VALE_HEALTH_BOARD),
     (Geography.WALES, "W92000004")],
)  # fmt: skip
def test_the_open_sdg_export_writes_the_wider_areas_gss_code(world, outcomes, tmp_path, geo, code):
    wide = measure(world, "wide", geo)
    framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "wide", "name_en": "Wide", "numerator": wide},
    )  # fmt: skip
    approved_values(world, open_for(world, outcomes, [wide]), {("wide", code, None): number(12)})
    call_command("export_indicators", partnership="cardiff-vale", output=tmp_path)
    text = (tmp_path / "wide.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["GeoCode"], r["Value"], r["Status"]) for r in rows] == [(code, "12", "value")]


def test_a_region_value_counts_as_the_partnerships_figure_on_the_all_wales_page(world, outcomes):
    from vawdasv.outcomes import all_wales

    sarc = measure(world, "sarc_clients", Geography.REGION)
    framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "sarc_clients", "name_en": "SARC clients", "numerator": sarc},
    )  # fmt: skip
    data_return = open_for(world, outcomes, [sarc])
    returns.save_values(
        actor=world.lead, data_return=data_return, expected_version=None,
        values={("sarc_clients", "cardiff-vale", None): number(601)},
    )  # fmt: skip
    returns.submit_return(actor=world.lead, data_return=data_return)
    returns.approve_return(actor=world.admin, data_return=data_return)
    [line] = all_wales.lines(world.admin, [world.partnership], data_return.period_label)
    figure = line.cells[world.partnership.pk]
    assert (figure.status, figure.value) == ("value", Decimal(601))
