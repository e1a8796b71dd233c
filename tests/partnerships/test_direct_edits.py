"""Lead officers propose, the regional team decides; a partnership may allow direct edits."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests import factories
from vawdasv.audit.models import AuditEntry
from vawdasv.audit.origins import OriginKind
from vawdasv.partnerships import services as partnership_services
from vawdasv.partnerships.models import Partnership
from vawdasv.plans import direct_edits
from vawdasv.plans import services as plan_services


def _allow(world) -> None:
    partnership_services.set_lead_officer_direct_edits(
        actor=world.admin, partnership=world.partnership, allowed=True
    )


def test_by_default_a_lead_officer_cannot_change_the_timescale_directly(world):
    with pytest.raises(PermissionDenied):
        plan_services.update_action(
            actor=world.lead, action=world.police_action, data={"timescale_text": "Mar 2030"}
        )
    world.police_action.refresh_from_db()
    assert world.police_action.timescale_text != "Mar 2030"


def test_by_default_the_lead_officer_is_refused_the_edit_page(world):
    client = Client()
    client.force_login(world.lead)
    assert client.get(f"/strategies/actions/{world.police_action.pk}/edit/").status_code == 403


def test_only_administrators_change_the_setting_and_it_is_audited(world):
    with pytest.raises(PermissionDenied):
        partnership_services.set_lead_officer_direct_edits(
            actor=world.lead, partnership=world.partnership, allowed=True
        )
    assert not Partnership.objects.get(pk=world.partnership.pk).lead_officers_edit_actions
    _allow(world)
    assert Partnership.objects.get(pk=world.partnership.pk).lead_officers_edit_actions
    entry = AuditEntry.objects.filter(object_id=world.partnership.pk).latest("pk")
    assert entry.changes == {"lead_officers_edit_actions": {"before": False, "after": True}}


def test_the_settings_page_turns_direct_edits_on(world):
    client = Client()
    client.force_login(world.admin)
    url = f"/partnerships/{world.partnership.slug}/settings/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"lead_officers_edit_actions": "on"})
    assert response.status_code == 302
    assert Partnership.objects.get(pk=world.partnership.pk).lead_officers_edit_actions


@pytest.mark.parametrize("persona", ["lead", "board", "outsider"])
def test_others_cannot_open_the_settings_page(world, persona):
    client = Client()
    client.force_login(getattr(world, persona))
    response = client.post(
        f"/partnerships/{world.partnership.slug}/settings/", {"lead_officers_edit_actions": "on"}
    )
    assert response.status_code in (403, 404)
    assert not Partnership.objects.get(pk=world.partnership.pk).lead_officers_edit_actions


def test_a_direct_edit_emails_each_administrator_in_their_language(
    world, django_capture_on_commit_callbacks
):
    welsh_admin = factories.UserFactory(
        username="cerys", email="cerys@example.org", preferred_language="cy"
    )
    factories.MembershipFactory(
        user=welsh_admin, partnership=world.partnership, role="administrator"
    )
    world.admin.email = "alys@example.org"
    world.admin.save()
    _allow(world)
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.update_action(
            actor=world.lead, action=world.police_action, data={"timescale_text": "Mar 2030"}
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"alys@example.org", "cerys@example.org"}
    assert "edited an action directly" in by_address["alys@example.org"].subject
    assert "edited an action directly" not in by_address["cerys@example.org"].subject
    assert f"/strategies/actions/{world.police_action.pk}/" in by_address["alys@example.org"].body


def test_an_administrators_own_edit_sends_no_notice(world, django_capture_on_commit_callbacks):
    world.admin.email = "alys@example.org"
    world.admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.update_action(
            actor=world.admin, action=world.police_action, data={"timescale_text": "Mar 2030"}
        )
    assert mail.outbox == []


def test_the_administrators_home_page_lists_the_edit_and_it_can_be_reverted(world):
    original = world.police_action.timescale_text
    _allow(world)
    plan_services.update_action(
        actor=world.lead, action=world.police_action, data={"timescale_text": "Mar 2030"}
    )
    entry = direct_edits.recent_direct_edits(world.admin)[0]
    client = Client()
    client.force_login(world.admin)
    home = client.get("/").content.decode()
    assert "Direct edits by lead officers" in home
    assert f"/partnerships/direct-edits/{entry.pk}/revert/" in home

    response = client.post(f"/partnerships/direct-edits/{entry.pk}/revert/")
    assert response.status_code == 302
    world.police_action.refresh_from_db()
    assert world.police_action.timescale_text == original
    assert direct_edits.recent_direct_edits(world.admin)[0].reverted
    with pytest.raises(ValidationError):
        direct_edits.revert_direct_edit(actor=world.admin, entry=entry)


def test_a_lead_officer_cannot_revert(world):
    _allow(world)
    plan_services.update_action(
        actor=world.lead, action=world.police_action, data={"timescale_text": "Mar 2030"}
    )
    entry = AuditEntry.objects.get(origin_kind=OriginKind.DIRECT_EDIT)
    client = Client()
    client.force_login(world.lead)
    assert client.post(f"/partnerships/direct-edits/{entry.pk}/revert/").status_code == 403
    assert "Direct edits by lead officers" not in client.get("/").content.decode()
