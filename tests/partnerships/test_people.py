"""The regional team manages its people and organisations on pages of the product."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories
from vawdasv.accounts.models import User
from vawdasv.audit.models import AuditEntry
from vawdasv.partnerships import permissions, services
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.models import Invitation, Membership, Organisation

LINK = re.compile(r"https?://\S+/partnerships/invitations/(\S+)/")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _invite(world, capture, email="ffion@example.org", language="en", **extra):
    with capture(execute=True):
        invitation = services.invite_person(
            actor=world.admin, partnership=world.partnership, email=email,
            role=Role.LEAD_OFFICER, organisation=world.council, language=language,
            first_name="Ffion", site_url="https://vawdasv.example", **extra,
        )  # fmt: skip
    token = LINK.search(mail.outbox[-1].body).group(1)
    return invitation, token


# Invitations -------------------------------------------------------------------------------


def test_an_invitation_is_emailed_in_the_invitees_language_with_a_link(
    world, django_capture_on_commit_callbacks
):
    invitation, token = _invite(world, django_capture_on_commit_callbacks, language="cy")
    message = mail.outbox[-1]
    assert message.to == ["ffion@example.org"]
    assert "You are invited" not in message.subject  # Welsh, not English
    assert token and invitation.token_hash != token  # only a hash is stored
    assert AuditEntry.objects.filter(object_id=invitation.pk, verb="created").exists()


def test_accepting_creates_the_account_with_role_and_organisation_once(
    world, django_capture_on_commit_callbacks
):
    _invitation, token = _invite(world, django_capture_on_commit_callbacks)
    client = Client()
    url = f"/partnerships/invitations/{token}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"first_name": "Ffion", "last_name": "Jones", "password1": "a long secret phrase",
         "password2": "a long secret phrase"},
    )  # fmt: skip
    assert response.status_code == 302
    user = User.objects.get(email="ffion@example.org")
    assert user.organisation == world.council
    assert permissions.role_in(user, world.partnership.pk) == Role.LEAD_OFFICER
    assert user.check_password("a long secret phrase")
    again = Client().get(url)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_an_expired_link_says_so_and_offers_a_new_one_to_the_same_address(
    world, django_capture_on_commit_callbacks
):
    invitation, token = _invite(world, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client = Client()
    page = client.get(f"/partnerships/invitations/{token}/")
    assert page.status_code == 410
    assert "has expired" in page.content.decode()
    assert not User.objects.filter(email="ffion@example.org").exists()
    with django_capture_on_commit_callbacks(execute=True):
        renewed = client.post(f"/partnerships/invitations/{token}/renew/")
    assert renewed.status_code == 200
    assert mail.outbox[-1].to == ["ffion@example.org"]
    new_token = LINK.search(mail.outbox[-1].body).group(1)
    assert new_token != token
    assert client.get(f"/partnerships/invitations/{new_token}/").status_code == 200


def test_a_new_invitation_stops_the_earlier_link(world, django_capture_on_commit_callbacks):
    _first, first_token = _invite(world, django_capture_on_commit_callbacks)
    _invite(world, django_capture_on_commit_callbacks)
    assert Client().get(f"/partnerships/invitations/{first_token}/").status_code == 410


def test_a_made_up_link_does_not_work(db):
    assert Client().get("/partnerships/invitations/not-a-real-token/").status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "owain-at-example"}, "email", "correct format"),
        ({"email": "taken@example.org"}, "email", "already uses this email"),
        ({"organisation": "outsider"}, "organisation", "member organisations"),
    ],
)
def test_bad_invitations_get_a_clear_message_and_change_nothing(world, data, field, message):
    factories.UserFactory(username="taken", email="taken@example.org")
    elsewhere = factories.OrganisationFactory(name_en="Gwent Council", slug="gwent-council")
    form = {
        "email": "new@example.org", "organisation": world.council.pk, "role": Role.LEAD_OFFICER,
        "language": "en", **data,
    }  # fmt: skip
    if form["organisation"] == "outsider":
        form["organisation"] = elsewhere.pk
    before = (Invitation.objects.count(), AuditEntry.objects.count())
    response = _signed_in(world.admin).post(
        f"/partnerships/{world.partnership.slug}/people/invite/", form
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Invitation.objects.count(), AuditEntry.objects.count()) == before
    assert mail.outbox == []


def test_sending_invitations_is_rate_limited(world, monkeypatch):
    monkeypatch.setattr(services, "INVITATIONS_PER_HOUR", 2)
    for number in range(2):
        services.invite_person(
            actor=world.admin, partnership=world.partnership, email=f"p{number}@example.org",
            role=Role.LEAD_OFFICER, organisation=world.council,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="too many invitations"):
        services.invite_person(
            actor=world.admin, partnership=world.partnership, email="p3@example.org",
            role=Role.LEAD_OFFICER, organisation=world.council,
        )  # fmt: skip


def test_only_administrators_invite(world):
    with pytest.raises(PermissionDenied):
        services.invite_person(
            actor=world.lead, partnership=world.partnership, email="x@example.org",
            role=Role.ADMINISTRATOR, organisation=world.police,
        )  # fmt: skip


# Roles and memberships ---------------------------------------------------------------------


def test_changing_a_role_is_audited_and_takes_effect(world):
    membership = Membership.objects.get(user=world.board, partnership=world.partnership)
    services.change_role(actor=world.admin, membership=membership, role=Role.LEAD_OFFICER)
    membership.refresh_from_db()
    assert membership.role == Role.LEAD_OFFICER
    entry = AuditEntry.objects.filter(object_id=membership.pk).latest("pk")
    assert entry.changes["role"] == {"before": "board_member", "after": "lead_officer"}


def test_the_last_administrator_cannot_be_removed_or_demoted(world):
    membership = Membership.objects.get(user=world.admin, partnership=world.partnership)
    page = _signed_in(world.admin).post(
        f"/partnerships/{world.partnership.slug}/people/{membership.pk}/",
        {"intent": "end", "end-confirm": "on"},
    )
    assert page.status_code == 400
    assert "only administrator" in page.content.decode()
    with pytest.raises(ValidationError, match="only administrator"):
        services.change_role(actor=world.admin, membership=membership, role=Role.BOARD_MEMBER)
    membership.refresh_from_db()
    assert membership.active and membership.role == Role.ADMINISTRATOR


def test_an_ended_membership_is_kept_and_gives_no_access(world):
    membership = Membership.objects.get(user=world.lead, partnership=world.partnership)
    response = _signed_in(world.admin).post(
        f"/partnerships/{world.partnership.slug}/people/{membership.pk}/",
        {"intent": "end", "end-confirm": "on"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.active and membership.ended_at is not None
    fresh = User.objects.get(pk=world.lead.pk)
    assert permissions.role_in(fresh, world.partnership.pk) is None
    assert User.objects.filter(pk=world.lead.pk).exists()  # their name stays on past work


def test_the_people_page_shows_who_last_signed_in(world):
    User.objects.filter(pk=world.lead.pk).update(last_login=timezone.now())
    page = _signed_in(world.admin).get(f"/partnerships/{world.partnership.slug}/people/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Owain" in text and "Never" in text


# Organisations -----------------------------------------------------------------------------


def test_search_finds_organisations_across_wales_and_adds_one(world):
    health = factories.OrganisationFactory(
        name_en="Cardiff and Vale University Health Board", slug="cvuhb",
        organisation_type=OrganisationType.HEALTH_BOARD,
    )  # fmt: skip
    client = _signed_in(world.admin)
    page = client.get(f"/partnerships/{world.partnership.slug}/organisations/?q=health+board")
    assert "Cardiff and Vale University Health Board" in page.content.decode()
    client.post(f"/partnerships/{world.partnership.slug}/organisations/{health.pk}/add/")
    assert world.partnership.organisations.filter(pk=health.pk).exists()


def test_a_case_only_duplicate_organisation_is_refused(world):
    factories.OrganisationFactory(name_en="Regional Team", slug="regional-team")
    before = Organisation.objects.count()
    response = _signed_in(world.admin).post(
        f"/partnerships/{world.partnership.slug}/organisations/",
        {"name_en": "Regional team", "organisation_type": OrganisationType.PARTNERSHIP_TEAM},
    )
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert Organisation.objects.count() == before


def test_a_new_organisation_is_created_and_made_a_member(world):
    response = _signed_in(world.admin).post(
        f"/partnerships/{world.partnership.slug}/organisations/",
        {"name_en": "Vale Women's Aid", "organisation_type": OrganisationType.SPECIALIST_PROVIDER},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name_en="Vale Women's Aid")
    assert world.partnership.organisations.filter(pk=organisation.pk).exists()
