from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.outcomes.conftest import number
from vawdasv.outcomes.models import Category, PublishedFigure
from vawdasv.outcomes.services import framework, publication, returns
from vawdasv.outcomes.validation import CellValue

CARDIFF, VALE = "W06000015", "W06000014"


def approved(world, outcomes, values):
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, values=values, expected_version=None
    )
    returns.submit_return(actor=world.lead, data_return=outcomes.data_return)
    returns.approve_return(actor=world.admin, data_return=outcomes.data_return)


def by_sex(world, outcomes, cardiff, vale):
    female, male = Category.objects.get(code="female"), Category.objects.get(code="male")
    values = {
        ("repeat_cases", CARDIFF, None): number(1),
        ("repeat_cases", VALE, None): CellValue("zero"),
    }
    for area, (f, m) in ((CARDIFF, cardiff), (VALE, vale)):
        values[("marac_cases", area, None)] = number(f + m)
        values[("marac_cases", area, female.pk)] = number(f) if f else CellValue("zero")
        values[("marac_cases", area, male.pk)] = number(m) if m else CellValue("zero")
    approved(world, outcomes, values)


def states(pub):
    return {
        (f.geo_code, f.category.code if f.category else ""): (f.status, f.suppression, f.value)
        for f in pub.figures.select_related("category")
    }


def test_a_small_count_and_its_complements_are_suppressed_and_never_stored_as_numbers(
    world, outcomes, cases_indicator
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    pub = publication.publish(
        actor=world.admin, indicator=cases_indicator, period_label="2025/26 Q2"
    )
    got = states(pub)
    assert got[(CARDIFF, "male")] == ("suppressed", "primary", None)
    # Cardiff's female count would give the male count away from Cardiff's total.
    assert got[(CARDIFF, "female")][0] == "suppressed"
    # And across the partnership: male for Vale must go with Cardiff's male.
    assert (
        got[("cardiff-vale", "male")][0] == "suppressed" or got[(VALE, "male")][0] == "suppressed"
    )
    assert got[(CARDIFF, "")] == ("value", "", Decimal(43))
    assert not PublishedFigure.objects.filter(status="suppressed", value__isnull=False).exists()


def test_publishing_twice_gives_the_same_figures(world, outcomes, cases_indicator):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    first = states(publication.publish(actor=world.admin, indicator=cases_indicator,
                                       period_label="2025/26 Q2"))  # fmt: skip
    second = states(publication.publish(actor=world.admin, indicator=cases_indicator,
                                        period_label="2025/26 Q2"))  # fmt: skip
    assert first == second


def test_only_administrators_publish_and_only_approved_periods(world, outcomes, cases_indicator):
    with pytest.raises(PermissionDenied):
        publication.publish(actor=world.lead, indicator=cases_indicator, period_label="2025/26 Q2")
    with pytest.raises(ValidationError, match="no approved values"):
        publication.publish(actor=world.admin, indicator=cases_indicator, period_label="2025/26 Q2")


def test_a_rate_without_a_denominator_for_the_year_says_denominator_missing(world, outcomes):
    denominator = framework.load_denominator(
        actor=world.admin, partnership=world.partnership, code="adults", name_en="Adults",
        name_cy="", source="ONS mid-year estimates", file_name="pop.csv",
        content=b"geo_code,year,value\nW06000015,2024,300000\n",
    )  # fmt: skip
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "rate", "name_en": "Cases per 10,000", "numerator": outcomes.cases,
              "denominator": denominator, "factor": Decimal(10000), "annualised": True},
    )  # fmt: skip
    by_sex(world, outcomes, cardiff=(40, 20), vale=(20, 9))
    got = states(publication.publish(actor=world.admin, indicator=indicator,
                                     period_label="2025/26 Q2"))  # fmt: skip
    # 60 a quarter over 300,000 people is 2 per 10,000, 8 a year.
    assert got[(CARDIFF, "")] == ("value", "", Decimal(8))
    assert got[(VALE, "")][0] == "denominator missing"
    assert got[("cardiff-vale", "")][0] == "denominator missing"
