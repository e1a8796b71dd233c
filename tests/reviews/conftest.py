import pytest

from tests import factories
from vawdasv.reviews import services
from vawdasv.reviews.enums import ReviewKind, ReviewStatus
from vawdasv.reviews.models import LearningPanelMember


@pytest.fixture
def panellist(world):
    """Ffion sits on Cardiff and Vale's learning panel; she holds no partnership role."""
    user = factories.UserFactory(username="ffion", first_name="Ffion")
    LearningPanelMember.objects.create(partnership=world.partnership, user=user)
    return user


@pytest.fixture
def review(world):
    return services.create_review(
        actor=world.admin,
        partnership=world.partnership,
        data={
            "kind": ReviewKind.SUSR,
            "reference": "CV-SUSR-01",
            "title_en": "A fictional review",
            "status": ReviewStatus.PUBLISHED,
        },
        agencies=[world.police],
    )
