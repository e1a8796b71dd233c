"""/api/v1/strategies/: what each persona may read, and what a strategy carries."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.conftest import PERSONAS, strategies_seen_by

ALL_STRATEGIES = ["cv-2023", "cv-draft", "gwent-draft"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_lists_the_strategies_the_pages_show_them(as_persona, persona):
    listed = {s["slug"] for s in as_persona(persona).results("/api/v1/strategies/")}

    assert listed == strategies_seen_by(persona)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("slug", ALL_STRATEGIES)
def test_a_strategy_is_readable_only_by_those_who_may_see_it(as_persona, persona, slug):
    response = as_persona(persona).get(f"/api/v1/strategies/{slug}/")

    expected = 200 if slug in strategies_seen_by(persona) else 404
    assert response.status_code == expected


def test_a_strategy_carries_its_partnership_period_vision_status_and_counts(anonymous, plan):
    strategy = plan.world.strategy
    partnership = plan.world.partnership
    strategy.vision_en = "Wales is the safest place in Europe to be a woman."
    strategy.vision_cy = "Cymru yw'r lle mwyaf diogel yn Ewrop i fod yn fenyw."
    strategy.save()
    factories.ThemeFactory(strategy=strategy)  # a theme with no commitments yet

    body = anonymous.get("/api/v1/strategies/cv-2023/").json()

    assert body["partnership"] == {
        "slug": "cardiff-vale",
        "name": {
            "en": "Cardiff and Vale of Glamorgan VAWDASV Partnership",
            "cy": partnership.name_cy,
        },
    }
    assert body["title"] == {"en": strategy.title_en, "cy": ""}
    assert body["period"] == {"start_year": 2023, "end_year": 2028, "label": "2023–2028"}
    assert body["vision"]["cy"] == "Cymru yw'r lle mwyaf diogel yn Ewrop i fod yn fenyw."
    assert body["status"] == "published"
    assert body["counts"] == {"themes": 2, "commitments": 1, "actions": 2}
    assert body["url"] == {
        "en": "http://testserver/strategies/cv-2023/",
        "cy": "http://testserver/cy/strategies/cv-2023/",
    }


def test_strategies_can_be_filtered_by_partnership(as_persona):
    listed = as_persona("observer").results("/api/v1/strategies/", partnership="gwent")

    assert [s["slug"] for s in listed] == ["gwent-draft"]


def test_strategies_can_be_filtered_by_status(as_persona):
    listed = as_persona("admin").results("/api/v1/strategies/", status="draft")

    assert [s["slug"] for s in listed] == ["cv-draft"]


def test_filtering_by_a_hidden_partnership_reveals_nothing(anonymous):
    assert anonymous.results("/api/v1/strategies/", partnership="gwent") == []


def test_an_unknown_status_is_refused_with_the_reason(anonymous):
    response = anonymous.get("/api/v1/strategies/", status="secret")

    assert response.status_code == 400
    assert "status" in response.json()
