"""`plans.selectors.filter_actions`: each filter alone, together, and the order of the result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from tests import factories
from vawdasv.plans.enums import TimescaleKind
from vawdasv.plans.models import Action
from vawdasv.plans.selectors import DUE_ONGOING, DUE_UNDATED, ActionFilters, filter_actions
from vawdasv.reference.models import FrameworkItem


@dataclass
class Plan:
    world: Any
    training: Action  # PREPARE, police, due 2025/26, aligned
    helpline: Action  # PREPARE, council, ongoing, Welsh wording only matches "llinell"
    review: Action  # PROTECT, police and council, recurring
    unknown: Action  # PROTECT, no lead, to be confirmed
    later: Action  # PROTECT, council, due 2027/28
    alignment: FrameworkItem


@pytest.fixture
def plan(world) -> Plan:
    strategy = factories.StrategyFactory(partnership=world.partnership, published=True)
    prepare = factories.ThemeFactory(strategy=strategy, order=1, name_en="PREPARE")
    protect = factories.ThemeFactory(strategy=strategy, order=2, name_en="PROTECT")
    awareness = factories.CommitmentFactory(
        theme=prepare, order=1, text_en="Raise awareness", text_cy="Codi ymwybyddiaeth"
    )
    services = factories.CommitmentFactory(theme=protect, order=1, text_en="Improve services")

    def action(commitment, order, text_en, kind, due=None, leads=(), **extra):
        return factories.ActionFactory(
            commitment=commitment, order=order, text_en=text_en, timescale_kind=kind,
            due_date=due, leads=list(leads), **extra,
        )  # fmt: skip

    date = TimescaleKind.DATE
    training = action(
        awareness, 1, "Train call handlers", date, datetime.date(2025, 9, 30), [world.police],
        timescale_text="Sept 2025",
    )  # fmt: skip
    helpline = action(
        awareness, 2, "Run the service", TimescaleKind.ONGOING, None, [world.council],
        text_cy="Rhedeg y llinell gymorth", evidence_en="Call logs",
    )  # fmt: skip
    review = action(
        services, 1, "Review referrals", TimescaleKind.RECURRING, None,
        [world.police, world.council],
    )  # fmt: skip
    unknown = action(services, 2, "Commission a refuge", TimescaleKind.UNKNOWN, None)
    later = action(
        services, 3, "Evaluate the refuge", date, datetime.date(2027, 6, 30), [world.council]
    )
    item = FrameworkItem.objects.first()
    assert item is not None
    training.alignments.set([item])
    # Another plan's action that matches every filter is never returned.
    factories.ActionFactory(
        commitment=factories.CommitmentFactory(theme=world.theme), text_en="Train call handlers",
        leads=[world.police],
    ).alignments.set([item])  # fmt: skip
    return Plan(world, training, helpline, review, unknown, later, item)


def _found(plan: Plan, **filters: Any) -> list[Action]:
    return list(filter_actions(plan.training.commitment.theme.strategy, ActionFilters(**filters)))


def test_no_filter_lists_every_action_of_the_plan_in_plan_order(plan):
    assert _found(plan) == [plan.training, plan.helpline, plan.review, plan.unknown, plan.later]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("call", ["training", "helpline"]),  # text, then the evidence ("Call logs")
        ("LLINELL", ["helpline"]),  # Welsh text, any case
        ("ymwybyddiaeth", ["training", "helpline"]),  # the commitment's Welsh text
        ("refuge evaluate", ["later"]),  # every word must match
        ("sept", ["training"]),  # the timescale as written
        ("nothing-like-this", []),
    ],
)
def test_search_matches_every_word_in_either_language(plan, q, expected):
    assert _found(plan, q=q) == [getattr(plan, name) for name in expected]


def test_theme_lead_and_alignment_filters(plan):
    protect = plan.review.commitment.theme
    assert _found(plan, theme=protect.pk) == [plan.review, plan.unknown, plan.later]
    police = plan.world.police.pk
    assert _found(plan, lead=police) == [plan.training, plan.review]  # joint lead counted once
    assert _found(plan, alignment=plan.alignment.pk) == [plan.training]


def test_due_filters_by_financial_year_ongoing_or_undated(plan):
    assert _found(plan, due="2025/26") == [plan.training]
    assert _found(plan, due="2027/28") == [plan.later]
    assert _found(plan, due=DUE_ONGOING) == [plan.helpline, plan.review]
    assert _found(plan, due=DUE_UNDATED) == [plan.unknown]
    assert _found(plan, due="not a year") == _found(plan)  # an unreadable period is ignored


def test_filters_combine(plan):
    council = plan.world.council.pk
    protect = plan.review.commitment.theme.pk
    assert _found(plan, lead=council, theme=protect, due=DUE_ONGOING) == [plan.review]
    assert _found(plan, lead=council, q="refuge") == [plan.later]
