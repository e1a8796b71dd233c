"""Reading an upload in the background: the import waits "being read", then a task reads it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.imports.web.conftest import upload_file
from tests.imports.web.documents import plan_text
from vawdasv.audit.models import AuditEntry
from vawdasv.imports import uploads
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.models import PlanImport

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings: Any) -> None:
    """A backend that keeps tasks rather than running them, as a worker that has not yet run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_upload_is_kept_being_read_until_the_worker_reads_it(
    admin_client: Client, queued: None
) -> None:
    response = upload_file(admin_client, "cardiff-vale", "plan.txt", plan_text())
    plan_import = PlanImport.objects.get()
    assert response.status_code == 302
    assert plan_import.status == ImportStatus.READING
    assert plan_import.task_id
    html = admin_client.get(response.url).content.decode()
    assert "Reading your document" in html
    assert f'href="/imports/{plan_import.pk}/">Check again' in html

    assert uploads.read_received(plan_import.pk) is True
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.PREVIEWED
    assert admin_client.get(response.url).status_code == 200
    assert "Reading your document" not in admin_client.get(response.url).content.decode()


def test_reading_twice_records_one_outcome(admin_client: Client, queued: None) -> None:
    upload_file(admin_client, "cardiff-vale", "plan.txt", plan_text())
    plan_import = PlanImport.objects.get()
    assert uploads.read_received(plan_import.pk) is True
    assert uploads.read_received(plan_import.pk) is False
    entries = AuditEntry.objects.filter(content_type__model="planimport")
    assert entries.count() == 2  # kept, then read


def test_refusal_is_stored_in_the_uploaders_language(
    admin_client: Client, queued: None, world: Any
) -> None:
    world.admin.preferred_language = "cy"
    world.admin.save(update_fields=["preferred_language"])
    upload_file(admin_client, "cardiff-vale", "notes.txt", b"Just a note.\nAnother line.")
    plan_import = PlanImport.objects.get()
    uploads.read_received(plan_import.pk)
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.REFUSED
    assert "No plan table" not in plan_import.refusal
    assert "notes.txt" in plan_import.refusal


@pytest.mark.parametrize(
    ("language", "reading", "refused"),
    [
        ("en", "Reading your document", "The document could not be read"),
        ("cy", "Wrthi’n darllen eich dogfen", "Nid oedd modd darllen y ddogfen"),
    ],
)
def test_job_page_reads_in_both_languages(
    admin_client: Client, queued: None, language: str, reading: str, refused: str
) -> None:
    response = upload_file(admin_client, "cardiff-vale", "notes.txt", b"Just a note.\nMore.")
    page = response.url if language == "en" else f"/cy{response.url}"
    html = admin_client.get(page).content.decode()
    assert reading in html
    uploads.read_received(PlanImport.objects.get().pk)
    html = admin_client.get(page).content.decode()
    assert refused in html


def test_the_task_reads_the_import(admin_client: Client, queued: None) -> None:
    from vawdasv.imports.tasks import read_import

    upload_file(admin_client, "cardiff-vale", "plan.txt", plan_text())
    plan_import = PlanImport.objects.get()
    assert read_import.call(plan_import.pk) is True
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.PREVIEWED


def test_a_fault_while_reading_refuses_the_import_rather_than_leaving_it_waiting(
    admin_client: Client, queued: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload_file(admin_client, "cardiff-vale", "plan.txt", plan_text())
    plan_import = PlanImport.objects.get()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a fault")

    monkeypatch.setattr(uploads, "stored_plan", broken)
    assert uploads.read_received(plan_import.pk) is True
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.REFUSED
    assert "Something went wrong while the document was being read" in plan_import.refusal


def test_a_reading_task_that_failed_for_good_refuses_its_import(
    admin_client: Client, queued: None
) -> None:
    from django_tasks import TaskResultStatus
    from django_tasks.signals import task_finished

    from vawdasv.imports.tasks import read_import

    upload_file(admin_client, "cardiff-vale", "plan.txt", plan_text())
    plan_import = PlanImport.objects.get()
    import dataclasses

    # As the backend reports a task given up on.
    result = dataclasses.replace(
        read_import.enqueue(plan_import.pk), status=TaskResultStatus.FAILED
    )
    task_finished.send(sender=type(result.backend), task_result=result)
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.REFUSED
    assert "Try again" in plan_import.refusal
