"""Every file goes through Django's storage API, so object storage (django-storages) works by
configuration: with an in-memory storage as the default, imports and reports still work and
nothing is written under MEDIA_ROOT."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from tests.imports.readers import builders
from vawdasv.imports import uploads
from vawdasv.progress.enums import ReportJobState
from vawdasv.progress.report import jobs

PACKAGE = Path(__file__).resolve().parents[2] / "vawdasv"
# Reading or writing media by path bypasses the storage: a second machine would not see it.
BY_PATH = re.compile(r"MEDIA_ROOT|\.file\.path\b|storage\.path\(|\.path\(\s*(evidence|job)")


@pytest.fixture
def storage_in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    yield default_storage
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*"))


def test_no_module_reads_media_files_by_path():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "settings.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BY_PATH.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


@pytest.mark.django_db
def test_an_imported_document_is_kept_and_read_again_through_the_storage(world, storage_in_memory):
    plan_import = uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename="plan.docx",
        data=builders.plan_docx(),
    )  # fmt: skip
    assert storage_in_memory.exists(plan_import.file.name)
    assert uploads.stored_plan(plan_import).actions


@pytest.mark.django_db
def test_a_report_is_saved_and_downloaded_through_the_storage(client, world, storage_in_memory):
    job = jobs.request_report(
        actor=world.admin, strategy=world.strategy, period="2024/25", format="docx",
        language="en",
    )  # fmt: skip
    assert job.state == ReportJobState.DONE, job.error
    assert storage_in_memory.exists(job.file.name)
    client.force_login(world.admin)
    url = reverse("progress:report-job-file", kwargs={"slug": world.strategy.slug, "pk": job.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
