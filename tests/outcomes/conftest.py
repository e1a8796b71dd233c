"""A small framework for the Cardiff and Vale partnership: two measures by sex, one return."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from vawdasv.outcomes.enums import Direction, Unit
from vawdasv.outcomes.models import CategorySet, DataReturn, Measure
from vawdasv.outcomes.services import framework, returns
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.reference.models import LocalAuthority


@dataclass
class Outcomes:
    sex: CategorySet
    cases: Measure
    repeats: Measure
    cardiff: LocalAuthority
    vale: LocalAuthority
    data_return: DataReturn


@pytest.fixture
def outcomes(world) -> Outcomes:
    cardiff = LocalAuthority.objects.get(gss_code="W06000015")
    vale = LocalAuthority.objects.get(gss_code="W06000014")
    world.partnership.local_authorities.set([cardiff, vale])
    sex = framework.create_category_set(
        actor=world.admin, partnership=world.partnership, code="sex", name_en="Sex",
        name_cy="Rhyw", categories=[("female", "Female", "Benyw"), ("male", "Male", "Gwryw")],
        valid_from=datetime.date(2000, 1, 1),
    )  # fmt: skip
    common = {"unit": Unit.COUNT, "supplier_type": OrganisationType.POLICE_FORCE}
    cases = framework.save_measure(
        actor=world.admin, partnership=world.partnership, category_sets=[sex],
        data={"code": "marac_cases", "name_en": "MARAC cases discussed",
              "name_cy": "Achosion MARAC",
              "direction": Direction.NEITHER, "source": "MARAC coordinators", **common},
    )  # fmt: skip
    repeats = framework.save_measure(
        actor=world.admin, partnership=world.partnership,
        data={"code": "repeat_cases", "name_en": "Repeat MARAC cases", "source": "MARAC",
              "direction": Direction.LOWER_IS_BETTER, **common},
    )  # fmt: skip
    data_return = returns.open_return(
        actor=world.admin, partnership=world.partnership, supplier=world.police,
        period_label="2025/26 Q2", deadline=datetime.date(2025, 10, 31),
        measures=[cases, repeats], areas=[cardiff, vale],
    )  # fmt: skip
    return Outcomes(sex, cases, repeats, cardiff, vale, data_return)


@pytest.fixture
def cases_indicator(world, outcomes):
    """MARAC cases, the measure itself (no denominator)."""
    return framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "numerator": outcomes.cases},
    )  # fmt: skip


@pytest.fixture
def indicators(world, outcomes):
    """Cases, cases per 10,000 residents (annualised) and repeat cases."""
    population = framework.load_denominator(
        actor=world.admin, partnership=world.partnership, code="population",
        name_en="Population", name_cy="Poblogaeth", source="Census 2021", file_name="p.csv",
        content=b"geo_code,year,value\nW06000015,2021,362400\nW06000014,2021,131800\n",
    )  # fmt: skip
    made = []
    for code, measure, denominator in (
        ("cases", outcomes.cases, None),
        ("cases_rate", outcomes.cases, population),
        ("repeats", outcomes.repeats, None),
    ):
        made.append(framework.save_indicator(
            actor=world.admin, partnership=world.partnership,
            data={"code": code, "name_en": code, "numerator": measure, "denominator": denominator,
                  "factor": Decimal(10000) if denominator else Decimal(1),
                  "annualised": denominator is not None},
        ))  # fmt: skip
    return made


def number(value: int | str) -> object:
    from vawdasv.outcomes.validation import CellValue

    return CellValue("number", Decimal(value))
