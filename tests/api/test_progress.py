"""/api/v1/progress-rounds/ and /api/v1/progress-updates/: the pages' rules, in the schema.

Owain (South Wales Police) has an approved update from an earlier round and a draft in the
current one; Bethan (Cardiff Council) has a submitted update. Drafts are private: only the
regional team and the authoring organisation see anything not yet approved.
"""

from __future__ import annotations

import datetime

import pytest

from tests.api.conftest import PERSONAS
from vawdasv.progress import services

DRAFT_MARKER = "Kingfisher-55e2 draft narrative"


@pytest.fixture
def progress(plan):
    world = plan.world
    earlier = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q1",
        deadline=datetime.date(2025, 7, 31),
    )  # fmt: skip
    approved = services.submit_update(
        actor=world.lead, progress_round=earlier, action=world.police_action,
        data={"rag": "amber", "narrative_en": "Approved words"},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=approved)
    services.close_round(actor=world.admin, progress_round=earlier)
    current = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=datetime.date(2025, 10, 31),
    )  # fmt: skip
    draft = services.save_draft(
        actor=world.lead, progress_round=current, action=world.police_action,
        data={"rag": "red", "narrative_en": DRAFT_MARKER},
    )  # fmt: skip
    submitted = services.submit_update(
        actor=world.council_lead, progress_round=current, action=world.council_action,
        data={"rag": "green", "narrative_en": "Council submitted"},
    )  # fmt: skip
    return {"earlier": earlier, "current": current, "approved": approved, "draft": draft,
            "submitted": submitted}  # fmt: skip


# persona → which of the three updates they see
SEES = {
    "anonymous": set(),
    "admin": {"approved", "draft", "submitted"},
    "lead": {"approved", "draft"},
    "token": {"approved", "draft"},
    "council_lead": {"approved", "submitted"},
    "board": {"approved"},
    "outsider": set(),
    "observer": {"approved"},
    "superuser": {"approved", "draft", "submitted"},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_sees_the_updates_the_pages_would_show(as_persona, progress, persona):
    listed = {u["id"] for u in as_persona(persona).results("/api/v1/progress-updates/")}
    assert listed == {progress[name].pk for name in SEES[persona]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_answers_not_found_to_those_who_may_not_see_it(as_persona, progress, persona):
    response = as_persona(persona).get(f"/api/v1/progress-updates/{progress['draft'].pk}/")
    assert response.status_code == (200 if "draft" in SEES[persona] else 404)
    if response.status_code == 404:
        assert DRAFT_MARKER not in response.content.decode()


@pytest.mark.parametrize("persona", ["board", "observer", "council_lead"])
def test_no_list_or_filter_carries_the_drafts_text(as_persona, progress, persona):
    api = as_persona(persona)
    for query in ({}, {"status": "draft"}, {"round": progress["current"].pk}):
        assert DRAFT_MARKER not in api.get("/api/v1/progress-updates/", **query).content.decode()


def test_an_update_carries_rag_narrative_status_and_approval_date(as_persona, progress):
    body = as_persona("board").get(f"/api/v1/progress-updates/{progress['approved'].pk}/").json()
    assert body["strategy"] == "cv-2023"
    assert body["round"] == progress["earlier"].pk
    assert body["period_label"] == "2025/26 Q1"
    assert body["status"] == "approved"
    assert body["rag"] == "amber"
    assert body["narrative"] == {"en": "Approved words", "cy": ""}
    assert body["approved_at"] is not None
    assert body["url"]["cy"].startswith("http://testserver/cy/progress/")


def test_a_submitted_update_has_no_approval_date(as_persona, progress):
    body = as_persona("admin").get(f"/api/v1/progress-updates/{progress['submitted'].pk}/")
    assert body.json()["status"] == "submitted" and body.json()["approved_at"] is None


def test_updates_filter_by_strategy_round_and_status(as_persona, progress):
    api = as_persona("admin")
    by_round = api.results("/api/v1/progress-updates/", round=progress["current"].pk)
    assert {u["id"] for u in by_round} == {progress["draft"].pk, progress["submitted"].pk}
    by_status = api.results("/api/v1/progress-updates/", status="submitted")
    assert [u["id"] for u in by_status] == [progress["submitted"].pk]
    assert api.results("/api/v1/progress-updates/", strategy="gwent-draft") == []
    assert api.get("/api/v1/progress-updates/", round="x").status_code == 400


def test_latest_approved_gives_each_actions_current_status(as_persona, progress, plan):
    world = plan.world
    newer = services.submit_update(
        actor=world.council_lead, progress_round=progress["current"],
        action=world.council_action, data={"rag": "green", "narrative_en": "x"},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=newer)
    latest = as_persona("board").results("/api/v1/progress-updates/", latest_approved="true")
    assert {(u["action"], u["rag"]) for u in latest} == {
        (world.police_action.pk, "amber"),
        (world.council_action.pk, "green"),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_rounds_are_listed_to_those_who_read_the_partnerships_progress(
    as_persona, progress, persona
):
    rounds = {r["id"] for r in as_persona(persona).results("/api/v1/progress-rounds/")}
    readers = {"admin", "lead", "token", "council_lead", "board", "observer", "superuser"}
    expected = {progress["earlier"].pk, progress["current"].pk} if persona in readers else set()
    assert rounds == expected


def test_rounds_filter_by_strategy_and_status(as_persona, progress):
    api = as_persona("admin")
    closed = api.results("/api/v1/progress-rounds/", status="closed")
    assert [r["id"] for r in closed] == [progress["earlier"].pk]
    assert api.results("/api/v1/progress-rounds/", strategy="cv-draft") == []
