"""The learning panel page: administrators put people of the partnership on the panel and take
them off after a confirmation; each change is audited and changes what the person reads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from vawdasv.audit.models import AuditEntry
from vawdasv.partnerships import permissions
from vawdasv.reviews import services
from vawdasv.reviews.models import LearningPanelMember

pytestmark = pytest.mark.django_db


def panel_url(world):
    return f"/reviews/panel/{world.partnership.slug}/"


def remove_url(world, seat):
    return f"/reviews/panel/{world.partnership.slug}/{seat.pk}/remove/"


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_an_administrator_adds_a_board_member_who_then_reads_an_unshared_review(
    client, world, review, prefix
):
    client.force_login(world.admin)
    page = client.get(f"{prefix}{panel_url(world)}")
    assert page.status_code == 200
    assert f'value="{world.board.pk}"'.encode() in page.content
    response = client.post(f"{prefix}{panel_url(world)}", {"user": world.board.pk})
    assert response.status_code == 302
    assert LearningPanelMember.objects.filter(user=world.board).exists()
    entry = AuditEntry.objects.get(content_type__model="learningpanelmember")
    assert entry.verb == "created"
    page = client.get(f"{prefix}{panel_url(world)}")
    # Now listed, with a way to remove them, and no longer offered.
    assert remove_url(world, LearningPanelMember.objects.get()).encode() in page.content
    assert f'value="{world.board.pk}"'.encode() not in page.content
    client.force_login(world.board)
    assert client.get(f"/reviews/{review.pk}/").status_code == 200


def test_someone_outside_the_partnership_cannot_be_put_on_its_panel(client, world):
    client.force_login(world.admin)
    response = client.post(panel_url(world), {"user": world.outsider.pk})
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    assert not LearningPanelMember.objects.exists()
    with pytest.raises(ValidationError):
        services.seat_panel_member(
            actor=world.admin, partnership=world.partnership, user=world.outsider
        )
    assert not LearningPanelMember.objects.exists()


def test_nothing_chosen_says_so_and_seats_nobody(client, world):
    client.force_login(world.admin)
    response = client.post(panel_url(world), {"user": ""})
    assert response.status_code == 400
    assert b"Choose a person to add to the panel" in response.content
    assert not LearningPanelMember.objects.exists()


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_removal_asks_first_then_takes_the_person_off_and_their_reading_with_it(
    client, world, review, prefix
):
    seat = services.seat_panel_member(
        actor=world.admin, partnership=world.partnership, user=world.board
    )
    url = f"{prefix}{remove_url(world, seat)}"
    client.force_login(world.admin)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert b"govuk-button--warning" in confirm.content
    assert LearningPanelMember.objects.exists()
    assert client.post(url).status_code == 302
    assert not LearningPanelMember.objects.exists()
    deleted = AuditEntry.objects.filter(content_type__model="learningpanelmember", verb="deleted")
    assert deleted.count() == 1
    client.force_login(world.board)
    assert client.get(f"/reviews/{review.pk}/").status_code == 404


def test_a_panel_member_may_not_seat_others_nor_remove_anyone(world):
    panel = factories.UserFactory(username="pan")
    factories.MembershipFactory(user=panel, partnership=world.partnership, role="board_member")
    seat = services.seat_panel_member(actor=world.admin, partnership=world.partnership, user=panel)
    permissions.forget_learning_panels(panel)
    with pytest.raises(PermissionDenied):
        services.seat_panel_member(actor=panel, partnership=world.partnership, user=world.lead)
    with pytest.raises(PermissionDenied):
        services.unseat_panel_member(actor=panel, seat=seat)
    assert LearningPanelMember.objects.count() == 1


def test_a_seat_of_another_partnership_is_not_found_from_this_one(client, world):
    other_admin_seat = LearningPanelMember.objects.create(
        partnership=world.other_partnership, user=world.outsider
    )
    client.force_login(world.admin)
    assert client.post(remove_url(world, other_admin_seat)).status_code == 404
    assert LearningPanelMember.objects.exists()
