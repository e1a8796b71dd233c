"""A 2018–2023 plan with its 2018/19 round reviewed and closed, as the board's report needs.

- PREPARE: data collection (Owain, green), a male IDSVA resource (Bethan, amber, timescale moved
  from March 2019 to April 2020 in the review), consent awareness (Owain, red, ongoing),
  the Ty Tarian review (Bethan, silent: no update, overdue).
- PURSUE: the MATAC trial, due September 2019: future activity.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from tests import factories
from vawdasv.plans.enums import TimescaleKind
from vawdasv.plans.models import Action, Strategy, Theme
from vawdasv.progress import services
from vawdasv.progress.models import ProgressRound
from vawdasv.progress.periods import ReportingPeriod, parse_period

REASON = "The service is being recommissioned first."


@dataclass
class Plan2018:
    strategy: Strategy
    prepare: Theme
    pursue: Theme
    period: ReportingPeriod
    progress_round: ProgressRound
    data_collection: Action
    male_idsva: Action
    consent: Action
    ty_tarian: Action
    matac: Action


def _action(commitment, text_en, text_cy, timescale, due, leads, ref="") -> Action:
    return factories.ActionFactory(
        commitment=commitment, text_en=text_en, text_cy=text_cy, ref=ref,
        timescale_text=timescale, due_date=due,
        timescale_kind=TimescaleKind.DATE if due else TimescaleKind.ONGOING, leads=leads,
    )  # fmt: skip


def _update(world, progress_round, action, actor, **data):
    update = services.submit_update(
        actor=actor, progress_round=progress_round, action=action,
        data={"completed": False, **data},
    )  # fmt: skip
    return services.approve_update(actor=world.admin, update=update)


@pytest.fixture
def plan(world) -> Plan2018:
    strategy = factories.StrategyFactory(
        partnership=world.partnership, slug="cv-2018", published=True,
        title_en="Cardiff and Vale VAWDASV Strategy 2018 – 2023",
        title_cy="Strategaeth VAWDASV Caerdydd a'r Fro 2018 – 2023",
        vision_en="People live positive, independent lives without violence and abuse.",
        vision_cy="Mae pobl yn byw bywydau cadarnhaol, annibynnol heb drais a cham-drin.",
        start_year=2018, end_year=2023,
    )  # fmt: skip
    prepare = factories.ThemeFactory(
        strategy=strategy, order=1, name_en="PREPARE", name_cy="PARATOI",
        aim_en="Improve strategic planning", aim_cy="Gwella cynllunio strategol",
    )  # fmt: skip
    pursue = factories.ThemeFactory(
        strategy=strategy, order=2, name_en="PURSUE", name_cy="ERLYN",
        aim_en="Address perpetrators", aim_cy="Mynd i'r afael â chyflawnwyr",
    )  # fmt: skip
    needs = factories.CommitmentFactory(
        theme=prepare, order=1, ref="1.1", text_en="Needs Assessment", text_cy="Asesu Anghenion"
    )
    violence = factories.CommitmentFactory(
        theme=prepare, order=2, ref="1.2", text_en="Sexual Violence", text_cy="Trais Rhywiol"
    )
    offenders = factories.CommitmentFactory(
        theme=pursue, order=1, ref="2.1", text_en="Integrated Offender Management",
        text_cy="Rheoli Troseddwyr yn Integredig",
    )  # fmt: skip
    march_2019 = datetime.date(2019, 3, 31)
    data_collection = _action(
        needs, "Continually improve data collection methods",
        "Gwella dulliau casglu data yn barhaus", "March 2019", march_2019, [world.police],
    )  # fmt: skip
    male_idsva = _action(
        violence, "Provide a male IDSVA resource", "Darparu adnodd IDSVA gwrywaidd",
        "March 2019", march_2019, [world.council],
    )  # fmt: skip
    consent = _action(
        violence, "Raise awareness of consent", "Codi ymwybyddiaeth o gydsyniad", "Ongoing",
        None, [world.police],
    )  # fmt: skip
    ty_tarian = _action(
        violence, "Review the Ty Tarian scheme", "Adolygu cynllun Ty Tarian", "October 2018",
        datetime.date(2018, 10, 31), [world.council],
    )  # fmt: skip
    matac = _action(
        offenders, "Trial and evaluate the MATAC intervention",
        "Treialu a gwerthuso ymyriad MATAC", "September 2019", datetime.date(2019, 9, 30),
        [world.police],
    )  # fmt: skip

    progress_round = services.open_round(
        actor=world.admin, strategy=strategy, period_label="2018/19",
        deadline=datetime.date(2019, 4, 30),
    )  # fmt: skip
    _update(
        world, progress_round, data_collection, world.lead, rag="green",
        narrative_en="A quarterly dashboard is shared with partners.",
        narrative_cy="Rhennir dangosfwrdd chwarterol gyda phartneriaid.",
    )  # fmt: skip
    _update(
        world, progress_round, male_idsva, world.council_lead, rag="amber",
        narrative_en="Being explored in the recommissioning.",
        narrative_cy="Yn cael ei ystyried wrth ail-gomisiynu.",
        proposed_timescale_text="April 2020", proposed_timescale_reason=REASON,
    )  # fmt: skip
    _update(
        world, progress_round, consent, world.lead, rag="red",
        narrative_en="No campaign this year.", narrative_cy="Dim ymgyrch eleni.",
    )  # fmt: skip
    progress_round = services.close_round(actor=world.admin, progress_round=progress_round)
    period = parse_period("2018/19")
    assert period is not None
    return Plan2018(
        strategy, prepare, pursue, period, progress_round, data_collection, male_idsva,
        consent, ty_tarian, matac,
    )  # fmt: skip
