"""Privilege changes in the Django admin leave an audit entry (issue 8, finding 7)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from tests import factories
from vawdasv.accounts import services
from vawdasv.accounts.models import User
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Membership


@pytest.fixture
def root(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)


def _admin_form_data(response: Any) -> dict[str, Any]:
    """What the admin change page would post back unchanged, inlines included."""
    data: dict[str, Any] = {}

    def add(form: Any) -> None:
        for name, _field in form.fields.items():
            if name in getattr(form, "_readonly", ()):
                continue
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif value is None:
                continue
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            add(form)
    return data


def _entries(model: type, pk: int) -> list[AuditEntry]:
    content_type = ContentType.objects.get_for_model(model)
    return list(AuditEntry.objects.filter(content_type=content_type, object_id=pk))


def test_granting_superuser_in_the_admin_is_audited(client, world, root):
    client.force_login(root)
    url = f"/admin/accounts/user/{world.board.pk}/change/"
    data = _admin_form_data(client.get(url))
    data.update(is_superuser="on", is_staff="on")

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    world.board.refresh_from_db()
    assert world.board.is_superuser
    [entry] = _entries(User, world.board.pk)
    assert entry.actor == root and entry.verb == Verb.UPDATED
    assert entry.changes["is_superuser"] == {"before": False, "after": True}
    assert entry.changes["is_staff"] == {"before": False, "after": True}


def test_groups_and_permissions_cannot_be_granted_in_the_admin(client, world, root):
    client.force_login(root)
    page = client.get(f"/admin/accounts/user/{world.board.pk}/change/")

    form = page.context["adminform"].form
    assert "user_permissions" not in form.fields and "groups" not in form.fields


def test_changing_a_role_in_the_partnership_admin_is_audited(client, world, root):
    client.force_login(root)
    url = f"/admin/partnerships/partnership/{world.partnership.pk}/change/"
    data = _admin_form_data(client.get(url))
    membership = Membership.objects.get(user=world.board, partnership=world.partnership)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-id") and value == str(membership.pk)
    )
    data[f"memberships-{index}-role"] = Role.ADMINISTRATOR

    response = client.post(url, data)

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.ADMINISTRATOR
    [entry] = _entries(Membership, membership.pk)
    assert entry.actor == root and entry.partnership == world.partnership
    assert entry.changes == {"role": {"before": Role.BOARD_MEMBER, "after": Role.ADMINISTRATOR}}


def test_removing_a_membership_in_the_admin_is_audited(client, world, root):
    client.force_login(root)
    url = f"/admin/partnerships/partnership/{world.partnership.pk}/change/"
    data = _admin_form_data(client.get(url))
    membership = Membership.objects.get(user=world.board, partnership=world.partnership)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-id") and value == str(membership.pk)
    )
    data[f"memberships-{index}-DELETE"] = "on"

    assert client.post(url, data).status_code == 302

    assert not Membership.objects.filter(pk=membership.pk).exists()
    [entry] = _entries(Membership, membership.pk)
    assert entry.verb == Verb.DELETED and entry.changes["role"]["before"] == Role.BOARD_MEMBER


def test_only_a_superuser_may_grant_privileges_through_the_service(world):
    before = services.user_snapshot(world.board)
    world.board.is_superuser = True

    with pytest.raises(Exception, match="permission"):
        services.save_user_from_admin(
            actor=world.admin, user=world.board, before=before, change=True
        )

    world.board.refresh_from_db()
    assert not world.board.is_superuser


def test_a_leaked_token_can_be_revoked_from_the_admin_and_that_is_audited(client, world, root):
    token, _key = services.create_api_token(actor=world.lead, name="Leaked")
    client.force_login(root)

    response = client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [str(token.pk)]},
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert any(entry.actor == root for entry in _entries(type(token), token.pk))


def test_adding_a_person_in_the_admin_is_audited(client, world, root):
    client.force_login(root)
    assert client.get("/admin/accounts/user/add/").status_code == 200

    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "ceri",
            "password1": "a long enough password 42",
            "password2": "a long enough password 42",
            "usable_password": "true",
        },
    )

    assert response.status_code == 302
    ceri = User.objects.get(username="ceri")
    [entry] = _entries(User, ceri.pk)
    assert entry.verb == Verb.CREATED and entry.actor == root


def test_the_token_admin_lists_tokens_without_their_hashes(client, world, root):
    token, _key = services.create_api_token(actor=world.lead, name="Scripts")
    client.force_login(root)

    listing = client.get("/admin/accounts/apitoken/")
    detail = client.get(f"/admin/accounts/apitoken/{token.pk}/change/")

    assert listing.status_code == 200 and "Scripts" in listing.content.decode()
    assert detail.status_code == 200
    assert token.key_hash not in detail.content.decode()
