"""The pages people read most must cost the same number of queries however big the plan is.

A national plan has 300 actions; a page that makes one more query per action (an "N+1") is fine
with five actions in a test and slow in production. Each page is read for a 5-action and a
60-action strategy, anonymously and as the partnership's administrator, and the query counts
must be equal. Counts, never timings: timings belong in benchmarks/.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from vawdasv.partnerships.models import Organisation
from vawdasv.plans import services
from vawdasv.plans.models import Action, Strategy
from vawdasv.reference.models import FrameworkItem

SMALL, LARGE = 5, 60
THEMES, COMMITMENTS_PER_THEME = 3, 2


@dataclass
class Plan:
    strategy: Strategy
    action: Action  # an action with a history of edits


def _build_plan(world: Any, slug: str, n_actions: int, edits: int = 3) -> Plan:
    """A published strategy with `n_actions` spread over themes and commitments.

    Every action has several leads, partners and alignments, and one has a history written
    through the services, so every relation a page shows is there to be fetched.
    """
    extra = factories.OrganisationFactory(name_en=f"{slug} Women's Aid")
    world.partnership.organisations.add(extra)
    organisations = [world.police, world.council, extra]
    items = list(FrameworkItem.objects.order_by("pk")[:4])
    strategy = factories.StrategyFactory(partnership=world.partnership, slug=slug, published=True)
    commitments = [
        factories.CommitmentFactory(theme=theme)
        for theme in factories.ThemeFactory.create_batch(THEMES, strategy=strategy)
        for _ in range(COMMITMENTS_PER_THEME)
    ]
    for n, commitment in zip(range(n_actions), itertools.cycle(commitments), strict=False):
        action = factories.ActionFactory(
            commitment=commitment,
            text_en=f"Improve data sharing, step {n}" if n % 2 == 0 else f"Train staff, step {n}",
            leads=organisations[: 2 + n % 2],
        )
        action.partner_organisations.set(organisations[n % 3 :])
        action.alignments.set(items[n % 2 : n % 2 + 3])
    action = Action.objects.for_strategy(strategy).order_by("pk").first()
    assert action is not None
    _edit(world.admin, action, edits)
    return Plan(strategy=strategy, action=action)


def _edit(admin: Any, action: Action, edits: int) -> None:
    for n in range(edits):
        services.update_action(
            actor=admin, action=action, data={"evidence_en": f"Minutes of meeting {n}"}
        )


def _pages(plan: Plan) -> dict[str, str]:
    slug, lead = plan.strategy.slug, Organisation.objects.get(slug="south-wales-police").pk
    return {
        "plan page": f"/strategies/{slug}/",
        "filtered action list": f"/strategies/{slug}/actions/?lead={lead}&due=2025/26&q=data",
        "action page": f"/strategies/actions/{plan.action.pk}/",
    }


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types, translations) first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def plans(world: Any) -> dict[int, Plan]:
    return {n: _build_plan(world, f"plan-of-{n}", n) for n in (SMALL, LARGE)}


@pytest.fixture(params=["anonymous", "administrator"])
def reader(request: pytest.FixtureRequest, world: Any) -> Client:
    client = Client()
    if request.param == "administrator":
        client.force_login(world.admin)
    return client


@pytest.mark.parametrize("page", ["plan page", "filtered action list", "action page"])
def test_page_makes_as_many_queries_for_sixty_actions_as_for_five(
    plans: dict[int, Plan], reader: Client, page: str
) -> None:
    small = _queries(reader, _pages(plans[SMALL])[page])
    large = _queries(reader, _pages(plans[LARGE])[page])
    assert large == small, f"{page}: {small} queries for {SMALL} actions, {large} for {LARGE}"


def test_the_larger_plan_really_is_larger_and_the_filters_match_something(
    plans: dict[int, Plan], client: Client
) -> None:
    # Guards the test above against comparing two empty pages.
    large = plans[LARGE]
    assert Action.objects.for_strategy(large.strategy).count() == LARGE
    response = client.get(_pages(large)["filtered action list"])
    assert f"{LARGE // 2} actions found" in response.content.decode()
    assert Action.objects.filter(pk=large.action.pk, lead_organisations__isnull=False).exists()


def test_action_page_makes_as_many_queries_with_a_long_history_as_with_a_short_one(
    plans: dict[int, Plan], world: Any, reader: Client
) -> None:
    url = _pages(plans[LARGE])["action page"]
    short = _queries(reader, url)
    _edit(world.admin, plans[LARGE].action, 10)
    long = _queries(reader, url)
    assert long == short, f"action page: {short} queries with 3 edits, {long} with 13"
