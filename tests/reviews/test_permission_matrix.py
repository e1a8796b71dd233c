"""Every reviews page × every role, for a review the partnership shows to everyone and for one
it does not. The table is the rule at a glance; the test replays it. A review someone may not
see is a 404 (its existence is not leaked); pages that change things need signing in first."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories
from vawdasv.reviews.models import LearningPanelMember, Recommendation, Review

OK, LOGIN, DENY, HIDE = 200, 302, 403, 404

ROLES = (
    "anonymous", "administrator", "lead_officer", "other_lead_officer", "board_member",
    "other_partnership_administrator", "national_observer", "learning_panel", "superuser",
)  # fmt: skip

# fmt: off
#                                      anon   admin  lead   o.lead board  nia    obs.   panel  super
EXPECTED: dict[tuple[str, str], tuple[int, ...]] = {
    ("list", "shared"):               (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("detail", "shared"):             (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("recommendation", "shared"):     (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("code", "shared"):               (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK,    OK),
    ("upload", "shared"):             (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK,    OK),
    ("recommendation_add", "shared"): (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK,    OK),
    ("dashboard", "shared"):          (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("codebook", "shared"):           (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("create", "shared"):             (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK,    OK),
    ("panel", "shared"):              (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("panel_remove", "shared"):       (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),

    ("detail", "unshared"):           (HIDE,  OK,    HIDE,  HIDE,  HIDE,  HIDE,  HIDE,  OK,    OK),
    ("recommendation", "unshared"):   (LOGIN, OK,    HIDE,  HIDE,  HIDE,  HIDE,  HIDE,  OK,    OK),
    ("code", "unshared"):             (LOGIN, OK,    HIDE,  HIDE,  HIDE,  HIDE,  HIDE,  OK,    OK),
    ("upload", "unshared"):           (LOGIN, OK,    HIDE,  HIDE,  HIDE,  HIDE,  HIDE,  OK,    OK),
    ("recommendation_add", "unshared"): (LOGIN, OK,  HIDE,  HIDE,  HIDE,  HIDE,  HIDE,  OK,    OK),
}
# fmt: on


@pytest.fixture
def people(world):
    panel = factories.UserFactory(username="panel")
    LearningPanelMember.objects.create(partnership=world.partnership, user=panel)
    return {
        "anonymous": None, "administrator": world.admin, "lead_officer": world.lead,
        "other_lead_officer": world.council_lead, "board_member": world.board,
        "other_partnership_administrator": world.outsider,
        "national_observer": factories.UserFactory(username="obs", national_observer=True),
        "learning_panel": panel,
        "superuser": factories.UserFactory(username="root", is_superuser=True),
    }  # fmt: skip


def _address(page: str, review: Review) -> str:
    recommendation = review.recommendations.get()
    seat = LearningPanelMember.objects.get(partnership=review.partnership)
    return {
        "list": "/reviews/", "detail": f"/reviews/{review.pk}/",
        "recommendation": f"/reviews/recommendations/{recommendation.pk}/",
        "code": f"/reviews/{review.pk}/code/", "upload": f"/reviews/{review.pk}/upload/",
        "recommendation_add": f"/reviews/{review.pk}/recommendations/new/",
        "dashboard": "/reviews/recommendations/", "codebook": "/reviews/codebook/",
        "create": f"/reviews/new/{review.partnership.slug}/",
        "panel": f"/reviews/panel/{review.partnership.slug}/",
        "panel_remove": f"/reviews/panel/{review.partnership.slug}/{seat.pk}/remove/",
    }[page]  # fmt: skip


@pytest.mark.parametrize(("page", "which"), list(EXPECTED))
def test_each_role_gets_what_the_table_says(world, people, page, which):
    review = Review.objects.create(
        partnership=world.partnership, kind="susr", reference="M1", shared=which == "shared"
    )
    Recommendation.objects.create(review=review, number=1, text_en="R", scope="local")
    got = []
    for role in ROLES:
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        got.append(client.get(_address(page, review)).status_code)
    assert tuple(got) == EXPECTED[(page, which)], dict(zip(ROLES, got, strict=True))
