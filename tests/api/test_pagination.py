"""Lists come in pages of 50; callers may ask for up to 200."""

from __future__ import annotations

import pytest

from tests import factories
from vawdasv.plans.models import Action


@pytest.fixture
def many_actions(plan):
    """The two published actions plus enough more to need several pages."""
    commitment = plan.world.commitment
    Action.objects.bulk_create(
        [Action(commitment=commitment, order=100 + n, text_en=f"Action {n}") for n in range(208)]
    )
    return 210


def test_a_list_gives_fifty_at_a_time_with_a_link_to_the_next_page(anonymous, many_actions):
    body = anonymous.get("/api/v1/actions/").json()

    assert body["count"] == many_actions
    assert len(body["results"]) == 50
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/actions/?page=2"


def test_following_next_links_reaches_every_action_once(anonymous, many_actions):
    listed = anonymous.results("/api/v1/actions/")

    assert len(listed) == many_actions
    assert len({a["id"] for a in listed}) == many_actions


def test_a_caller_can_ask_for_a_smaller_page(anonymous, many_actions):
    body = anonymous.get("/api/v1/actions/", page_size=10, page=2).json()

    assert len(body["results"]) == 10
    assert "page_size=10" in body["next"]


def test_a_page_is_never_larger_than_two_hundred(anonymous, many_actions):
    body = anonymous.get("/api/v1/actions/", page_size=1000).json()

    assert len(body["results"]) == 200


def test_a_page_past_the_end_answers_not_found(anonymous, many_actions):
    response = anonymous.get("/api/v1/actions/", page=99)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "endpoint", ["partnerships", "organisations", "strategies", "themes", "commitments"]
)
def test_every_list_is_paginated_the_same_way(anonymous, plan, endpoint):
    factories.ThemeFactory(strategy=plan.world.strategy)

    body = anonymous.get(f"/api/v1/{endpoint}/", page_size=1).json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 1
    assert body["count"] >= 1
