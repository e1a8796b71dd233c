"""Personal API tokens: kept only as a hash, optional expiry, last use recorded, made and revoked
by their owner on a page, every creation and revocation audited (issues 8 and 10)."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from vawdasv.accounts import services
from vawdasv.accounts.models import ApiToken
from vawdasv.audit.models import AuditEntry, Verb

PAGE = "/accounts/profile/api-tokens/"


def _api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_only_a_hash_of_the_token_is_stored(world):
    token, key = services.create_api_token(actor=world.lead, name="Dashboard script")

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in [str(value) for value in stored.values()]
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(f"vw_{token.prefix}_") and len(key) > 40


def test_a_token_works_and_records_when_it_was_last_used(world):
    token, key = services.create_api_token(actor=world.lead, name="Dashboard script")
    assert token.last_used_at is None

    assert _api(key).get("/api/v1/strategies/cv-draft/").status_code == 200

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < datetime.timedelta(minutes=1)


def test_an_expired_token_is_refused(world):
    token, key = services.create_api_token(
        actor=world.lead,
        name="Short-lived",
        expires_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    ApiToken.objects.filter(pk=token.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert _api(key).get("/api/v1/strategies/").status_code == 401


def test_a_token_of_a_deactivated_person_is_refused(world):
    _token, key = services.create_api_token(actor=world.lead, name="Scripts")
    world.lead.is_active = False
    world.lead.save()

    assert _api(key).get("/api/v1/strategies/").status_code == 401


def test_creating_and_revoking_are_audited_without_the_token(world):
    token, key = services.create_api_token(actor=world.lead, name="Scripts")
    services.revoke_api_token(actor=world.lead, token=token)

    entries = AuditEntry.objects.filter(object_id=token.pk, content_type__model="apitoken")
    assert sorted(entry.verb for entry in entries) == [Verb.CREATED, Verb.UPDATED]
    assert all(entry.actor == world.lead for entry in entries)
    assert all(key not in str(entry.changes) for entry in entries)
    assert _api(key).get("/api/v1/strategies/").status_code == 401


def test_nobody_else_may_revoke_a_persons_token(world):
    token, _key = services.create_api_token(actor=world.lead, name="Scripts")

    with pytest.raises(Exception, match="permission"):
        services.revoke_api_token(actor=world.admin, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_page_shows_a_new_token_once_and_lists_it_by_prefix(client, world):
    client.force_login(world.lead)

    created = client.post(PAGE, {"name": "Power BI", "expires_on": ""})

    assert created.status_code == 200
    page = created.content.decode()
    token = ApiToken.objects.get(user=world.lead)
    key = created.context["new_token"]
    assert key in page and "it will not be shown again" in page
    assert f"vw_{token.prefix}" in page
    again = client.get(PAGE).content.decode()
    assert key not in again
    assert "Power BI" in again and f"vw_{token.prefix}" in again
    assert "new_api_token" not in client.session


def test_the_page_refuses_an_expiry_in_the_past_with_a_message(client, world):
    client.force_login(world.lead)

    response = client.post(PAGE, {"name": "Old", "expires_on": "2020-01-01"})

    assert response.status_code == 400
    assert "The expiry date must be in the future." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_revoke_button_revokes_the_persons_own_token(client, world):
    token, _key = services.create_api_token(actor=world.lead, name="Scripts")
    client.force_login(world.lead)

    response = client.post(reverse("accounts:api-token-revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Scripts" not in client.get(PAGE).content.decode().split("Tokens that work")[1]


def test_a_person_cannot_revoke_someone_elses_token_through_the_page(client, world):
    token, _key = services.create_api_token(actor=world.lead, name="Scripts")
    client.force_login(world.council_lead)

    response = client.post(reverse("accounts:api-token-revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_page_is_in_welsh_too(client, world):
    client.force_login(world.lead)

    page = client.get("/cy" + PAGE)

    assert page.status_code == 200
    assert 'lang="cy"' in page.content.decode()


def test_the_token_page_needs_sign_in(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


# The rules themselves, in partnerships/permissions.py.
@pytest.mark.parametrize(
    ("who", "may_revoke"),
    [("lead", True), ("admin", False), ("council_lead", False), ("root", True)],
)
def test_who_may_revoke_a_token(world, who, may_revoke):
    from tests import factories
    from vawdasv.partnerships import permissions

    root = factories.UserFactory(username="root", is_superuser=True)
    token, _key = services.create_api_token(actor=world.lead, name="Scripts")
    person = root if who == "root" else getattr(world, who)

    assert permissions.can_revoke_api_token(person, token) is may_revoke


def test_an_inactive_or_anonymous_person_may_not_have_tokens(world):
    from django.contrib.auth.models import AnonymousUser

    from vawdasv.partnerships import permissions

    world.lead.is_active = False
    assert not permissions.can_have_api_tokens(world.lead)
    assert not permissions.can_have_api_tokens(AnonymousUser())
    assert permissions.can_have_api_tokens(world.board)


def test_a_token_reads_only_unless_its_owner_ticks_progress_writing(client, world):
    client.force_login(world.lead)

    client.post(PAGE, {"name": "Dashboard"})
    client.post(PAGE, {"name": "Case system", "writes_progress": "on"})

    scopes = dict(ApiToken.objects.filter(user=world.lead).values_list("name", "scope"))
    assert scopes == {"Dashboard": "read", "Case system": "progress"}
    page = client.get(PAGE).content.decode()
    assert "Read, and write progress updates" in page and "Read only" in page
    created = AuditEntry.objects.filter(verb=Verb.CREATED, object_repr__startswith="Case system")
    assert created.get().changes["scope"]["after"] == "progress"
