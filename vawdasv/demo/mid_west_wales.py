"""The demo's Mid and West Wales partnership: real Dyfed-Powys figures from its 2018 strategy.

Every figure here is REAL, copied from the needs assessment of the Mid and West Wales VAWDASV
Strategy 2018-2023 (../shared/reference/mid-west-wales-vawdasv-strategy-2018.txt), each with
its source and period; none is a demonstration value. The partnership covers the four
authorities of the Dyfed-Powys police force area, so the strategy's "Dyfed-Powys" figures are
the region's: they are region-level values (one value for the partnership, none per authority).

Financial years become approved, published annual returns: 4,635 domestic abuse incidents
recorded by Dyfed-Powys Police in 2016/17; DVPNs issued, 48 in 2015/16 and 25 in 2016/17; 601
people using the Sexual Assault Referral Centres and 1,395 women and 100 men in
community-based support in 2016/17. The MARAC figures are for July 2016 to June 2017, which is
no reporting period the platform collects, and the repeat rate has no period in the strategy,
so they are benchmarks of the MARAC indicators, with those words in their source.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from vawdasv.audit import origins
from vawdasv.demo.outcomes import remove_earlier_outcomes
from vawdasv.outcomes.enums import Direction, Frequency, Geography, Unit
from vawdasv.outcomes.models import Indicator, Measure
from vawdasv.outcomes.services import framework, publication, returns
from vawdasv.outcomes.validation import CellValue
from vawdasv.partnerships import services as partnership_services
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.partnerships.models import Organisation, Partnership

SLUG = "mid-and-west-wales"
STRATEGY = "Mid and West Wales VAWDASV Strategy 2018-2023, needs assessment"
REAL_NOTE = "Real figure from the Mid and West Wales VAWDASV Strategy 2018-2023."
Cells = dict[tuple[str, str, int | None], CellValue | None]


def _measure(admin: Any, partnership: Partnership, code: str, **data: Any) -> Measure:
    return framework.save_measure(
        actor=admin, partnership=partnership, category_sets=data.pop("category_sets", []),
        data={"code": code, "unit": Unit.COUNT, "frequency": Frequency.ANNUAL,
              "geography": Geography.REGION, "direction": Direction.NEITHER, **data},
    )  # fmt: skip


def _indicator(admin: Any, partnership: Partnership, measure: Measure) -> Indicator:
    return framework.save_indicator(
        actor=admin, partnership=partnership,
        data={"code": measure.code, "name_en": measure.name_en, "name_cy": measure.name_cy,
              "numerator": measure},
    )  # fmt: skip


def _approved(
    admin: Any, partnership: Partnership, supplier: Organisation, label: str,
    measures: list[Measure], cells: Cells,
) -> None:  # fmt: skip
    start_year = int(label[:4])
    item = returns.open_return(
        actor=admin, partnership=partnership, supplier=supplier, period_label=label,
        deadline=datetime.date(start_year + 1, 6, 30), measures=measures,
        areas=list(partnership.local_authorities.all()),
    )  # fmt: skip
    returns.save_values(actor=admin, data_return=item, values=cells, expected_version=None)
    returns.submit_return(actor=admin, data_return=item)
    returns.approve_return(actor=admin, data_return=item)


def _number(value: int, note: str = REAL_NOTE) -> CellValue:
    return CellValue("number", Decimal(value), note)


def load_demo_mid_west_wales(*, partnership: Partnership, people: Mapping[str, Any]) -> None:
    """The region's measures, its approved 2015/16 and 2016/17 returns, published."""
    admin = people["admin"]  # the platform administrator: the demo has no regional team here
    remove_earlier_outcomes(partnership)
    police = Organisation.objects.get(slug="dyfed-powys-police")
    team, _created = partnership_services.get_or_create_organisation(
        actor=admin, partnership=partnership, slug="mid-and-west-wales-regional-team",
        name_en="Mid and West Wales VAWDASV Regional Team",
        name_cy="Tîm Rhanbarthol VAWDASV Canolbarth a Gorllewin Cymru",
        organisation_type=OrganisationType.PARTNERSHIP_TEAM, source=origins.DEMO,
    )  # fmt: skip
    sex = framework.create_category_set(
        actor=admin, partnership=partnership, code="sex", name_en="Sex", name_cy="Rhyw",
        categories=[("female", "Female", "Benyw"), ("male", "Male", "Gwryw")],
        valid_from=datetime.date(2000, 1, 1),
    )  # fmt: skip
    police_source = f"Dyfed-Powys Police, as given in the {STRATEGY}"
    incidents = _measure(
        admin, partnership, "da_incidents", name_en="Domestic abuse incidents recorded",
        name_cy="Digwyddiadau cam-drin domestig a gofnodwyd",
        supplier_type=OrganisationType.POLICE_FORCE,
        source=f"{police_source}: 4,635 incidents of domestic abuse recorded in 2016/17",
    )  # fmt: skip
    dvpns = _measure(
        admin, partnership, "dvpns", name_en="Domestic Violence Protection Notices issued",
        name_cy="Hysbysiadau Diogelu rhag Trais Domestig a gyhoeddwyd",
        supplier_type=OrganisationType.POLICE_FORCE,
        source=f"{police_source}: DVPNs issued fell from 48 in 2015/16 to 25 in 2016/17",
    )  # fmt: skip
    sarc = _measure(
        admin, partnership, "sarc_clients",
        name_en="People who used the Sexual Assault Referral Centres",
        name_cy="Pobl a ddefnyddiodd y Canolfannau Atgyfeirio Ymosodiadau Rhywiol",
        supplier_type=OrganisationType.PARTNERSHIP_TEAM,
        source=f"{STRATEGY}: 601 individuals accessed the SARCs in 2016/17",
    )  # fmt: skip
    community = _measure(
        admin, partnership, "community_support", category_sets=[sex],
        name_en="People in community-based support",
        name_cy="Pobl yn cael cymorth yn y gymuned",
        supplier_type=OrganisationType.PARTNERSHIP_TEAM,
        source=f"{STRATEGY}: 1,395 women and 100 men accessed community based support in "
        "2016/17 (the total is their sum)",
    )  # fmt: skip
    female, male = list(sex.categories.order_by("order"))
    _approved(admin, partnership, police, "2015/16", [dvpns],
              {("dvpns", SLUG, None): _number(48)})  # fmt: skip
    _approved(admin, partnership, police, "2016/17", [incidents, dvpns], {
        ("da_incidents", SLUG, None): _number(4635),
        ("dvpns", SLUG, None): _number(25),
    })  # fmt: skip
    _approved(admin, partnership, team, "2016/17", [sarc, community], {
        ("sarc_clients", SLUG, None): _number(601),
        ("community_support", SLUG, None): _number(1495, f"{REAL_NOTE} Women and men added."),
        ("community_support", SLUG, female.pk): _number(1395),
        ("community_support", SLUG, male.pk): _number(100),
    })  # fmt: skip
    for measure in (incidents, dvpns, sarc, community):
        indicator = _indicator(admin, partnership, measure)
        publication.publish(actor=admin, indicator=indicator, period_label="2016/17")
        if measure is dvpns:
            publication.publish(actor=admin, indicator=indicator, period_label="2015/16")
    _marac(admin, partnership)


def _marac(admin: Any, partnership: Partnership) -> None:
    """MARAC volume and repeat rate: not for a reporting period, so benchmarks with sources."""
    cases = _measure(
        admin, partnership, "marac_cases", name_en="MARAC cases discussed",
        name_cy="Achosion a drafodwyd mewn MARAC", frequency=Frequency.ROLLING_12,
        supplier_type=OrganisationType.POLICE_FORCE, source=STRATEGY,
    )  # fmt: skip
    volume = _indicator(admin, partnership, cases)
    framework.add_benchmark(
        actor=admin, indicator=volume, label_en="Dyfed-Powys, July 2016 to June 2017",
        label_cy="Dyfed-Powys, Gorffennaf 2016 i Fehefin 2017", value=Decimal(1373),
        source=f"{STRATEGY}: 1,373 cases discussed at MARAC, July 2016 to June 2017 (63 per "
        "10,000 adult females, against SafeLives' recommended 40)",
    )  # fmt: skip
    repeats = _measure(
        admin, partnership, "marac_repeat_rate", name_en="MARAC repeat rate",
        name_cy="Cyfradd achosion MARAC ailadroddus", unit=Unit.PERCENTAGE,
        frequency=Frequency.ROLLING_12, direction=Direction.NEITHER,
        supplier_type=OrganisationType.POLICE_FORCE, source=STRATEGY,
    )  # fmt: skip
    framework.add_benchmark(
        actor=admin, indicator=_indicator(admin, partnership, repeats),
        label_en="Dyfed-Powys (period not stated)", label_cy="Dyfed-Powys (cyfnod heb ei nodi)",
        value=Decimal(19),
        source=f"{STRATEGY}: a 19% repeat rate of cases discussed at MARAC, lower than the "
        "national average (the strategy, published in 2018, gives no period)",
    )  # fmt: skip
