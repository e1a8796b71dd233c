import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.outcomes.test_publication import by_sex
from vawdasv.outcomes.services import framework, publication


@pytest.fixture
def published(world, outcomes):
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "numerator": outcomes.cases},
    )  # fmt: skip
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    return indicator


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_the_published_export_has_the_open_sdg_columns_and_no_suppressed_number(
    published, tmp_path
):
    call_command("export_indicators", partnership="cardiff-vale", published=True, output=tmp_path)
    rows = read_csv(tmp_path / "marac_cases.csv")
    assert list(rows[0]) == ["Year", "sex", "GeoCode", "Units", "Value", "Status"]
    male_cardiff = next(r for r in rows if r["GeoCode"] == "W06000015" and r["sex"] == "Male")
    assert male_cardiff == {"Year": "2025/26 Q2", "sex": "Male", "GeoCode": "W06000015",
                            "Units": "count", "Value": "", "Status": "suppressed"}  # fmt: skip
    total = next(r for r in rows if r["GeoCode"] == "W06000015" and r["sex"] == "")
    assert (total["Value"], total["Status"]) == ("43", "value")
    assert all(r["Value"] == "" for r in rows if r["Status"] != "value")


def test_the_working_export_shows_every_approved_figure(published, tmp_path):
    call_command("export_indicators", partnership="cardiff-vale", output=tmp_path)
    rows = read_csv(tmp_path / "marac_cases.csv")
    male_cardiff = next(r for r in rows if r["GeoCode"] == "W06000015" and r["sex"] == "Male")
    assert (male_cardiff["Value"], male_cardiff["Status"]) == ("3", "value")
    whole = next(r for r in rows if r["GeoCode"] == "cardiff-vale" and r["sex"] == "")
    assert whole["Value"] == "72"


def test_an_unknown_partnership_is_refused_with_exit_status_2(db, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("export_indicators", partnership="nowhere", output=tmp_path)
    assert error.value.returncode == 2


def test_an_unwritable_folder_exits_2_with_the_reason(tmp_path, world):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(CommandError, match="Cannot write") as error:
        call_command("export_indicators", partnership="cardiff-vale", output=blocked / "out")
    assert error.value.returncode == 2
