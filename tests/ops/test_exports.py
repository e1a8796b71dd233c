"""Downloads made by a worker (ops.exports): asked for on a page, made as the person who asked,
found by an unguessable address that only that person can open, and cleared after a week."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import uuid

import docx
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from vawdasv.ops import exports, queue
from vawdasv.ops.models import ExportJob, ExportState
from vawdasv.plans import downloads as plan_downloads
from vawdasv.progress import downloads as update_downloads

pytestmark = pytest.mark.django_db


def job_page(response) -> str:
    assert response.status_code == 302
    match = re.fullmatch(r"(/cy)?/downloads/([0-9a-f-]{36})/", response.url)
    assert match, response.url
    return response.url


def ask_for_plan(client, strategy, extension="docx", lang="en", prefix=""):
    url = prefix + reverse("plans:download", kwargs={"slug": strategy.slug})
    return client.post(url, {"format": extension, "lang": lang})


def test_an_anonymous_visitor_gets_a_published_plan_through_its_download_page(client, world):
    page_url = job_page(ask_for_plan(client, world.strategy))
    page = client.get(page_url).content.decode()
    assert "Your file is ready" in page
    job = ExportJob.objects.get()
    assert job.state == ExportState.DONE and job.requested_by is None
    response = client.get(reverse("core:export-file", kwargs={"token": job.token}))
    assert response["Content-Disposition"] == 'attachment; filename="cv-2023-en.docx"'
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert document.tables[0].rows[0].cells[0].text == "Commitment"


def test_the_welsh_plan_is_made_in_welsh_and_its_page_reads_in_welsh(client, world):
    page_url = job_page(ask_for_plan(client, world.strategy, lang="cy", prefix="/cy"))
    assert page_url.startswith("/cy/")
    assert "Mae eich ffeil yn barod" in client.get(page_url).content.decode()
    job = ExportJob.objects.get()
    assert job.file_name == "cv-2023-cy.docx"
    with job.file.open("rb") as made:
        assert docx.Document(made).tables[0].rows[0].cells[0].text == "Ymrwymiad"


def test_nobody_outside_the_partnership_can_ask_for_a_draft_plan(client, world):
    assert ask_for_plan(client, world.draft_strategy).status_code == 404
    client.force_login(world.outsider)
    assert ask_for_plan(client, world.draft_strategy).status_code == 404
    assert not ExportJob.objects.exists()


def test_an_unknown_format_is_not_found_and_asks_for_nothing(client, world):
    assert ask_for_plan(client, world.strategy, extension="pdf").status_code == 404
    assert not ExportJob.objects.exists()


def test_a_signed_in_persons_download_is_theirs_alone(client, world):
    client.force_login(world.admin)
    page_url = job_page(ask_for_plan(client, world.draft_strategy, extension="xlsx"))
    job = ExportJob.objects.get()
    assert job.requested_by == world.admin
    file_url = reverse("core:export-file", kwargs={"token": job.token})
    assert client.get(file_url).status_code == 200
    client.force_login(world.lead)
    assert client.get(page_url).status_code == 404
    assert client.get(file_url).status_code == 404
    client.logout()
    assert client.get(page_url).status_code == 404


def test_an_address_nobody_was_given_is_not_found(client, world):
    assert client.get(f"/downloads/{uuid.uuid4()}/").status_code == 404


def test_the_file_is_made_as_the_person_who_asked_when_it_is_made(client, world):
    """Asked for while a member, made after the person lost access: refused, said why."""
    job = ExportJob.objects.create(
        token=uuid.uuid4(),
        kind=plan_downloads.KIND,
        params={"slug": world.draft_strategy.slug, "format": "docx"},
        language="en",
        requested_by=world.outsider,
    )
    assert exports.make(job.pk) is True
    job.refresh_from_db()
    assert job.state == ExportState.FAILED and not job.file
    client.force_login(world.outsider)
    page = client.get(f"/cy/downloads/{job.token}/").content.decode()
    assert "Nid oes modd i chi lawrlwytho hwn mwyach" in page
    assert exports.make(job.pk) is False  # never made twice


def test_a_builder_that_breaks_fails_its_job_with_a_reason_rather_than_hanging(world, monkeypatch):
    def broken(params, user):
        raise RuntimeError("disk full")

    broken_export = dataclasses.replace(exports.registered(plan_downloads.KIND), build=broken)
    monkeypatch.setitem(exports._registry, plan_downloads.KIND, broken_export)
    job = ExportJob.objects.create(
        token=uuid.uuid4(),
        kind=plan_downloads.KIND,
        params={"slug": world.strategy.slug, "format": "docx"},
        language="en",
    )
    exports.make(job.pk)
    job.refresh_from_db()
    assert job.state == ExportState.FAILED
    assert "Something went wrong" in exports.reason(job)


def test_a_download_whose_worker_was_lost_says_so(client, world, monkeypatch):
    job = ExportJob.objects.create(
        token=uuid.uuid4(),
        kind=plan_downloads.KIND,
        params={"slug": world.strategy.slug, "format": "docx"},
        language="en",
        task_id="gone",
    )
    monkeypatch.setattr(queue, "task_is_alive", lambda task_id: False)
    page = client.get(f"/downloads/{job.token}/").content.decode()
    assert "still being made when the service restarted" in page
    job.refresh_from_db()
    assert job.state == ExportState.FAILED


def test_asking_twice_while_the_first_is_waiting_reuses_it(world, monkeypatch):
    waiting = ExportJob.objects.create(
        token=uuid.uuid4(),
        kind=plan_downloads.KIND,
        params={"slug": world.strategy.slug, "format": "docx"},
        language="en",
        requested_by=world.admin,
        task_id="waiting",
    )
    monkeypatch.setattr(queue, "task_is_alive", lambda task_id: task_id == "waiting")
    again = exports.request_export(
        user=world.admin,
        kind=plan_downloads.KIND,
        params={"slug": world.strategy.slug, "format": "docx"},
        language="en",
    )
    assert again.pk == waiting.pk
    other_language = exports.request_export(
        user=world.admin,
        kind=plan_downloads.KIND,
        params={"slug": world.strategy.slug, "format": "docx"},
        language="cy",
    )
    assert other_language.pk != waiting.pk


def test_members_get_every_update_as_csv_and_others_do_not(client, world):
    url = reverse("progress:updates-download", kwargs={"slug": world.strategy.slug})
    assert client.post(url, {"format": "csv"}).status_code == 302  # to sign in
    assert not ExportJob.objects.exists()
    client.force_login(world.outsider)
    assert client.post(url, {"format": "csv"}).status_code == 403
    client.force_login(world.admin)
    job_page(client.post(url, {"format": "csv"}))
    job = ExportJob.objects.get(kind=update_downloads.KIND)
    assert job.file_name == "cv-2023-progress-updates.csv"
    with job.file.open("rb") as made:
        assert made.read().startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark


def test_downloads_older_than_a_week_are_deleted_with_their_files(world):
    old = ExportJob.objects.create(
        token=uuid.uuid4(), kind=plan_downloads.KIND, params={}, language="en"
    )
    old.file.save("old.docx", ContentFile(b"old"), save=True)
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    recent = ExportJob.objects.create(
        token=uuid.uuid4(), kind=plan_downloads.KIND, params={}, language="en"
    )
    storage, name = old.file.storage, old.file.name
    assert exports.delete_old() == 1
    assert list(ExportJob.objects.all()) == [recent]
    assert not storage.exists(name)


def test_a_waiting_download_says_what_is_happening_in_a_sentence_not_its_tag_again(
    client, world, monkeypatch
):
    job = ExportJob.objects.create(
        token=uuid.uuid4(),
        kind=plan_downloads.KIND,
        params={"slug": world.strategy.slug, "format": "docx"},
        language="en",
        task_id="waiting",
    )
    monkeypatch.setattr(queue, "task_is_alive", lambda task_id: True)
    status = client.get(reverse("core:export-status", kwargs={"token": job.token})).json()
    assert status["state_label"] == "Waiting to start"
    assert status["message"] == "Your file is waiting its turn: it will be made in a moment."
    page = client.get(f"/cy/downloads/{job.token}/").content.decode()
    assert "Mae eich ffeil yn aros ei thro" in page
