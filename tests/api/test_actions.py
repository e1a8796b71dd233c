"""/api/v1/actions/: the actions each persona may read, their fields, and the filters."""

from __future__ import annotations

import datetime

import pytest

from tests import factories
from tests.api.conftest import PERSONAS, strategies_seen_by


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_lists_the_actions_of_the_strategies_they_may_read(as_persona, persona):
    listed = as_persona(persona).results("/api/v1/actions/")

    assert {a["strategy"] for a in listed} == strategies_seen_by(persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_action_answers_not_found_to_outsiders(as_persona, plan, persona):
    response = as_persona(persona).get(f"/api/v1/actions/{plan.draft_action.pk}/")

    assert response.status_code == (200 if "cv-draft" in strategies_seen_by(persona) else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_published_action_is_readable_by_everyone(as_persona, plan, persona):
    response = as_persona(persona).get(f"/api/v1/actions/{plan.world.police_action.pk}/")

    assert response.status_code == 200


def test_an_action_that_does_not_exist_answers_not_found(anonymous):
    assert anonymous.get("/api/v1/actions/999999/").status_code == 404


def test_an_action_carries_its_plan_place_timescale_organisations_and_alignment(anonymous, plan):
    world = plan.world
    action = world.police_action
    action.ref = "P1.1"
    action.text_cy = "Cam gweithredu"
    action.evidence_cy = "Cofnodion cyfarfodydd"
    action.save()

    body = anonymous.get(f"/api/v1/actions/{action.pk}/").json()

    assert body["id"] == action.pk
    assert body["strategy"] == "cv-2023"
    assert body["theme"] == world.theme.pk
    assert body["commitment"] == world.commitment.pk
    assert body["ref"] == "P1.1"
    assert body["text"] == {"en": action.text_en, "cy": "Cam gweithredu"}
    assert body["evidence"] == {"en": "Minutes of meetings", "cy": "Cofnodion cyfarfodydd"}
    assert body["timescale_text"] == "Mar 2026"
    assert body["due_date"] == "2026-03-31"
    assert body["timescale_kind"] == "date"
    assert body["timescale_needs_check"] is False
    assert body["timescale"] == {
        "text": "Mar 2026",
        "kind": "date",
        "date": "2026-03-31",
        "label": {"en": "March 2026", "cy": "Mawrth 2026"},
    }
    assert body["lead_organisations"] == [
        {
            "slug": "south-wales-police",
            "name": {"en": "South Wales Police", "cy": "Heddlu De Cymru"},
            "short_name": "SWP",
        }
    ]
    assert [o["slug"] for o in body["partner_organisations"]] == ["cardiff-council"]
    assert body["alignment"] == [
        {
            "framework": plan.alignment.framework.slug,
            "code": "prevention",
            "title": {"en": plan.alignment.title_en, "cy": plan.alignment.title_cy},
        }
    ]
    assert body["url"] == {
        "en": f"http://testserver/strategies/actions/{action.pk}/",
        "cy": f"http://testserver/cy/strategies/actions/{action.pk}/",
    }


def test_an_ongoing_action_has_no_due_date(anonymous, plan):
    body = anonymous.get(f"/api/v1/actions/{plan.world.council_action.pk}/").json()

    assert body["due_date"] is None
    assert body["timescale_text"] == "Ongoing"
    assert body["timescale_kind"] == "ongoing"


def test_actions_can_be_filtered_by_strategy(as_persona, plan):
    listed = as_persona("admin").results("/api/v1/actions/", strategy="cv-draft")

    assert [a["id"] for a in listed] == [plan.draft_action.pk]


def test_filtering_by_another_partnerships_draft_reveals_nothing(as_persona):
    assert as_persona("admin").results("/api/v1/actions/", strategy="gwent-draft") == []


def test_actions_can_be_filtered_by_theme(anonymous, plan):
    other_theme = factories.ThemeFactory(strategy=plan.world.strategy)
    elsewhere = factories.ActionFactory(commitment__theme=other_theme)

    listed = anonymous.results("/api/v1/actions/", theme=other_theme.pk)

    assert [a["id"] for a in listed] == [elsewhere.pk]


def test_actions_can_be_filtered_by_commitment(anonymous, plan):
    listed = anonymous.results("/api/v1/actions/", commitment=plan.world.commitment.pk)

    assert {a["id"] for a in listed} == {plan.world.police_action.pk, plan.world.council_action.pk}


def test_actions_can_be_filtered_by_lead_organisation(anonymous, plan):
    listed = anonymous.results("/api/v1/actions/", lead_organisation="cardiff-council")

    assert [a["id"] for a in listed] == [plan.world.council_action.pk]


def test_an_action_led_jointly_is_listed_once_under_each_lead(anonymous, plan):
    plan.world.police_action.lead_organisations.add(plan.world.council)

    by_council = anonymous.results("/api/v1/actions/", lead_organisation="cardiff-council")
    everything = anonymous.results("/api/v1/actions/")

    assert sorted(a["id"] for a in by_council) == sorted(
        [plan.world.police_action.pk, plan.world.council_action.pk]
    )
    assert len(everything) == 2


@pytest.fixture
def dated_actions(plan):
    commitment = plan.world.commitment
    return {
        day: factories.ActionFactory(commitment=commitment, due_date=day).pk
        for day in (
            datetime.date(2024, 3, 31),
            datetime.date(2025, 3, 31),
            datetime.date(2027, 3, 31),
        )
    }


def test_due_before_includes_actions_due_on_that_day(anonymous, dated_actions):
    listed = anonymous.results("/api/v1/actions/", due_before="2025-03-31")

    assert {a["id"] for a in listed} == {
        dated_actions[datetime.date(2024, 3, 31)],
        dated_actions[datetime.date(2025, 3, 31)],
    }


def test_due_after_includes_actions_due_on_that_day_and_skips_undated_ones(
    anonymous, plan, dated_actions
):
    listed = anonymous.results("/api/v1/actions/", due_after="2026-03-31")

    assert {a["id"] for a in listed} == {
        plan.world.police_action.pk,  # due 31 March 2026
        dated_actions[datetime.date(2027, 3, 31)],
    }


def test_due_before_and_after_together_give_a_window(anonymous, plan, dated_actions):
    listed = anonymous.results("/api/v1/actions/", due_after="2024-04-01", due_before="2026-03-31")

    assert {a["id"] for a in listed} == {
        dated_actions[datetime.date(2025, 3, 31)],
        plan.world.police_action.pk,
    }


def test_a_due_date_filter_that_is_not_a_date_is_refused_with_the_reason(anonymous):
    response = anonymous.get("/api/v1/actions/", due_before="March 2026")

    assert response.status_code == 400
    assert list(response.json()) == ["due_before"]


def test_a_theme_filter_that_is_not_a_number_is_refused(anonymous):
    response = anonymous.get("/api/v1/actions/", theme="prepare")

    assert response.status_code == 400
    assert "theme" in response.json()


def test_actions_can_be_filtered_by_kind_of_timescale(anonymous, plan):
    listed = anonymous.results("/api/v1/actions/", timescale_kind="ongoing")

    assert [a["id"] for a in listed] == [plan.world.council_action.pk]


def test_actions_are_listed_in_plan_order(anonymous, plan):
    world = plan.world
    world.theme.order = 10
    world.theme.save()
    first_theme = factories.ThemeFactory(strategy=world.strategy, order=1)
    early = factories.ActionFactory(commitment__theme=first_theme)

    listed = anonymous.results("/api/v1/actions/")

    assert listed[0]["id"] == early.pk
