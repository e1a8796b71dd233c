"""The demo's outcomes framework for Cardiff and Vale, built through the services.

Real: the local authorities' Census 2021 populations (the denominator, from the reference
data), the SafeLives benchmark of 40 MARAC cases per 10,000 adult females a year, the
SafeLives national figure for all MARACs in England and Wales (the latest 12 months in
data/safelives-marac-national.csv, a copy of the shared reference data) and Dyfed-Powys's 63
cases per 10,000 adult females in July 2016 to June 2017 (the Mid and West Wales strategy), each
a benchmark with its source and period. Everything else, the quarterly figures above all, is
a DEMONSTRATION VALUE: each measure says so in its caveats and source, and the returns'
comments repeat it.

Returns in every state: four approved quarters of South Wales Police history, an approved and
published quarter (with a primary- and a secondary-suppressed cell: three men in the Vale), last
quarter's police return in progress and overdue with an outlier waiting for an explanation,
Cardiff Council's returns submitted, returned and not started, and an indicator whose
denominator (adult females) the platform does not hold, so it shows "denominator missing".
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from vawdasv.outcomes.enums import Direction, Unit
from vawdasv.outcomes.models import Indicator, Measure
from vawdasv.outcomes.services import framework, publication, returns
from vawdasv.outcomes.validation import CellValue
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans.models import Commitment, Strategy
from vawdasv.progress.periods import ReportingPeriod, quarter_containing
from vawdasv.reference.models import LocalAuthority

CARDIFF, VALE = "W06000015", "W06000014"
DEMO_NOTE = "Demonstration values, not real figures."
CENSUS = "Census 2021 usual resident population (ONS TS009 via StatsWales), reference data"
SAFELIVES = "SafeLives guidance on reviewing MARAC data (40 cases per 10,000 adult females a year)"
# Cardiff's and the Vale's quarterly MARAC cases (women, men): demonstration values.
HISTORY = ((140, 7, 52, 4), (151, 9, 55, 2), (147, 6, 49, 5), (156, 8, 57, 3))
PUBLISHED = (149, 8, 54, 3)  # three men in the Vale: suppressed, with complements
OUTLIER = (262, 9, 56, 4)  # Cardiff far above its last quarters: "please confirm or explain"


MID_WEST_WALES = (
    "Mid and West Wales VAWDASV Strategy 2018-2023: 1,373 cases discussed at MARAC in Dyfed-Powys, "
    "July 2016 to June 2017"
)
MARAC_COMMITMENT = "review of Multi-Agency Risk Assessment Conferences"
SAFELIVES_NATIONAL = Path(__file__).with_name("data") / "safelives-marac-national.csv"


def _national_marac() -> tuple[str, Decimal]:
    """The latest SafeLives national row: the 12 months it covers and cases per 10,000 adult
    females."""
    with SAFELIVES_NATIONAL.open(encoding="utf-8") as file:
        latest = max(csv.DictReader(file), key=lambda row: row["period_end"])
    return latest["period_end"], Decimal(latest["cases_per_10k_adult_females"])


def _quarters(today: datetime.date) -> list[ReportingPeriod]:
    """The current quarter and the seven before it, oldest first."""
    periods = [quarter_containing(today)]
    while len(periods) < 8:
        periods.append(quarter_containing(periods[-1].start - datetime.timedelta(days=1)))
    return periods[::-1]


def remove_earlier_outcomes(partnership: Partnership) -> None:
    # The demo is rebuilt from nothing each time; history goes with the rows (demo only).
    Indicator.objects.filter(partnership=partnership).delete()
    partnership.data_returns.all().delete()
    Measure.objects.filter(partnership=partnership).delete()
    partnership.category_sets.all().delete()
    partnership.denominators.all().delete()
    partnership.validation_rules.all().delete()


def _cells(
    sex: Any, figures: tuple[int, int, int, int], repeats: tuple[int, int]
) -> dict[tuple[str, str, int | None], CellValue | None]:
    female, male = list(sex.categories.order_by("order"))
    cells: dict[tuple[str, str, int | None], CellValue | None] = {}
    for area, (women, men) in ((CARDIFF, figures[:2]), (VALE, figures[2:])):
        cells[("marac_cases", area, None)] = CellValue("number", Decimal(women + men), DEMO_NOTE)
        cells[("marac_cases", area, female.pk)] = CellValue("number", Decimal(women))
        cells[("marac_cases", area, male.pk)] = CellValue("number", Decimal(men))
    cells[("repeat_cases", CARDIFF, None)] = CellValue("number", Decimal(repeats[0]))
    cells[("repeat_cases", VALE, None)] = CellValue("number", Decimal(repeats[1]))
    return cells


def load_demo_outcomes(
    *,
    partnership: Partnership,
    strategy: Strategy,
    people: Mapping[str, Any],
    today: datetime.date | None = None,
) -> None:
    admin, police_officer, council_officer = people["alys"], people["owain"], people["bethan"]
    police = Organisation.objects.get(slug="south-wales-police")
    council = Organisation.objects.get(slug="cardiff-council")
    areas = list(LocalAuthority.objects.filter(gss_code__in=[CARDIFF, VALE]))
    partnership.local_authorities.add(*areas)
    remove_earlier_outcomes(partnership)

    sex = framework.create_category_set(
        actor=admin, partnership=partnership, code="sex", name_en="Sex", name_cy="Rhyw",
        categories=[("female", "Female", "Benyw"), ("male", "Male", "Gwryw")],
        valid_from=datetime.date(2000, 1, 1),
    )  # fmt: skip
    ethnicity = framework.create_category_set(
        actor=admin, partnership=partnership, code="ethnicity", name_en="Ethnic group",
        name_cy="Grŵp ethnig", categories=[("white", "White", "Gwyn"), ("bme", "B&ME", "BME")],
        valid_from=datetime.date(2000, 1, 1),
    )  # fmt: skip
    framework.rename_category(  # SafeLives' new wording; earlier periods keep the old one
        actor=admin, category=ethnicity.categories.get(code="bme"),
        valid_from=datetime.date(2024, 4, 1), label_en="Black, Asian or racially minoritised",
        label_cy="Du, Asiaidd neu wedi'u lleiafrifo'n hiliol",
    )  # fmt: skip
    common = {"source": f"MARAC coordinators. {DEMO_NOTE}", "caveats_en": DEMO_NOTE,
              "caveats_cy": "Gwerthoedd enghreifftiol, nid ffigurau go iawn."}  # fmt: skip
    cases = framework.save_measure(
        actor=admin, partnership=partnership, category_sets=[sex],
        data={"code": "marac_cases", "name_en": "MARAC cases discussed",
              "name_cy": "Achosion a drafodwyd mewn MARAC", "unit": Unit.COUNT,
              "supplier_type": OrganisationType.POLICE_FORCE, "direction": Direction.NEITHER,
              "definition_en": "Cases discussed at the MARAC in the quarter.", **common},
    )  # fmt: skip
    repeats = framework.save_measure(
        actor=admin, partnership=partnership,
        data={"code": "repeat_cases", "name_en": "Repeat MARAC cases",
              "name_cy": "Achosion MARAC ailadroddus", "unit": Unit.COUNT,
              "supplier_type": OrganisationType.POLICE_FORCE,
              "direction": Direction.LOWER_IS_BETTER, **common},
    )  # fmt: skip
    refuge = framework.save_measure(
        actor=admin, partnership=partnership,
        data={"code": "refuge_referrals", "name_en": "Referrals to refuge",
              "name_cy": "Atgyfeiriadau i loches", "unit": Unit.COUNT,
              "supplier_type": OrganisationType.LOCAL_AUTHORITY,
              "direction": Direction.NEITHER, **common},
    )  # fmt: skip
    framework.add_validation_rule(
        actor=admin, partnership=partnership, expression="repeat_cases <= marac_cases",
        severity="block", message_en="Repeat cases cannot be more than the cases discussed.",
        message_cy="Ni all achosion ailadroddus fod yn fwy na'r achosion a drafodwyd.",
    )  # fmt: skip
    csv = "geo_code,year,value\n" + "".join(
        f"{a.gss_code},2021,{a.population_2021}\n" for a in areas
    )
    population = framework.load_denominator(
        actor=admin, partnership=partnership, code="population", name_en="Population",
        name_cy="Poblogaeth", source=CENSUS, file_name="census-2021.csv", content=csv.encode(),
    )  # fmt: skip
    count_indicator = framework.save_indicator(
        actor=admin, partnership=partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases discussed",
              "name_cy": "Achosion a drafodwyd mewn MARAC", "numerator": cases},
    )  # fmt: skip
    framework.save_indicator(
        actor=admin, partnership=partnership,
        data={"code": "marac_per_10k_residents", "name_en": "MARAC cases per 10,000 residents",
              "name_cy": "Achosion MARAC fesul 10,000 o breswylwyr", "numerator": cases,
              "denominator": population, "factor": Decimal(10000), "annualised": True},
    )  # fmt: skip
    per_women = framework.save_indicator(
        actor=admin, partnership=partnership,
        data={"code": "marac_per_10k_adult_females",
              "name_en": "MARAC cases per 10,000 adult females",
              "name_cy": "Achosion MARAC fesul 10,000 o fenywod sy'n oedolion",
              "numerator": cases, "denominator": population, "denominator_sex": "female",
              "denominator_age_band": "16+", "factor": Decimal(10000), "annualised": True},
    )  # fmt: skip
    framework.add_benchmark(
        actor=admin, indicator=per_women, label_en="SafeLives", label_cy="SafeLives",
        value=Decimal(40), source=SAFELIVES,
    )  # fmt: skip
    period_end, national = _national_marac()
    framework.add_benchmark(
        actor=admin, indicator=per_women, label_en="England and Wales (all MARACs)",
        label_cy="Cymru a Lloegr (pob MARAC)", value=national,
        source=f"SafeLives national MARAC data, 12 months to {period_end}",
    )  # fmt: skip
    framework.add_benchmark(
        actor=admin, indicator=per_women, label_en="Dyfed-Powys, July 2016 to June 2017",
        label_cy="Dyfed-Powys, Gorffennaf 2016 i Fehefin 2017", value=Decimal(63),
        source=MID_WEST_WALES,
    )  # fmt: skip
    repeat_indicator = framework.save_indicator(
        actor=admin, partnership=partnership,
        data={"code": "repeat_cases", "name_en": "Repeat MARAC cases",
              "name_cy": "Achosion MARAC ailadroddus", "numerator": repeats},
    )  # fmt: skip
    framework.set_target(
        actor=admin, indicator=repeat_indicator, value=Decimal(50),
        rules=[("green", Decimal(100)), ("amber", Decimal(110))],
    )  # fmt: skip
    # The plan's own MARAC commitment ("implement the agreed recommendations from the review of
    # MARACs"), so the progress report shows the MARAC figures as that theme's Headline data.
    marac = (
        Commitment.objects.filter(theme__strategy=strategy, text_en__icontains=MARAC_COMMITMENT)
        .order_by("theme__order", "order")
        .first()
    )
    first_theme = strategy.themes.order_by("order").first()
    if marac is not None or first_theme is not None:
        for indicator in (count_indicator, per_women, repeat_indicator):
            framework.link_indicator(
                actor=admin, indicator=indicator,
                themes=[] if marac is not None else [first_theme],
                commitments=[marac] if marac is not None else [],
            )  # fmt: skip

    quarters = _quarters(today or datetime.date.today())
    history, published, last, current = quarters[1:5], quarters[5], quarters[6], quarters[7]

    def police_return(period: ReportingPeriod) -> Any:
        return returns.open_return(
            actor=admin, partnership=partnership, supplier=police, period_label=period.label,
            deadline=period.end + datetime.timedelta(days=31), measures=[cases, repeats],
            areas=areas,
        )  # fmt: skip

    for period, figures in zip([*history, published], [*HISTORY, PUBLISHED], strict=True):
        item = police_return(period)
        returns.save_values(
            actor=police_officer, data_return=item, expected_version=None,
            values=_cells(sex, figures, (40, 12)),
        )  # fmt: skip
        returns.submit_return(actor=police_officer, data_return=item)
        returns.approve_return(actor=admin, data_return=item)
    publication.publish(actor=admin, indicator=count_indicator, period_label=published.label)
    overdue = police_return(last)  # in progress, past its deadline, one figure to explain
    returns.save_values(
        actor=police_officer, data_return=overdue, expected_version=None,
        values=_cells(sex, OUTLIER, (41, 13)),
    )  # fmt: skip

    def council_return(period: ReportingPeriod) -> Any:
        return returns.open_return(
            actor=admin, partnership=partnership, supplier=council, period_label=period.label,
            deadline=period.end + datetime.timedelta(days=31), measures=[refuge], areas=areas,
        )  # fmt: skip

    refuge_values: dict[tuple[str, str, int | None], CellValue | None] = {
        ("refuge_referrals", CARDIFF, None): CellValue("number", Decimal(37), DEMO_NOTE),
        ("refuge_referrals", VALE, None): CellValue("not_available", None, DEMO_NOTE),
    }
    submitted = council_return(published)
    returns.save_values(
        actor=council_officer, data_return=submitted, values=refuge_values, expected_version=None
    )
    returns.submit_return(actor=council_officer, data_return=submitted)
    sent_back = council_return(last)
    returns.save_values(
        actor=council_officer, data_return=sent_back, values=refuge_values, expected_version=None
    )
    returns.submit_return(actor=council_officer, data_return=sent_back)
    returns.return_for_changes(
        actor=admin, data_return=sent_back,
        comment="Please give the Vale figure: the refuge reopened in the quarter.",
    )  # fmt: skip
    council_return(current)  # not started
