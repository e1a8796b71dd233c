"""Pages that do not grow with history: the latest approved update per action, in one query.

A plan runs for five years of quarterly rounds; the dashboard and My actions show each action's
latest approved update and must cost the same with 4 closed rounds behind them as with 20.
Counts, never timings: timings belong in benchmarks/.
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
from vawdasv.progress import selectors
from vawdasv.progress.models import ProgressRound, ProgressUpdate

pytestmark = pytest.mark.django_db


def _history(world: Any, slug: str, closed_rounds: int, actions: int = 3) -> list[ProgressRound]:
    """`closed_rounds` closed quarters with an approved update per action, then an open one."""
    strategy = factories.StrategyFactory(partnership=world.partnership, slug=slug, published=True)
    commitment = factories.CommitmentFactory(theme=factories.ThemeFactory(strategy=strategy))
    led = [
        factories.ActionFactory(commitment=commitment, leads=[world.police]) for _ in range(actions)
    ]
    labels = factories.quarter_labels(2020, 6)
    rounds = [
        factories.ProgressRoundFactory(strategy=strategy, period_label=label, closed=True)
        for label in labels[:closed_rounds]
    ]
    for progress_round in rounds:
        for action in led:
            factories.ProgressUpdateFactory(
                progress_round=progress_round, action=action, approved=True
            )
    rounds.append(
        factories.ProgressRoundFactory(
            strategy=strategy,
            period_label=labels[closed_rounds],
            deadline=datetime.date.today() + datetime.timedelta(days=20),
        )
    )
    return rounds


def test_latest_approved_takes_the_last_approved_update_and_skips_unapproved_ones(world):
    q1, q2, q3, q4, _open = _history(world, "history", 4, actions=1)
    action = q1.updates.get().action
    q4.updates.update(state="submitted")  # Q4's update waits for review: Q3's is the latest

    latest = selectors.latest_approved([action.pk])
    assert latest[action.pk].progress_round == q3
    assert selectors.latest_approved([action.pk], before=q3)[action.pk].progress_round == q2
    assert selectors.latest_approved([action.pk], before=q1) == {}


def test_latest_approved_of_a_year_and_its_last_quarter_prefers_the_year(world):
    strategy = factories.StrategyFactory(partnership=world.partnership, published=True)
    quarter = factories.ProgressRoundFactory(strategy=strategy, period_label="2020/21 Q4")
    year = factories.ProgressRoundFactory(strategy=strategy, period_label="2020/21")
    update = factories.ProgressUpdateFactory(progress_round=quarter, approved=True)
    factories.ProgressUpdateFactory(progress_round=year, action=update.action, approved=True)
    assert selectors.latest_approved([update.action_id])[update.action_id].progress_round == year


def test_latest_approved_is_one_query_fetching_one_update_per_action(world, monkeypatch):
    rounds = _history(world, "long-history", 12)
    ids = list(rounds[0].updates.values_list("action_id", flat=True))
    fetched = []
    from_db = ProgressUpdate.from_db.__func__  # type: ignore[attr-defined]

    def counting(cls, *args, **kwargs):
        fetched.append(1)
        return from_db(cls, *args, **kwargs)

    monkeypatch.setattr(ProgressUpdate, "from_db", classmethod(counting))
    with CaptureQueriesContext(connection) as captured:
        latest = selectors.latest_approved(ids)
        assert {u.progress_round.strategy.slug for u in latest.values()} == {"long-history"}
    assert len(captured.captured_queries) == 1
    assert len(fetched) == len(ids) == 3  # not 36: the twelve rounds stay in the database
    assert {update.progress_round for update in latest.values()} == {rounds[11]}


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types, translations) first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["progress:dashboard", "progress:my-actions", "progress:round"])
def test_progress_pages_cost_the_same_with_twenty_closed_rounds_as_with_four(world, page):
    counts = {}
    for closed in (4, 20):
        rounds = _history(world, f"plan-with-{closed}-rounds", closed)
        client = Client()
        client.force_login(world.lead if page == "progress:my-actions" else world.admin)
        if page == "progress:dashboard":
            url = reverse(page, args=[rounds[-1].strategy.slug])
        elif page == "progress:round":
            url = reverse(page, args=[rounds[-1].pk])
        else:
            url = reverse(page)
        counts[closed] = _queries(client, url)
        if page == "progress:my-actions":
            # Only the newest plan's open round is listed: close the previous plan's first.
            rounds[-1].strategy.progress_rounds.update(status="closed")
    assert counts[20] == counts[4], f"{page}: {counts}"
