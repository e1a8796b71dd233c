"""What a lead officer may change on the actions their organisation leads."""

import pytest
from django.core.exceptions import PermissionDenied

from vawdasv.audit.models import AuditEntry
from vawdasv.partnerships.models import Partnership
from vawdasv.plans import services


@pytest.fixture(autouse=True)
def _direct_edits_allowed(world):
    # These are the limits that still hold once a partnership lets lead officers edit directly.
    Partnership.objects.filter(pk=world.partnership.pk).update(lead_officers_edit_actions=True)


def test_lead_officer_cannot_change_who_leads_their_action(world):
    with pytest.raises(PermissionDenied):
        services.update_action(
            actor=world.lead,
            action=world.police_action,
            data={"lead_organisations": [world.council]},
        )
    world.police_action.refresh_from_db()
    assert list(world.police_action.lead_organisations.all()) == [world.police]


def test_lead_officer_may_resend_the_same_leads_with_a_wording_change(world):
    services.update_action(
        actor=world.lead,
        action=world.police_action,
        data={"text_en": "Reworded", "lead_organisations": [world.police]},
    )
    world.police_action.refresh_from_db()
    assert world.police_action.text_en == "Reworded"


def test_lead_officer_edit_form_has_no_lead_organisation_fields(client, world):
    client.force_login(world.lead)
    response = client.get(f"/strategies/actions/{world.police_action.pk}/edit/")
    assert response.status_code == 200
    assert 'name="lead_organisations"' not in response.content.decode()


def test_administrator_edit_form_offers_lead_organisations(client, world):
    client.force_login(world.admin)
    response = client.get(f"/strategies/actions/{world.police_action.pk}/edit/")
    assert 'name="lead_organisations"' in response.content.decode()


def test_saving_without_changes_keeps_the_version_and_writes_no_audit_entry(world):
    before = AuditEntry.objects.count()
    version = world.police_action.version
    services.update_action(
        actor=world.admin,
        action=world.police_action,
        data={"text_en": world.police_action.text_en, "lead_organisations": [world.police]},
        expected_version=version,
    )
    world.police_action.refresh_from_db()
    assert world.police_action.version == version
    assert AuditEntry.objects.count() == before
