"""The pages that update a strategy from a revised plan document: upload, check, confirm."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.models import PlanImport
from vawdasv.plans.models import Action, Strategy
from vawdasv.plans.services import update_action

from .conftest import ADDED, MAPPING, REVISED, REWORDED, TRAINING

pytestmark = pytest.mark.django_db


def upload(client: Client, strategy: Strategy, data: bytes, name: str = "plan-2025.txt") -> Any:
    return client.post(
        f"/imports/revise/{strategy.slug}/",
        {"document": SimpleUploadedFile(name, data), "pasted_text": ""},
    )


def count(html: str, name: str) -> int:
    found = re.search(rf'data-count="{name}">(\d+)<', html)
    assert found, f"no {name} count on the page"
    return int(found.group(1))


def fingerprint(html: str) -> str:
    found = re.search(r'name="fingerprint" value="([0-9a-f]{64})"', html)
    assert found, "no fingerprint on the page"
    return found.group(1)


def checked_preview(client: Client, strategy: Strategy) -> tuple[str, str]:
    """Upload the revised plan; return the preview address and its fingerprint."""
    response = upload(client, strategy, REVISED)
    assert response.status_code == 302
    url = response.url
    page = client.get(url)
    return url, fingerprint(page.content.decode())


def action_texts(strategy: Strategy) -> set[str]:
    return set(
        Action.objects.filter(commitment__theme__strategy=strategy).values_list(
            "text_en", flat=True
        )
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("lead", 403), ("council_lead", 403), ("board", 403), ("outsider", 404)],
)
def test_only_the_partnerships_administrators_may_revise_a_strategy(
    world: Any, strategy: Strategy, persona: str, status: int
) -> None:
    client = Client()
    client.force_login(getattr(world, persona))
    assert client.get(f"/imports/revise/{strategy.slug}/").status_code == status
    assert upload(client, strategy, REVISED).status_code == status
    assert not PlanImport.objects.filter(strategy=strategy).exists()


def test_anonymous_visitor_is_sent_to_sign_in(strategy: Strategy) -> None:
    response = Client().get(f"/imports/revise/{strategy.slug}/")
    assert response.status_code == 302
    assert "sign-in" in response.url


def test_administrator_sees_the_upload_form_and_the_link_on_the_strategy_page(
    admin_client: Client, strategy: Strategy
) -> None:
    page = admin_client.get(f"/imports/revise/{strategy.slug}/")
    assert page.status_code == 200
    assert 'name="document"' in page.content.decode()
    detail = admin_client.get(strategy.get_absolute_url()).content.decode()
    assert f"/imports/revise/{strategy.slug}/" in detail
    assert "Update from a revised document" in detail


def test_lead_officer_does_not_see_the_revise_link(world: Any, strategy: Strategy) -> None:
    client = Client()
    client.force_login(world.lead)
    detail = client.get(strategy.get_absolute_url()).content.decode()
    assert "/imports/revise/" not in detail


def test_revised_document_shows_one_added_one_changed_one_unchanged_one_missing(
    admin_client: Client, strategy: Strategy
) -> None:
    response = upload(admin_client, strategy, REVISED)
    assert response.status_code == 302
    plan_import = PlanImport.objects.get(strategy=strategy)
    assert plan_import.status == ImportStatus.PREVIEWED
    html = admin_client.get(response.url).content.decode()
    assert (count(html, "added"), count(html, "changed")) == (1, 1)
    assert (count(html, "unchanged"), count(html, "missing")) == (1, 1)
    assert ADDED in html and REWORDED in html and TRAINING[0] in html
    assert "will be kept" in html
    assert "Also delete the 1 action no longer in the document" in html


def test_confirming_without_the_delete_box_keeps_the_missing_action(
    admin_client: Client, strategy: Strategy
) -> None:
    url, print_ = checked_preview(admin_client, strategy)
    response = admin_client.post(url, {"fingerprint": print_, "checked": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == strategy.get_absolute_url()
    assert "The strategy has been updated" in response.content.decode()
    texts = action_texts(strategy)
    assert {ADDED, REWORDED, TRAINING[0]} <= texts
    assert PlanImport.objects.get(strategy=strategy).status == ImportStatus.IMPORTED


def test_confirming_with_the_delete_box_deletes_the_missing_action_with_an_audit_entry(
    admin_client: Client, strategy: Strategy
) -> None:
    url, print_ = checked_preview(admin_client, strategy)
    gone = Action.objects.get(commitment__theme__strategy=strategy, text_en=TRAINING[0])
    response = admin_client.post(
        url, {"fingerprint": print_, "checked": "on", "remove_missing": "on"}
    )
    assert response.status_code == 302
    assert TRAINING[0] not in action_texts(strategy)
    entry = AuditEntry.objects.get(
        content_type__model="action", object_id=gone.pk, verb=Verb.DELETED
    )
    revision = PlanImport.objects.get(strategy=strategy)
    assert (entry.origin_kind, entry.origin_object_id) == ("plan_reimport", revision.pk)
    assert entry.source.startswith("plan-2025.txt (SHA-256 ")


def test_confirming_without_ticking_checked_shows_an_error_and_writes_nothing(
    admin_client: Client, strategy: Strategy
) -> None:
    url, print_ = checked_preview(admin_client, strategy)
    before = action_texts(strategy)
    response = admin_client.post(url, {"fingerprint": print_, "remove_missing": "on"})
    assert response.status_code == 400
    assert "Confirm that you have checked the changes" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert action_texts(strategy) == before


def test_unreadable_file_is_refused_by_the_reading_task_and_changes_nothing(
    admin_client: Client, strategy: Strategy
) -> None:
    before = action_texts(strategy)
    response = upload(admin_client, strategy, b"Just a letter, no plan here.\n", "letter.txt")
    # The request only keeps the document; the worker reads it (immediately in tests).
    assert response.status_code == 302
    revision = PlanImport.objects.get()
    assert revision.status == ImportStatus.REFUSED
    assert revision.strategy == strategy
    page = admin_client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "No plan table was recognised" in html
    assert f'href="/imports/revise/{strategy.slug}/"' in html  # Try again: the revise upload
    assert action_texts(strategy) == before
    # A refused revision cannot be applied.
    refused = admin_client.post(response.url, {"fingerprint": "0" * 64, "checked": "on"})
    assert refused.status_code == 200
    assert action_texts(strategy) == before


def test_a_revision_being_read_says_so_and_links_back_to_itself(
    admin_client: Client, strategy: Strategy
) -> None:
    revision = PlanImport.objects.create(
        partnership=strategy.partnership,
        strategy=strategy,
        original_filename="plan-2025.txt",
        sha256="0" * 64,
        size=1,
        status=ImportStatus.READING,
    )
    url = f"/imports/revise/{strategy.slug}/{revision.pk}/"
    html = admin_client.get(url).content.decode()
    assert "is being read" in html
    assert f'href="{url}"' in html  # Check again


def test_file_of_the_wrong_kind_is_refused(admin_client: Client, strategy: Strategy) -> None:
    response = upload(admin_client, strategy, b"\x00\x01", "plan.exe")
    assert response.status_code == 400
    assert "must be a .docx" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_sending_the_confirmation_twice_applies_it_once(
    admin_client: Client, strategy: Strategy
) -> None:
    url, print_ = checked_preview(admin_client, strategy)
    form = {"fingerprint": print_, "checked": "on"}
    assert admin_client.post(url, form).status_code == 302
    audit_after_first = AuditEntry.objects.count()
    actions_after_first = Action.objects.filter(commitment__theme__strategy=strategy).count()
    second = admin_client.post(url, form, follow=True)
    assert "These changes have already been applied" in second.content.decode()
    assert AuditEntry.objects.count() == audit_after_first
    assert (
        Action.objects.filter(commitment__theme__strategy=strategy).count() == actions_after_first
    )


def test_plan_edited_after_the_preview_shows_an_error_and_writes_nothing(
    world: Any, admin_client: Client, strategy: Strategy
) -> None:
    url, print_ = checked_preview(admin_client, strategy)
    edited = Action.objects.get(commitment__theme__strategy=strategy, text_en=MAPPING[0])
    update_action(actor=world.admin, action=edited, data={"evidence_en": "Register of staff"})
    before = action_texts(strategy)
    response = admin_client.post(url, {"fingerprint": print_, "checked": "on"})
    assert response.status_code == 409
    assert "nothing was written" in response.content.decode()
    assert action_texts(strategy) == before
    assert PlanImport.objects.get(strategy=strategy).status == ImportStatus.PREVIEWED


def test_another_strategys_revision_is_not_found_here(
    world: Any, admin_client: Client, strategy: Strategy
) -> None:
    checked_preview(admin_client, strategy)
    pk = PlanImport.objects.get(strategy=strategy).pk
    response = admin_client.get(f"/imports/revise/{world.strategy.slug}/{pk}/")
    assert response.status_code == 404


def test_the_imports_list_links_a_waiting_revision_to_its_revision_page(
    admin_client: Client, strategy: Strategy
) -> None:
    response = upload(admin_client, strategy, REVISED)
    plan_import = PlanImport.objects.get(strategy=strategy)
    listing = admin_client.get(f"/imports/partnership/{strategy.partnership.slug}/")
    assert f'href="{response.url}"' in listing.content.decode()
    assert f'href="/imports/{plan_import.pk}/"' not in listing.content.decode()
