import pytest

from tests import factories
from vawdasv.partnerships import permissions
from vawdasv.reviews.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_and_shared(world):
    hidden = Review.objects.create(partnership=world.partnership, kind="susr", reference="H")
    shared = Review.objects.create(
        partnership=world.partnership, kind="dhr", reference="S", shared=True
    )
    return hidden, shared


def visible_to(user):
    return set(
        Review.objects.filter(permissions.visible_reviews_filter(user)).values_list(
            "reference", flat=True
        )
    )


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("admin", {"H", "S"}),
        ("lead", {"S"}),
        ("board", {"S"}),
        ("outsider", {"S"}),
        (None, {"S"}),
    ],
)
def test_only_administrators_and_the_panel_see_unshared_reviews(
    world, hidden_and_shared, persona, sees
):
    from django.contrib.auth.models import AnonymousUser

    user = getattr(world, persona) if persona else AnonymousUser()
    assert visible_to(user) == sees
    hidden, _ = hidden_and_shared
    assert permissions.can_view_review(user, hidden) == ("H" in sees)


def test_the_learning_panel_reads_everything_of_its_partnership(
    world, panellist, hidden_and_shared
):
    assert visible_to(panellist) == {"H", "S"}
    assert permissions.can_manage_reviews(panellist, world.partnership.pk)
    assert not permissions.can_manage_reviews(panellist, world.other_partnership.pk)


def test_a_national_observer_sees_only_shared_reviews(world, hidden_and_shared):
    observer = factories.UserFactory(username="wg", national_observer=True)
    assert visible_to(observer) == {"S"}
