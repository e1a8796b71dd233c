"""/api/v1/reviews/ and /api/v1/review-themes/: the same reading rules as the pages."""

from __future__ import annotations

import pytest

from tests.api.conftest import PERSONAS
from vawdasv.reviews.models import Recommendation, Review

FULL_READERS = {"admin", "superuser"}


@pytest.fixture
def reviews(plan):
    world = plan.world
    hidden = Review.objects.create(partnership=world.partnership, kind="susr", reference="HID")
    shared = Review.objects.create(
        partnership=world.partnership, kind="dhr", reference="SHR", shared=True,
        summary_en="A fictional summary.",
    )  # fmt: skip
    Recommendation.objects.create(review=shared, number=1, text_en="Train.", scope="local")
    return hidden, shared


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_lists_the_reviews_they_may_see(as_persona, reviews, persona):
    listed = {item["reference"] for item in as_persona(persona).results("/api/v1/reviews/")}
    assert listed == ({"HID", "SHR"} if persona in FULL_READERS else {"SHR"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_unshared_review_answers_not_found_to_others(as_persona, reviews, persona):
    hidden, _ = reviews
    response = as_persona(persona).get(f"/api/v1/reviews/{hidden.pk}/")
    assert response.status_code == (200 if persona in FULL_READERS else 404)


def test_a_shared_review_carries_its_summary_and_recommendation_status(as_persona, reviews):
    _, shared = reviews
    body = as_persona("anonymous").get(f"/api/v1/reviews/{shared.pk}/").json()
    assert body["summary"] == {"en": "A fictional summary.", "cy": ""}
    assert body["recommendations"][0]["status"] == "not_started"
    assert body["themes"] == []


def test_the_codebook_is_readable_by_anyone(as_persona):
    codes = {item["code"] for item in as_persona("anonymous").results("/api/v1/review-themes/")}
    assert {"coercive-control", "risk-assessment"} <= codes
