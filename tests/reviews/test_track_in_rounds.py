"""“Track in progress rounds”: a recommendation links an action already in the plan, or has one
created, through the plan services; then its page shows the action's latest approved update
from the rounds as plan pages do (plans.progress_summary: reviews never imports progress)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from vawdasv.audit.models import AuditEntry
from vawdasv.progress import services as progress
from vawdasv.reviews import services
from vawdasv.reviews.models import Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendation(world, review):
    return services.create_recommendation(
        actor=world.admin, review=review,
        data={"text_en": "Train staff in routine enquiry.", "scope": "local",
              "owner_organisation": world.police},
    )  # fmt: skip


def url(recommendation):
    return f"/reviews/recommendations/{recommendation.pk}/"


def approve(world, action, narrative_en, narrative_cy, period="2026/27 Q1"):
    progress_round = progress.open_round(
        actor=world.admin, strategy=world.strategy, period_label=period,
        deadline=datetime.date(2026, 7, 31),
    )  # fmt: skip
    update = progress.submit_update(
        actor=world.admin, progress_round=progress_round, action=action,
        data={"rag": "green", "narrative_en": narrative_en, "narrative_cy": narrative_cy},
    )  # fmt: skip
    progress.approve_update(actor=world.admin, update=update, comment="")


@pytest.mark.parametrize(
    ("prefix", "button", "period"),
    [("", "Track in progress rounds", "From the 2026/27 Q1 progress round"),
     ("/cy", "Olrhain mewn cylchoedd cynnydd", "2026/27 Q1")],
)  # fmt: skip
def test_linking_an_existing_action_shows_its_latest_approved_update(
    client, world, recommendation, prefix, button, period
):
    client.force_login(world.admin)
    page = client.get(f"{prefix}{url(recommendation)}").content.decode()
    assert button in page
    assert f'<option value="{world.police_action.pk}">' in page
    response = client.post(
        f"{prefix}{url(recommendation)}",
        {"form": "track", "action": world.police_action.pk, "commitment": ""},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.action == world.police_action
    assert AuditEntry.objects.filter(
        content_type__model="recommendation", changes__has_key="action"
    ).exists()
    page = client.get(f"{prefix}{url(recommendation)}").content.decode()
    assert button not in page
    assert "govuk-tag--green" not in page
    approve(
        world, world.police_action, "Training delivered to 40 staff.", "Hyfforddiant i 40 o staff."
    )
    page = client.get(f"{prefix}{url(recommendation)}").content.decode()
    assert "govuk-tag--green" in page
    assert period in page
    assert f'href="{prefix}/strategies/actions/{world.police_action.pk}/"' in page


def test_creating_an_action_under_a_commitment_puts_it_in_the_plan(client, world, recommendation):
    client.force_login(world.admin)
    response = client.post(
        url(recommendation), {"form": "track", "action": "", "commitment": world.commitment.pk}
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    action = recommendation.action
    assert action.commitment == world.commitment
    assert action.text_en == "Train staff in routine enquiry."
    assert list(action.lead_organisations.all()) == [world.police]


@pytest.mark.parametrize(
    "choice", [{"action": "", "commitment": ""}, {"action": "ACTION", "commitment": "COMMITMENT"}]
)
def test_choosing_neither_or_both_says_so_and_changes_nothing(
    client, world, recommendation, choice
):
    data = {
        "form": "track",
        "action": world.police_action.pk if choice["action"] else "",
        "commitment": world.commitment.pk if choice["commitment"] else "",
    }
    client.force_login(world.admin)
    response = client.post(url(recommendation), data)
    assert response.status_code == 400
    assert b"Choose an action to link, or a commitment to create one under" in response.content
    recommendation.refresh_from_db()
    assert recommendation.action is None
    with pytest.raises(ValidationError):
        services.track_in_rounds(actor=world.admin, recommendation=recommendation)


def test_an_action_of_another_partnership_is_not_offered_nor_accepted(
    client, world, recommendation
):
    from tests import factories

    theirs = factories.ActionFactory(
        commitment=factories.CommitmentFactory(
            theme=factories.ThemeFactory(strategy=world.other_strategy)
        )
    )
    client.force_login(world.admin)
    response = client.post(
        url(recommendation), {"form": "track", "action": theirs.pk, "commitment": ""}
    )
    assert response.status_code == 400
    assert Recommendation.objects.get().action is None
    with pytest.raises(ValidationError):
        services.track_in_rounds(actor=world.admin, recommendation=recommendation, action=theirs)


def test_a_board_member_may_not_track(client, world, recommendation):
    services.track_in_rounds(
        actor=world.admin, recommendation=recommendation, action=world.police_action
    )
    recommendation.review.shared = True
    recommendation.review.save()
    client.force_login(world.board)
    page = client.get(url(recommendation)).content.decode()
    assert "No approved update from a progress round yet." in page
    response = client.post(
        url(recommendation), {"form": "track", "action": world.council_action.pk}
    )
    assert response.status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.action == world.police_action


def test_someone_from_another_partnership_sees_the_shared_recommendation_not_its_progress(
    client, world, recommendation
):
    services.track_in_rounds(
        actor=world.admin, recommendation=recommendation, action=world.police_action
    )
    approve(world, world.police_action, "Training delivered.", "Hyfforddiant.")
    recommendation.review.shared = True
    recommendation.review.save()
    client.force_login(world.outsider)
    page = client.get(url(recommendation)).content.decode()
    assert "Train staff in routine enquiry." in page
    assert "govuk-tag--green" not in page
    client.force_login(world.board)
    assert "govuk-tag--green" in client.get(url(recommendation)).content.decode()
