"""The demo's fictional safeguarding reviews (built on the test world, not the full demo)."""

import pytest

from vawdasv.demo.reviews import load_demo_reviews
from vawdasv.reviews import assist, selectors
from vawdasv.reviews.enums import CodingState, RecommendationStatus
from vawdasv.reviews.models import Coding, Recommendation, Review

pytestmark = pytest.mark.django_db


def test_the_demo_reviews_are_fictional_coded_enough_to_train_and_tracked(world, client):
    people = {"alys": world.admin, "gareth": world.board}
    made = load_demo_reviews(partnership=world.partnership, strategy=world.strategy, people=people)
    assert len(made) == 3 and all(r.fictional for r in Review.objects.all())
    assert assist.current().method == assist.CLASSIFIER
    assert Coding.objects.filter(state=CodingState.SUGGESTED).exists()
    states = set(Recommendation.objects.values_list("status", flat=True))
    assert states == set(RecommendationStatus.values)
    assert Recommendation.objects.filter(action__isnull=False).count() == 1
    assert selectors.dashboard(world.board)["overdue"] >= 1
    page = client.get(f"/reviews/{made[0].pk}/")
    assert b"Fictional review written for the demonstration" in page.content
    welsh = client.get(f"/cy/reviews/{made[0].pk}/")
    assert b"Adolygiad ffuglennol" in welsh.content
