from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from vawdasv.governance import services
from vawdasv.governance.anonymise import scan
from vawdasv.governance.models import VoiceItem

pytestmark = pytest.mark.django_db

SAID = {
    "source": "survivor_panel",
    "heard_on": datetime.date(2026, 5, 1),
    "said_en": "Refuges need space for teenage sons.",
    "said_cy": "Mae angen lle i feibion.",
}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mrs Jones told us", "a name"),
        ("my name is Siân and", "a name"),
        ("she was born in 1980", "a date of birth"),
        ("on 03/04/1985 it", "a date"),
        ("lives near CF10 1AB", "a postcode"),
        ("at 12 Heol Fawr Road", "an address"),
        ("ring 07700 900123", "a phone number"),
        ("write to jo@example.org", "an email address"),
    ],
)
def test_the_scan_warns_of_details_that_could_identify_someone(text, kind):
    assert kind in {finding.kind for finding in scan(text)}


def test_the_scan_lets_ordinary_anonymous_text_through():
    assert scan("Survivors said the helpline closed too early on Sundays in Cardiff.") == []


def test_a_possibly_identifying_item_needs_confirmation_and_nothing_is_saved_before(world):
    data = {**SAID, "said_en": "Mrs Jones said the refuge was full."}
    with pytest.raises(services.PossiblyIdentifying) as warning:
        services.save_voice_item(actor=world.admin, partnership=world.partnership, data=data)
    assert warning.value.findings[0].text == "Mrs Jones"
    assert not VoiceItem.objects.exists()
    services.save_voice_item(
        actor=world.admin, partnership=world.partnership, data=data, confirmed_anonymous=True
    )
    assert VoiceItem.objects.count() == 1


def test_publishing_needs_consent_and_a_response(world):
    with pytest.raises(ValidationError):
        services.save_voice_item(
            actor=world.admin, partnership=world.partnership,
            data={**SAID, "published": True, "response_en": "We did it"},
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.save_voice_item(
            actor=world.admin, partnership=world.partnership,
            data={**SAID, "published": True, "consent_to_publish": True},
        )  # fmt: skip


def test_only_the_regional_team_writes_the_register(world):
    with pytest.raises(PermissionDenied):
        services.save_voice_item(actor=world.board, partnership=world.partnership, data=SAID)


def test_the_public_page_shows_only_consented_and_published_items_in_both_languages(world, gov):
    services.save_voice_item(
        actor=world.admin, partnership=world.partnership,
        data={**SAID, "response_en": "We funded two family rooms.",
              "response_cy": "Fe wnaethom ariannu dwy ystafell deulu.",
              "consent_to_publish": True, "published": True},
        actions=[world.police_action],
    )  # fmt: skip
    services.save_voice_item(
        actor=world.admin, partnership=world.partnership,
        data={**SAID, "said_en": "Not for publishing.", "said_cy": "",
              "response_en": "Noted.", "consent_to_publish": False},
    )  # fmt: skip
    page = Client().get(f"/governance/{world.partnership.slug}/you-said-we-did/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "We funded two family rooms." in html and "Not for publishing." not in html
    welsh = Client().get(f"/cy/governance/{world.partnership.slug}/you-said-we-did/")
    assert "Fe wnaethom ariannu dwy ystafell deulu." in welsh.content.decode()


def test_the_form_shows_the_findings_and_saves_once_confirmed(world):
    client = Client()
    client.force_login(world.admin)
    url = f"/governance/{world.partnership.slug}/you-said-we-did/new/"
    post = {"source": "survey", "said_en": "Call me on 07700 900123", "said_cy": ""}
    response = client.post(url, post)
    assert response.status_code == 400
    assert "a phone number" in response.content.decode()
    assert not VoiceItem.objects.exists()
    assert client.post(url, {**post, "confirm_anonymous": "on"}).status_code == 302
    assert VoiceItem.objects.count() == 1
