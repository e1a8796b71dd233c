"""The upload page: documents of each kind are read and kept under their hash, bad ones refused."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.imports.readers import builders
from tests.imports.web.conftest import upload_file
from tests.imports.web.documents import plan_text
from vawdasv.audit.models import AuditEntry
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.models import PlanImport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "build", "actions"),
    [
        ("plan.docx", builders.plan_docx, 6),
        ("plan.xlsx", builders.plan_xlsx, 4),
        ("plan.txt", plan_text, 4),
    ],
)
def test_administrator_uploads_a_plan_and_sees_its_preview(
    admin_client: Client, world: Any, name: str, build: Any, actions: int
) -> None:
    response = upload_file(admin_client, "cardiff-vale", name, build())
    plan_import = PlanImport.objects.get()
    assert response.status_code == 302
    assert response.url == f"/imports/{plan_import.pk}/"
    assert plan_import.status == ImportStatus.PREVIEWED
    assert plan_import.original_filename == name
    assert plan_import.uploaded_by == world.admin

    page = admin_client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-count="actions">{actions}<' in html
    assert "Map current VAWDASV services across the region" in html
    assert 'name="confirm"' in html


def test_uploaded_document_is_stored_under_its_hash_not_its_name(
    admin_client: Client, media_root: Path
) -> None:
    data = builders.plan_docx()
    upload_file(admin_client, "cardiff-vale", "../../etc/evil plan.docx", data)
    plan_import = PlanImport.objects.get()
    digest = hashlib.sha256(data).hexdigest()
    assert plan_import.sha256 == digest
    assert plan_import.size == len(data)
    assert plan_import.file.name == f"imports/{digest}"
    assert (media_root / "imports" / digest).read_bytes() == data
    assert plan_import.original_filename == "evil plan.docx"
    assert [path.name for path in (media_root / "imports").iterdir()] == [digest]


def test_upload_is_recorded_in_the_audit_history(admin_client: Client, world: Any) -> None:
    upload_file(admin_client, "cardiff-vale", "plan.txt", plan_text())
    plan_import = PlanImport.objects.get()
    entries = AuditEntry.objects.filter(object_id=plan_import.pk, content_type__model="planimport")
    # Kept by the person, then read by the worker (no actor: the service itself).
    entry, reading = entries.order_by("pk")
    assert reading.actor is None
    assert plan_import.sha256 in reading.source
    assert entry.actor == world.admin
    assert entry.partnership == world.partnership
    assert plan_import.sha256 in entry.source


def test_pasted_text_is_read_like_an_uploaded_text_file(admin_client: Client) -> None:
    response = admin_client.post(
        "/imports/new/cardiff-vale/", {"pasted_text": plan_text().decode("utf-8")}
    )
    plan_import = PlanImport.objects.get()
    assert response.status_code == 302
    assert plan_import.original_filename == "pasted-text.txt"
    page = admin_client.get(response.url).content.decode()
    assert 'data-count="actions">4<' in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.docx", b"this is not a word document at all", "is not a Word document"),
        ("plan.txt", b"   \n  ", "is empty"),
        ("plan.pdf", builders.scanned_pdf(), "plan.pdf"),
        ("notes.txt", b"Just a note with no plan in it.\nAnother line.", "No plan table"),
    ],
)
def test_unreadable_document_is_refused_by_the_reading_task_with_its_reason(
    admin_client: Client, name: str, data: bytes, message: str
) -> None:
    response = upload_file(admin_client, "cardiff-vale", name, data)
    plan_import = PlanImport.objects.get()
    assert response.status_code == 302
    assert response.url == f"/imports/{plan_import.pk}/"
    assert plan_import.status == ImportStatus.REFUSED
    assert message in plan_import.refusal
    html = admin_client.get(response.url).content.decode()
    assert "The document could not be read" in html
    assert message in html
    assert 'href="/imports/new/cardiff-vale/"' in html  # Try again
    assert plan_import.strategy is None
    # A refused import can be neither checked nor committed.
    commit = admin_client.post(f"/imports/{plan_import.pk}/commit/", {"title": "x"})
    assert commit.status_code in (302, 400)
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.REFUSED


def test_file_of_another_type_is_refused_before_it_is_read(admin_client: Client) -> None:
    response = upload_file(admin_client, "cardiff-vale", "plan.exe", plan_text())
    assert response.status_code == 400
    assert ".docx, .xlsx, .csv, .pdf, .txt or .md" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_file_over_the_size_limit_is_refused(admin_client: Client, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 100
    response = upload_file(admin_client, "cardiff-vale", "plan.txt", plan_text())
    assert response.status_code == 400
    assert "must be smaller than 100 bytes" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_upload_page_states_the_limits_and_accepted_types(admin_client: Client) -> None:
    html = admin_client.get("/imports/new/cardiff-vale/").content.decode()
    assert 'accept=".docx,.xlsx,.csv,.pdf,.txt,.md"' in html
    assert "up to 20 MB" in html
    assert 'enctype="multipart/form-data"' in html


def test_nothing_chosen_asks_for_a_document_or_text(admin_client: Client) -> None:
    response = admin_client.post("/imports/new/cardiff-vale/", {"pasted_text": ""})
    assert response.status_code == 400
    assert "Select a plan document, or paste the plan as text" in response.content.decode()


def test_import_history_reads_in_plain_language(admin_client: Client, world: Any) -> None:
    from vawdasv.audit.describe import describe

    upload_file(admin_client, "cardiff-vale", "plan.txt", plan_text())
    entry = AuditEntry.objects.filter(content_type__model="planimport").order_by("pk").first()
    sentences = " ".join(describe(entry).sentences)
    assert "Created by Alys" in sentences
    assert "plan.txt" in sentences
