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


def test_the_demo_logs_a_briefing_to_one_of_its_governance_groups_once(world, client):
    from vawdasv.governance import services as governance
    from vawdasv.reviews.models import Dissemination

    group = governance.create_group(
        actor=world.admin, partnership=world.partnership,
        data={"name_en": "Demo Steering Group (fictional)", "kind": "steering_group",
              "frequency": "quarterly"},
    )  # fmt: skip
    people = {"alys": world.admin}
    for _ in range(2):
        load_demo_reviews(partnership=world.partnership, strategy=world.strategy, people=people)
    assert Dissemination.objects.filter(group_id=group.pk).count() == 1
    client.force_login(world.admin)
    log = client.get("/reviews/recommendations/").content.decode()
    assert f'/governance/groups/{group.pk}/">Demo Steering Group (fictional)</a>' in log
