"""A plan with two themes and two rounds whose figures are worked out by hand in the tests.

PREPARE (the world's theme): police_action and council_action (due March 2026), late_action
(police, due June 2025). PROTECT: protect_action (council, due September 2025) and joint_action
(police and council, due March 2027).

2025/26 Q1, closed: police red, council amber, late green and completed, protect green;
joint has no update.
2025/26 Q2, open: police amber and council green (approved); protect red (submitted, so not
counted); joint has no update; late is finished, so not asked about.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from tests import factories
from vawdasv.plans.models import Action
from vawdasv.progress import services
from vawdasv.progress.models import ProgressRound

TODAY = datetime.date(2026, 1, 10)  # 2025/26 Q4: "due soon" runs to 30 June 2026


def rated(rag: str, **extra: object) -> dict[str, object]:
    return {
        "rag": rag,
        "narrative_en": f"Rated {rag}.",
        "narrative_cy": f"Graddfa {rag}.",
        **extra,
    }


def approve(world, progress_round: ProgressRound, action: Action, data: dict) -> None:
    update = services.submit_update(
        actor=world.admin, progress_round=progress_round, action=action, data=data
    )
    services.approve_update(actor=world.admin, update=update)


@dataclass
class Plan:
    world: object
    late_action: Action
    protect_action: Action
    joint_action: Action
    previous: ProgressRound
    current: ProgressRound


@pytest.fixture
def plan(world) -> Plan:
    late = factories.ActionFactory(
        commitment=world.commitment, leads=[world.police],
        timescale_text="Jun 2025", due_date=datetime.date(2025, 6, 30),
    )  # fmt: skip
    protect_theme = factories.ThemeFactory(strategy=world.strategy, name_en="PROTECT")
    protect_commitment = factories.CommitmentFactory(theme=protect_theme)
    protect = factories.ActionFactory(
        commitment=protect_commitment, leads=[world.council],
        timescale_text="Sep 2025", due_date=datetime.date(2025, 9, 30),
    )  # fmt: skip
    joint = factories.ActionFactory(
        commitment=protect_commitment, leads=[world.police, world.council],
        timescale_text="Mar 2027", due_date=datetime.date(2027, 3, 31),
    )  # fmt: skip

    previous = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q1",
        deadline=datetime.date(2025, 7, 14),
    )  # fmt: skip
    approve(world, previous, world.police_action, rated("red"))
    approve(world, previous, world.council_action, rated("amber"))
    approve(world, previous, late, rated("green", completed=True))
    approve(world, previous, protect, rated("green"))
    previous = services.close_round(actor=world.admin, progress_round=previous)

    current = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=datetime.date(2025, 10, 14),
    )  # fmt: skip
    approve(world, current, world.police_action, rated("amber"))
    approve(world, current, world.council_action, rated("green"))
    services.submit_update(
        actor=world.admin, progress_round=current, action=protect, data=rated("red")
    )
    return Plan(world, late, protect, joint, previous, current)
