"""Jobs whose task nobody will run any more (its worker died too often) say so on their page
instead of "being made" for ever; a pack left running by a dead worker is made when its task
is queued again. Every job records the task that makes it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.governance.conftest import gov  # noqa: F401 (a fixture)
from vawdasv.governance import pack
from vawdasv.governance.enums import PackState
from vawdasv.governance.models import PackJob
from vawdasv.national.models import NationalReport
from vawdasv.ops import queue
from vawdasv.reviews.models import ThematicReportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost(monkeypatch):
    monkeypatch.setattr(queue, "task_is_alive", lambda task_id: False)


def test_a_meeting_pack_whose_task_was_lost_is_failed_on_its_page(client, world, gov, lost):  # noqa: F811
    job = PackJob.objects.create(
        meeting=gov.june, format="docx", language="en", requested_by=world.admin,
        state=PackState.RUNNING, task_id="gone",
    )  # fmt: skip
    client.force_login(world.admin)
    client.get(reverse("governance:pack-job", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == PackState.FAILED and job.finished_at is not None


def test_a_pack_left_running_by_a_dead_worker_is_made_when_its_task_runs_again(world, gov):  # noqa: F811
    job = PackJob.objects.create(
        meeting=gov.june, format="docx", language="en", requested_by=world.admin,
        state=PackState.RUNNING,
    )  # fmt: skip
    assert pack.run_pack_job(job.pk) is True
    job.refresh_from_db()
    assert job.state == PackState.DONE and job.file
    assert pack.run_pack_job(job.pk) is False  # finished: never made twice


def test_a_pack_asked_for_records_its_task(world, gov, settings):  # noqa: F811
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = pack.request_pack(actor=world.admin, meeting=gov.june, format="pdf", language="cy")
    assert job.task_id and job.state == PackState.QUEUED


def test_a_thematic_report_whose_task_was_lost_is_failed_on_its_page(client, world, lost):
    job = ThematicReportJob.objects.create(
        partnership=world.partnership, requested_by=world.admin, language="en", task_id="gone"
    )
    client.force_login(world.admin)
    page = client.get(reverse("reviews:thematic-job", args=[job.pk]))
    assert page.status_code == 200
    job.refresh_from_db()
    assert job.state == "failed"


def test_a_national_report_whose_task_was_lost_is_listed_as_failed(client, lost):
    report = NationalReport.objects.create(
        year=2025, language="en", format="docx", version=1, task_id="gone"
    )
    client.force_login(factories.UserFactory(username="wg", national_observer=True))
    page = client.get(reverse("national:report")).content.decode()
    report.refresh_from_db()
    assert report.state == NationalReport.State.FAILED
    assert "Failed" in page


def test_a_job_whose_task_is_alive_is_left_alone(world, gov, monkeypatch):  # noqa: F811
    monkeypatch.setattr(queue, "task_is_alive", lambda task_id: True)
    job = PackJob.objects.create(
        meeting=gov.june, format="docx", language="en", requested_by=world.admin, task_id="t"
    )
    assert queue.give_up_if_lost(job, (PackState.QUEUED,), PackState.FAILED) is False
    job.refresh_from_db()
    assert job.state == PackState.QUEUED
