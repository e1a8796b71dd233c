import datetime

import pytest
from django.http import Http404

from vawdasv.reviews import selectors, services
from vawdasv.reviews.enums import DocumentKind, Language, PassageKind, RecommendationStatus
from vawdasv.reviews.models import Passage, Review, ReviewFile

pytestmark = pytest.mark.django_db


def with_text(review, *paragraphs):
    source = ReviewFile.objects.create(
        review=review, document=DocumentKind.REPORT, language=Language.ENGLISH,
        file_name="r.pdf", content_type="application/pdf", size=1, sha256="1" * 64, stored_as="x",
    )  # fmt: skip
    for i, text in enumerate(paragraphs):
        Passage.objects.create(
            review=review, source=source, kind=PassageKind.PARAGRAPH, position=i, paragraph=i,
            page=i + 1, text=text,
        )  # fmt: skip
    return review


def make(world, reference, **kwargs):
    return Review.objects.create(
        partnership=world.partnership, kind="susr", reference=reference, **kwargs
    )


def test_search_finds_paragraphs_by_their_words_with_review_and_page(world):
    review = with_text(
        make(world, "A"),
        "The GP did not share information with the police.",
        "Her employer offered flexible hours.",
    )
    [hit] = selectors.search_passages(world.admin, "information police")
    assert (hit.review, hit.page) == (review, 1)


def test_search_never_reaches_text_the_user_may_not_read(world):
    with_text(make(world, "A", shared=True), "The GP did not share information.")
    assert selectors.search_passages(world.admin, "information")
    assert selectors.search_passages(world.board, "information") == []


def test_reviews_like_this_one_rank_by_shared_words(world):
    first = with_text(make(world, "A"), "coercive control isolation phone checked")
    close = with_text(make(world, "B"), "coercive control and isolation from friends")
    far = with_text(make(world, "C"), "fire safety visit smoke alarm")
    ranked = selectors.similar_reviews(world.admin, first)
    assert [r for r, _ in ranked] == [close]
    assert far not in [r for r, _ in ranked]


def test_an_unshared_review_is_not_found_for_a_board_member(world):
    review = make(world, "A")
    with pytest.raises(Http404):
        selectors.get_review(world.board, review.pk)


def test_the_dashboard_flags_overdue_open_recommendations(world):
    review = make(world, "A", shared=True)
    late = services.create_recommendation(
        actor=world.admin, review=review,
        data={"text_en": "Late", "scope": "local", "due_on": datetime.date(2020, 1, 1)},
        agencies=[world.police],
    )  # fmt: skip
    services.create_recommendation(
        actor=world.admin, review=review,
        data={"text_en": "Done", "scope": "local", "due_on": datetime.date(2020, 1, 1),
              "status": RecommendationStatus.COMPLETED},
    )  # fmt: skip
    board = selectors.dashboard(world.board)
    assert board["overdue"] == 1
    assert [row.recommendation for row in board["rows"] if row.overdue] == [late]
    assert board["by_agency"] == [(str(world.police), 1)]
    assert len(selectors.dashboard(world.board, agency_id=world.police.pk)["rows"]) == 1


def test_a_recommendation_becomes_a_plan_action_that_rounds_will_cover(world):
    review = make(world, "A")
    recommendation = services.create_recommendation(
        actor=world.admin, review=review,
        data={"text_en": "Train GP practices in routine enquiry.", "scope": "local",
              "owner_organisation": world.council, "due_on": datetime.date(2027, 3, 31)},
    )  # fmt: skip
    linked = services.create_action_for_recommendation(
        actor=world.admin, recommendation=recommendation, commitment=world.commitment
    )
    action = linked.action
    assert action.commitment == world.commitment
    assert action.text_en == "Train GP practices in routine enquiry."
    assert list(action.lead_organisations.all()) == [world.council]
