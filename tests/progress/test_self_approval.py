"""An administrator does not approve their own update while another administrator can (issue 8)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from tests.progress.conftest import GOOD_UPDATE
from vawdasv.audit.models import AuditEntry
from vawdasv.partnerships.enums import Role
from vawdasv.progress import services
from vawdasv.progress.enums import UpdateState
from vawdasv.progress.models import ProgressUpdate


@pytest.fixture
def second_admin(world):
    user = factories.UserFactory(username="rhys", first_name="Rhys")
    factories.MembershipFactory(user=user, partnership=world.partnership, role=Role.ADMINISTRATOR)
    return user


def _written_by_admin(world, progress_round) -> ProgressUpdate:
    return services.submit_update(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip


def test_an_administrator_cannot_approve_their_own_update_when_another_can(
    world, progress_round, second_admin
):
    update = _written_by_admin(world, progress_round)

    with pytest.raises(ValidationError, match="another administrator"):
        services.approve_update(actor=world.admin, update=update)

    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_the_other_administrator_approves_it(world, progress_round, second_admin):
    update = _written_by_admin(world, progress_round)

    approved = services.approve_update(actor=second_admin, update=update)

    assert approved.state == UpdateState.APPROVED
    entry = AuditEntry.objects.filter(object_id=update.pk, actor=second_admin).get()
    assert "self_approved" not in entry.changes


def test_a_sole_administrator_may_approve_their_own_update_and_it_is_recorded(
    world, progress_round
):
    update = _written_by_admin(world, progress_round)

    approved = services.approve_update(actor=world.admin, update=update)

    assert approved.state == UpdateState.APPROVED
    entry = AuditEntry.objects.filter(object_id=update.pk, changes__has_key="self_approved").get()
    assert entry.actor == world.admin
    assert entry.changes["self_approved"] == {"before": None, "after": True}


def test_an_earlier_draft_by_the_administrator_makes_it_their_own_too(
    world, progress_round, second_admin
):
    services.save_draft(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, "narrative_en": "Started by Alys"},
    )  # fmt: skip
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE, expected_version=1,
    )  # fmt: skip

    with pytest.raises(ValidationError, match="another administrator"):
        services.approve_update(actor=world.admin, update=update)


def test_the_review_page_says_so_and_refuses_with_a_clear_message(
    client, world, progress_round, second_admin
):
    update = _written_by_admin(world, progress_round)
    client.force_login(world.admin)
    url = reverse("progress:review", args=[update.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"decision": "approve", "comment": ""})

    assert "You wrote this update, so another administrator" in page
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_the_review_page_tells_a_sole_administrator_it_will_be_recorded(
    client, world, progress_round
):
    update = _written_by_admin(world, progress_round)
    client.force_login(world.admin)

    page = client.get(reverse("progress:review", args=[update.pk])).content.decode()

    assert "approved your own update" in page


def test_approving_a_lead_officers_update_shows_no_warning(client, world, progress_round):
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    client.force_login(world.admin)

    page = client.get(reverse("progress:review", args=[update.pk])).content.decode()

    assert "You wrote this update" not in page
