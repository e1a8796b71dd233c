"""Progress reports made in the background: asking, the job's page, the file, and recovery."""

from __future__ import annotations

import datetime
import io
import os

import docx
import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from vawdasv.ops.models import WorkerHeartbeat
from vawdasv.progress import tasks
from vawdasv.progress.enums import ReportJobState
from vawdasv.progress.models import ReportJob
from vawdasv.progress.report import jobs
from vawdasv.progress.report.data import ReportFilters


@pytest.fixture(autouse=True)
def _reports_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def database_queue(settings):
    """Tasks queued as rows for workers (production's backend) instead of run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _running_on(job: ReportJob, worker_id: str, beat_at) -> None:
    """The job taken by a worker whose last heartbeat was at `beat_at`."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"beat_at": beat_at, "hostname": "test", "pid": 1, "started_at": beat_at},
    )
    DBTaskResult.objects.filter(id=job.task_id).update(
        status=TaskResultStatus.RUNNING, started_at=beat_at, worker_ids=[worker_id]
    )
    ReportJob.objects.filter(pk=job.pk).update(
        state=ReportJobState.RUNNING, started_at=beat_at, attempt=1
    )
    job.refresh_from_db()


def _create_url(plan) -> str:
    return reverse("progress:report-job-create", kwargs={"slug": plan.strategy.slug})


def _job_url(job, name="report-job") -> str:
    return reverse(f"progress:{name}", kwargs={"slug": job.strategy.slug, "pk": job.pk})


def _ask(client, plan, format_name="pdf", **extra):
    data = {"period": "2018/19", "lang": "en", "theme": "", "lead": "", "format": format_name}
    return client.post(_create_url(plan), {**data, **extra})


def _queued_job(world, plan, **fields) -> ReportJob:
    values = {
        "strategy": plan.strategy, "period_label": "2018/19", "format": "pdf", "language": "en",
        "requested_by": world.admin, **fields,
    }  # fmt: skip
    return ReportJob.objects.create(**values)


def _file_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


# Asking for a report and downloading it -------------------------------------------------------


def test_asking_for_a_pdf_leads_to_the_jobs_page_and_the_file_is_a_real_pdf(client, world, plan):
    client.force_login(world.board)
    response = _ask(client, plan, "pdf")
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _job_url(job)
    assert job.state == ReportJobState.DONE
    assert job.requested_by == world.board

    page = client.get(response["Location"]).content.decode()
    assert "Your report is ready" in page
    assert "govuk-panel--confirmation" in page
    assert _job_url(job, "report-job-file") in page

    download = client.get(_job_url(job, "report-job-file"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert "cv-2018-progress-report-2018-19-en.pdf" in download["Content-Disposition"]
    content = _file_bytes(download)
    assert content.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Provide a male IDSVA resource" in text


def test_a_word_report_in_welsh_is_an_editable_document_with_tables(client, world, plan):
    client.force_login(world.admin)
    _ask(client, plan, "docx", lang="cy")
    job = ReportJob.objects.get()
    assert job.language == "cy"
    assert job.file_name == "cv-2018-progress-report-2018-19-cy.docx"
    download = client.get(_job_url(job, "report-job-file"))
    document = docx.Document(io.BytesIO(_file_bytes(download)))
    assert len(document.tables) >= 3
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Darparu adnodd IDSVA gwrywaidd" in cells


def test_the_report_pages_download_buttons_post_to_a_job(client, world, plan):
    client.force_login(world.board)
    url = reverse("progress:report", kwargs={"slug": plan.strategy.slug}) + "?period=2018/19"
    page = client.get(url).content.decode()
    assert f'action="{_create_url(plan)}"' in page
    assert 'name="format" value="pdf"' in page and 'name="format" value="docx"' in page
    # The buttons share the form of the choices, so they send the period selected on screen.
    assert '<option value="2018/19" selected>' in page
    # The page offers no download that makes the person wait while the file is made.
    assert "/report/download/" not in page


def test_the_chosen_filters_are_kept_on_the_job(client, world, plan):
    client.force_login(world.board)
    _ask(client, plan, "docx", theme=str(plan.prepare.pk), lead=str(world.council.pk))
    job = ReportJob.objects.get()
    assert job.filters == {"theme": plan.prepare.pk, "lead": world.council.pk}
    assert jobs.job_filters(job) == ReportFilters(plan.prepare.pk, world.council.pk)
    page = client.get(_job_url(job)).content.decode()
    assert "Theme: PREPARE" in page
    document = docx.Document(io.BytesIO(_file_bytes(client.get(_job_url(job, "report-job-file")))))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Provide a male IDSVA resource" in cells  # Cardiff Council's, under PREPARE
    assert "Continually improve data collection methods" not in cells  # the police's


def test_an_unknown_format_is_not_found(client, world, plan):
    client.force_login(world.board)
    assert _ask(client, plan, "html").status_code == 404
    assert not ReportJob.objects.exists()


def test_a_period_the_plan_does_not_have_shows_the_form_again(client, world, plan):
    client.force_login(world.board)
    response = _ask(client, plan, "pdf", period="1999/00")
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_the_person_sees_their_recent_reports_on_the_report_page(client, world, plan):
    client.force_login(world.board)
    _ask(client, plan, "pdf")
    job = ReportJob.objects.get()
    page = client.get(reverse("progress:report", kwargs={"slug": plan.strategy.slug}))
    text = page.content.decode()
    assert "Reports you asked for recently" in text
    assert _job_url(job) in text
    client.force_login(world.lead)
    other = client.get(reverse("progress:report", kwargs={"slug": plan.strategy.slug}))
    assert "Reports you asked for recently" not in other.content.decode()


# Double clicks -------------------------------------------------------------------------------


def test_a_double_click_while_the_report_waits_makes_one_report(
    client, world, plan, database_queue
):
    client.force_login(world.board)
    first = _ask(client, plan, "pdf")
    second = _ask(client, plan, "pdf")
    assert first["Location"] == second["Location"]
    assert ReportJob.objects.count() == 1
    assert ReportJob.objects.get().state == ReportJobState.QUEUED
    assert DBTaskResult.objects.count() == 1


def test_a_waiting_report_is_a_task_committed_with_its_job(world, plan, database_queue):
    # A restart of the web server loses nothing: the job and its task are rows.
    job = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="pdf", language="en"
    )
    task = DBTaskResult.objects.get()
    assert job.state == ReportJobState.QUEUED
    assert job.task_id == str(task.id)
    assert task.status == TaskResultStatus.READY
    assert task.task_path == "vawdasv.progress.tasks.make_report"
    assert task.args_kwargs == {"args": [job.pk], "kwargs": {}}


def test_a_report_whose_worker_died_is_not_handed_back(world, plan, database_queue):
    lost = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="pdf", language="en"
    )
    _running_on(lost, "dead-worker", timezone.now() - datetime.timedelta(minutes=5))
    job = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="pdf", language="en"
    )
    assert job != lost
    assert job.state == ReportJobState.QUEUED


def test_a_report_nobody_queued_a_task_for_is_not_handed_back(world, plan, database_queue):
    # A job left by the old in-process runner, or whose task row was deleted.
    orphan = _queued_job(world, plan)
    job = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="pdf", language="en"
    )
    assert job != orphan


def test_asking_again_just_after_the_report_is_ready_makes_a_fresh_one(client, world, plan):
    # An update approved in between must be in the second report, so the first is not reused.
    client.force_login(world.board)
    first = _ask(client, plan, "pdf")
    second = _ask(client, plan, "pdf")
    assert first["Location"] != second["Location"]
    finished = ReportJob.objects.order_by("pk")
    assert [job.state for job in finished] == [ReportJobState.DONE, ReportJobState.DONE]
    assert finished[0].file.name != finished[1].file.name


def test_a_report_being_made_by_a_live_worker_is_handed_back(world, plan, database_queue):
    running = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="pdf", language="en"
    )
    _running_on(running, "live-worker", timezone.now())
    again = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="pdf", language="en"
    )
    assert again == running
    assert ReportJob.objects.count() == 1


def test_a_different_format_language_or_filter_is_a_different_report(client, world, plan):
    client.force_login(world.board)
    _ask(client, plan, "pdf")
    _ask(client, plan, "docx")
    _ask(client, plan, "pdf", lang="cy")
    _ask(client, plan, "pdf", theme=str(plan.pursue.pk))
    assert ReportJob.objects.count() == 4


def test_someone_else_asking_for_the_same_report_gets_their_own_job(client, world, plan):
    for person in (world.board, world.lead):
        client.force_login(person)
        _ask(client, plan, "pdf")
    assert ReportJob.objects.filter(requested_by=world.board).count() == 1
    assert ReportJob.objects.filter(requested_by=world.lead).count() == 1


# Failures --------------------------------------------------------------------------------------


def _broken_renderer(report, format_name):
    raise RuntimeError("WeasyPrint ran out of memory")


def test_a_failed_report_is_recorded_and_shown_with_a_way_to_try_again(
    client, world, plan, monkeypatch
):
    monkeypatch.setattr(jobs, "render_report", _broken_renderer)
    client.force_login(world.board)
    response = _ask(client, plan, "pdf")
    job = ReportJob.objects.get()
    assert job.state == ReportJobState.FAILED
    assert job.finished_at is not None
    assert job.stage == ""
    assert "Something went wrong while the report was being made" in job.error
    assert "WeasyPrint" not in job.error  # the reason is plain, not the program's own words

    page = client.get(response["Location"]).content.decode()
    assert "Your report could not be made" in page
    assert "Something went wrong while the report was being made" in page
    assert "Try again" in page
    assert f'action="{_create_url(plan)}"' in page
    assert client.get(_job_url(job, "report-job-file")).status_code == 404


def test_trying_again_after_a_failure_makes_a_new_report(client, world, plan, monkeypatch):
    monkeypatch.setattr(jobs, "render_report", _broken_renderer)
    client.force_login(world.board)
    _ask(client, plan, "pdf")
    monkeypatch.undo()
    _ask(client, plan, "pdf")
    states = sorted(ReportJob.objects.values_list("state", flat=True))
    assert states == [ReportJobState.DONE, ReportJobState.FAILED]


def test_the_failure_reason_is_written_in_the_askers_language(world, plan, monkeypatch):
    monkeypatch.setattr(jobs, "render_report", _broken_renderer)
    world.board.preferred_language = "cy"
    world.board.save()
    job = _queued_job(world, plan, requested_by=world.board)
    jobs.run_report_job(job.pk)
    job.refresh_from_db()
    assert job.state == ReportJobState.FAILED
    assert job.error  # translated when the catalogue has it; never empty


def _given_up_on(job: ReportJob) -> None:
    """What happens when the job's task is abandoned after its worker died too often."""
    assert jobs.give_up(job.pk) == 1


def _media_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return [name for _, _, names in os.walk(root) for name in names] if root.exists() else []


def test_a_job_marked_failed_while_being_laid_out_stays_failed(world, plan, monkeypatch, settings):
    job = _queued_job(world, plan)
    real_render = jobs.render_report

    def slow_render(report, format_name):
        _given_up_on(job)
        return real_render(report, format_name)

    monkeypatch.setattr(jobs, "render_report", slow_render)
    assert jobs.run_report_job(job.pk) is True
    job.refresh_from_db()
    assert job.state == ReportJobState.FAILED
    assert "restarted" in job.error
    assert job.stage == ""
    assert not job.file
    assert _media_files(settings) == []


def test_a_job_marked_failed_just_before_it_finishes_stays_failed_and_keeps_no_file(
    world, plan, monkeypatch, settings
):
    job = _queued_job(world, plan, format="docx")
    real_file_name = jobs.file_name

    def slow_file_name(report, format_name):
        _given_up_on(job)
        return real_file_name(report, format_name)

    monkeypatch.setattr(jobs, "file_name", slow_file_name)
    assert jobs.run_report_job(job.pk) is True
    job.refresh_from_db()
    assert job.state == ReportJobState.FAILED
    assert "restarted" in job.error
    assert not job.file and job.file_name == ""
    assert _media_files(settings) == []  # the file made too late is not left behind


def test_a_job_is_made_only_once_even_if_two_workers_pick_it_up(world, plan):
    job = _queued_job(world, plan)
    assert jobs.run_report_job(job.pk) is True
    assert jobs.run_report_job(job.pk) is False
    job.refresh_from_db()
    assert job.state == ReportJobState.DONE


# The job's status, for the page's script -----------------------------------------------------


def test_the_status_says_the_stage_while_the_report_is_being_made(client, world, plan):
    job = _queued_job(
        world, plan, state=ReportJobState.RUNNING, stage="laying-out", started_at=timezone.now()
    )
    client.force_login(world.admin)
    status = client.get(_job_url(job, "report-job-status")).json()
    assert status["state"] == "running"
    assert status["finished"] is False
    assert "Laying out the pages" in status["message"]
    assert status["file_url"] == ""
    page = client.get(_job_url(job)).content.decode()
    assert 'role="status"' in page
    assert "Laying out the pages" in page
    assert f'href="{_job_url(job)}"' in page  # "Check again", for pages without JavaScript
    assert "http-equiv" not in page  # never a timed refresh
    assert "/static/vawdasv/js/report-job" in page


def test_the_status_gives_the_download_address_once_the_report_is_ready(client, world, plan):
    client.force_login(world.board)
    _ask(client, plan, "docx")
    job = ReportJob.objects.get()
    status = client.get(_job_url(job, "report-job-status")).json()
    assert status == {
        "state": "done",
        "state_label": "Ready",
        "message": "Your report is ready to download.",
        "tag_class": "govuk-tag--green",
        "finished": True,
        "file_url": _job_url(job, "report-job-file"),
        "error": "",
    }


def test_the_report_page_does_not_ask_the_database_more_for_more_recent_reports(
    client, world, plan, django_assert_max_num_queries
):
    url = reverse("progress:report", kwargs={"slug": plan.strategy.slug}) + "?period=2018/19"
    client.force_login(world.board)
    ask = {"requested_by": world.board, "state": ReportJobState.DONE}
    _queued_job(world, plan, filters={"theme": plan.prepare.pk, "lead": world.council.pk}, **ask)
    client.get(url)  # the first request of a session may fill caches
    with CaptureQueriesContext(connection) as one_job:
        assert "Theme: PREPARE" in client.get(url).content.decode()
    others = [
        {"theme": plan.pursue.pk, "lead": world.police.pk},
        {"theme": plan.prepare.pk},
        {"lead": world.police.pk},
        {"theme": plan.pursue.pk, "lead": world.council.pk},
    ]
    for number, filters in enumerate(others):
        _queued_job(world, plan, filters=filters, language=("cy", "en")[number % 2], **ask)
    with django_assert_max_num_queries(len(one_job)):
        page = client.get(url).content.decode()
    assert page.count("Theme: PURSUE") == 2
    assert page.count("Lead organisation: South Wales Police") == 2


def test_a_file_that_is_not_ready_is_not_found(client, world, plan):
    job = _queued_job(world, plan)
    client.force_login(world.admin)
    assert client.get(_job_url(job, "report-job-file")).status_code == 404


# Who may ask and read -----------------------------------------------------------------------


def test_another_partnerships_administrator_cannot_see_the_job_or_its_file(client, world, plan):
    job = _queued_job(world, plan)
    jobs.run_report_job(job.pk)
    client.force_login(world.outsider)
    for name in ("report-job", "report-job-status", "report-job-file"):
        assert client.get(_job_url(job, name)).status_code == 404, name
    assert _ask(client, plan, "pdf").status_code == 403
    assert ReportJob.objects.count() == 1


def test_a_job_is_not_found_under_another_strategys_address(client, world, plan):
    job = _queued_job(world, plan)
    client.force_login(world.admin)
    url = reverse("progress:report-job", kwargs={"slug": world.strategy.slug, "pk": job.pk})
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, world, plan):
    job = _queued_job(world, plan)
    for url in (_job_url(job), _job_url(job, "report-job-file")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert _ask(client, plan, "pdf").status_code == 302
    assert ReportJob.objects.count() == 1


def test_asking_for_a_report_needs_membership_of_the_partnership(world, plan):
    with pytest.raises(PermissionDenied):
        jobs.request_report(
            actor=world.outsider, strategy=plan.strategy, period="2018/19", format="pdf",
            language="en",
        )  # fmt: skip


def test_the_job_page_is_only_reached_by_get(client, world, plan):
    job = _queued_job(world, plan)
    client.force_login(world.admin)
    assert client.post(_job_url(job)).status_code == 405
    assert client.get(_create_url(plan)).status_code == 405


# In Welsh ----------------------------------------------------------------------------------


def test_the_job_page_is_in_welsh_under_cy(client, world, plan):
    job = _queued_job(world, plan, language="cy")
    status_url = _job_url(job, "report-job-status")
    client.force_login(world.admin)
    response = client.get("/cy" + _job_url(job))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy"' in page
    assert "Cyfnod adrodd" in page  # "Reporting period"
    assert f'data-status-url="/cy{status_url}"' in page
    status = client.get(f"/cy{status_url}").json()
    assert status["state"] == "queued"


# Tasks and recovery ---------------------------------------------------------------------------


def test_a_task_run_again_after_its_worker_died_finishes_the_job(world, plan, database_queue):
    job = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="docx", language="en"
    )
    _running_on(job, "dead-worker", timezone.now() - datetime.timedelta(minutes=5))
    assert jobs.run_report_job(job.pk, task_id=job.task_id) is True
    job.refresh_from_db()
    assert job.state == ReportJobState.DONE
    assert job.attempt == 2


def test_another_task_cannot_take_a_job_being_made(world, plan, database_queue):
    job = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="docx", language="en"
    )
    _running_on(job, "live-worker", timezone.now())
    assert jobs.run_report_job(job.pk, task_id="some-other-task") is False
    job.refresh_from_db()
    assert job.state == ReportJobState.RUNNING


def test_a_worker_thought_lost_cannot_overwrite_the_next_attempts_outcome(
    world, plan, monkeypatch, database_queue
):
    job = jobs.request_report(
        actor=world.admin, strategy=plan.strategy, period="2018/19", format="docx", language="en"
    )
    real_render = jobs.render_report

    def taken_over_meanwhile(report, format_name):
        # While this attempt lays out the pages, another worker takes the task up again.
        ReportJob.objects.filter(pk=job.pk).update(attempt=F("attempt") + 1)
        return real_render(report, format_name)

    monkeypatch.setattr(jobs, "render_report", taken_over_meanwhile)
    assert jobs.run_report_job(job.pk, task_id=job.task_id) is True
    job.refresh_from_db()
    assert job.state == ReportJobState.RUNNING  # left to the attempt that owns it
    assert not job.file


def test_a_report_task_that_failed_for_good_fails_its_job(world, plan, database_queue):
    job = jobs.request_report(
        actor=world.board, strategy=plan.strategy, period="2018/19", format="pdf", language="en"
    )
    result = DBTaskResult.objects.get(id=job.task_id)
    result.set_failed(RuntimeError("the worker stopped"))
    task_finished.send(sender=DBTaskResult, task_result=result.task_result)
    job.refresh_from_db()
    assert job.state == ReportJobState.FAILED
    assert "restarted" in job.error


def test_the_nightly_task_deletes_finished_reports_after_a_week(world, plan):
    old = _queued_job(world, plan)
    recent = _queued_job(world, plan, format="docx")
    jobs.run_report_job(old.pk)
    jobs.run_report_job(recent.pk)
    old.refresh_from_db()
    name = old.file.name
    ReportJob.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert tasks.delete_old_report_jobs.enqueue().return_value == 1
    assert not ReportJob.objects.filter(pk=old.pk).exists()
    assert ReportJob.objects.filter(pk=recent.pk, state=ReportJobState.DONE).exists()
    assert not default_storage.exists(name)


def test_a_reports_file_is_deleted_when_its_strategy_is_deleted(
    world, plan, django_capture_on_commit_callbacks
):
    job = _queued_job(world, plan)
    jobs.run_report_job(job.pk)
    job.refresh_from_db()
    name = job.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        plan.strategy.delete()
    assert not ReportJob.objects.filter(pk=job.pk).exists()
    assert not default_storage.exists(name)


def test_a_reports_file_stays_if_deleting_its_job_is_rolled_back(
    world, plan, django_capture_on_commit_callbacks
):
    job = _queued_job(world, plan)
    jobs.run_report_job(job.pk)
    job.refresh_from_db()
    pk, name = job.pk, job.file.name
    with (
        django_capture_on_commit_callbacks(execute=True) as after_commit,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        job.delete()
        raise RuntimeError("the deletion is abandoned")
    assert after_commit == []
    assert ReportJob.objects.filter(pk=pk).exists()
    assert default_storage.exists(name)


# The worker ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_makes_the_report_asked_for_by_the_request(world, plan, database_queue):
    job = jobs.request_report(
        actor=world.board, strategy=plan.strategy, period="2018/19", format="docx", language="en"
    )
    assert job.state == ReportJobState.QUEUED
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    job.refresh_from_db()
    assert job.state == ReportJobState.DONE, job.error
    assert docx.Document(job.file.open("rb")).tables
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.SUCCESSFUL
