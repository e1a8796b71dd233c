"""The number of database queries a list needs does not grow with the plan.

Each list is read once over a small plan and again after it has grown tenfold (more actions,
each with its own lead and partner organisations and alignments, more commitments, themes,
strategies and member organisations); the count of queries must be the same.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from vawdasv.reference.models import FrameworkItem

ENDPOINTS = ["partnerships", "organisations", "strategies", "themes", "commitments", "actions"]


def grow(plan: Any, actions: int) -> None:
    """Add `actions` published actions, and the plan structure around them, to Cardiff and Vale."""
    world = plan.world
    items = list(FrameworkItem.objects.all()[:3])
    strategy = factories.StrategyFactory(partnership=world.partnership, published=True)
    for n in range(actions):
        if n % 10 == 0:
            theme = factories.ThemeFactory(strategy=strategy)
        if n % 5 == 0:
            commitment = factories.CommitmentFactory(theme=theme)
        lead = factories.OrganisationFactory()
        partner = factories.OrganisationFactory()
        world.partnership.organisations.add(lead, partner)
        action = factories.ActionFactory(commitment=commitment, leads=[lead, world.police])
        action.partner_organisations.set([partner])
        action.alignments.set(items)


def queries_for(api: Any, endpoint: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = api.client.get(f"/api/v1/{endpoint}/", {"page_size": 200})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("persona", ["anonymous", "token", "observer"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_list_needs_as_many_queries_for_fifty_actions_as_for_five(
    as_persona, plan, persona, endpoint
):
    api = as_persona(persona)
    grow(plan, 5)
    with_five = queries_for(api, endpoint)

    grow(plan, 45)
    with_fifty = queries_for(api, endpoint)

    assert with_fifty == with_five


def test_the_action_list_needs_only_a_handful_of_queries(as_persona, plan):
    grow(plan, 50)

    # Session, user, roles, count, page, then one each for leads, partners, alignments and
    # their frameworks.
    assert queries_for(as_persona("admin"), "actions") <= 9
