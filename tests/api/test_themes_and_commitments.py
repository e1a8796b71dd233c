"""/api/v1/themes/ and /api/v1/commitments/: visibility and the strategy filter."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.conftest import PERSONAS, strategies_seen_by


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", ["themes", "commitments"])
def test_each_persona_lists_content_of_the_strategies_they_may_read(as_persona, persona, endpoint):
    listed = as_persona(persona).results(f"/api/v1/{endpoint}/")

    assert {item["strategy"] for item in listed} == strategies_seen_by(persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_theme_answers_not_found_to_outsiders(as_persona, plan, persona):
    theme = plan.draft_action.commitment.theme

    response = as_persona(persona).get(f"/api/v1/themes/{theme.pk}/")

    assert response.status_code == (200 if "cv-draft" in strategies_seen_by(persona) else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_commitment_answers_not_found_to_outsiders(as_persona, plan, persona):
    commitment = plan.gwent_action.commitment

    response = as_persona(persona).get(f"/api/v1/commitments/{commitment.pk}/")

    expected = 200 if "gwent-draft" in strategies_seen_by(persona) else 404
    assert response.status_code == expected


def test_a_theme_carries_its_names_aim_and_number_of_commitments(anonymous, plan):
    theme = plan.world.theme
    theme.aim_en = "Prepare for an effective response."
    theme.save()

    body = anonymous.get(f"/api/v1/themes/{theme.pk}/").json()

    assert body["strategy"] == "cv-2023"
    assert body["name"] == {"en": "PREPARE", "cy": "PARATOI"}
    assert body["aim"] == {"en": "Prepare for an effective response.", "cy": ""}
    assert body["commitment_count"] == 1


def test_a_commitment_carries_its_theme_text_and_number_of_actions(anonymous, plan):
    commitment = plan.world.commitment

    body = anonymous.get(f"/api/v1/commitments/{commitment.pk}/").json()

    assert body["strategy"] == "cv-2023"
    assert body["theme"] == plan.world.theme.pk
    assert body["text"] == {"en": commitment.text_en, "cy": ""}
    assert body["action_count"] == 2


def test_themes_can_be_filtered_by_strategy(as_persona, plan):
    listed = as_persona("board").results("/api/v1/themes/", strategy="cv-draft")

    assert [t["id"] for t in listed] == [plan.draft_action.commitment.theme_id]


def test_commitments_can_be_filtered_by_strategy(as_persona, plan):
    listed = as_persona("board").results("/api/v1/commitments/", strategy="cv-2023")

    assert [c["id"] for c in listed] == [plan.world.commitment.pk]


def test_commitments_can_be_filtered_by_theme(anonymous, plan):
    extra = factories.CommitmentFactory(theme__strategy=plan.world.strategy)

    listed = anonymous.results("/api/v1/commitments/", theme=extra.theme_id)

    assert [c["id"] for c in listed] == [extra.pk]


def test_filtering_themes_by_a_hidden_strategy_reveals_nothing(anonymous):
    assert anonymous.results("/api/v1/themes/", strategy="cv-draft") == []
