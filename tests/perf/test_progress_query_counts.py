"""Progress pages cost the same number of queries for a lead officer with 4 actions or with 16.

Each action has last quarter's approved update (shown beside it, with its RAG tag in the
partnership's own words) and this quarter's draft, so every relation the pages show is there to
be fetched. Counts, never timings: timings belong in benchmarks/.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from vawdasv.progress import rag, services
from vawdasv.progress.models import ProgressRound

SMALL, LARGE = 4, 16
DONE = {"rag": "amber", "narrative_en": "Some progress", "narrative_cy": "Peth cynnydd"}


def _rounds(world: Any, n_actions: int, *, council: bool = False) -> ProgressRound:
    """Last quarter approved and closed, this quarter open with a draft for every action.

    The actions are led by South Wales Police (Owain writes), or by Cardiff Council (Bethan).
    """
    lead, writer = (world.council, world.council_lead) if council else (world.police, world.lead)
    strategy = factories.StrategyFactory(
        partnership=world.partnership, slug=f"plan-of-{n_actions}", published=True
    )
    commitment = factories.CommitmentFactory(theme=factories.ThemeFactory(strategy=strategy))
    actions = [
        factories.ActionFactory(commitment=commitment, leads=[lead]) for _ in range(n_actions)
    ]
    previous = services.open_round(
        actor=world.admin, strategy=strategy, period_label="2025/26 Q1",
        deadline=datetime.date(2025, 7, 14),
    )  # fmt: skip
    for action in actions:
        update = services.submit_update(
            actor=writer, progress_round=previous, action=action, data=DONE
        )
        services.approve_update(actor=world.admin, update=update)
    services.close_round(actor=world.admin, progress_round=previous)
    current = services.open_round(
        actor=world.admin, strategy=strategy, period_label="2025/26 Q2",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
    )  # fmt: skip
    for action in actions:
        services.save_draft(
            actor=writer, progress_round=current, action=action, data={"rag": "green"}
        )
    return current


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types, translations) first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def renamed(world: Any) -> None:
    rag.save_rag_labels(
        actor=world.admin, partnership=world.partnership, data={"amber_label_en": "At risk"}
    )


def test_my_actions_costs_the_same_for_sixteen_actions_as_for_four(world, renamed) -> None:
    """Owain leads four actions and Bethan sixteen, each in one open round."""
    _rounds(world, SMALL)
    _rounds(world, LARGE, council=True)
    url = reverse("progress:my-actions")
    counts = {}
    for person, n_actions in ((world.lead, SMALL), (world.council_lead, LARGE)):
        client = Client()
        client.force_login(person)
        counts[n_actions] = _queries(client, url)
        page = client.get(url).content.decode()
        assert page.count("At risk") >= n_actions  # last quarter's tags, in the partnership's words
    small, large = counts[SMALL], counts[LARGE]
    assert large == small, f"My actions: {small} queries for {SMALL} actions, {large} for {LARGE}"


@pytest.mark.parametrize("page", ["progress:round", "progress:dashboard"])
def test_round_and_dashboard_cost_the_same_for_sixteen_actions_as_for_four(
    world, renamed, page: str
) -> None:
    client = Client()
    client.force_login(world.admin)

    def url(progress_round: ProgressRound) -> str:
        if page == "progress:round":
            return reverse(page, args=[progress_round.pk])
        return reverse(page, args=[progress_round.strategy.slug])

    small = _queries(client, url(_rounds(world, SMALL)))
    large = _queries(client, url(_rounds(world, LARGE)))
    assert large == small, f"{page}: {small} queries for {SMALL} actions, {large} for {LARGE}"
