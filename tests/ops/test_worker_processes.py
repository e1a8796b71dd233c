"""Real `vawdasv worker` processes on PostgreSQL: never one task twice; a killed worker's task
is taken up again by the next worker within a minute. Skipped only when not on PostgreSQL."""

from __future__ import annotations

import signal
from collections import Counter
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.ops.conftest import wait_for
from tests.ops.sample_tasks import record_together, slow_the_first_time
from vawdasv.progress.enums import ReportJobState
from vawdasv.progress.models import ReportJob

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A short heartbeat so a lost worker is noticed in seconds rather than the minute of production.
QUICK = {
    "WORKER_HEARTBEAT_SECONDS": "1",
    "WORKER_LOST_AFTER_SECONDS": "4",
    "WORKER_HOUSEKEEPING_SECONDS": "1",
}


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_two_workers_on_postgresql_never_run_one_task_twice(database_queue, start_worker, tmp_path):
    keys = [f"task-{n}" for n in range(40)]
    for key in keys:
        # Each task waits until the other worker has run one too: otherwise the first worker
        # to start can drain all forty before the second has loaded Django.
        record_together.enqueue(str(tmp_path), key)
    first = start_worker("worker-a", "--batch")
    second = start_worker("worker-b", "--batch")
    assert first.wait(timeout=120) == 0
    assert second.wait(timeout=120) == 0

    runs = _lines(tmp_path / "runs.txt")
    assert Counter(line.split()[0] for line in runs) == Counter(keys)  # each exactly once
    results = DBTaskResult.objects.all()
    assert {result.status for result in results} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(result.worker_ids) == 1 for result in results)
    # Both workers took part, so the claims really competed.
    assert {result.worker_ids[0] for result in results} == {"worker-a", "worker-b"}


def test_a_task_whose_worker_was_killed_is_finished_by_the_next_worker(
    database_queue, start_worker, tmp_path
):
    result = slow_the_first_time.enqueue(str(tmp_path), 600)
    doomed = start_worker("doomed", **QUICK)
    wait_for(lambda: (tmp_path / "started.txt").exists(), 60, "the first worker starts the task")
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=30)
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.RUNNING

    start_worker("successor", **QUICK)

    def finished() -> bool:
        return DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL

    wait_for(finished, 60, "the task is recovered and finished within a minute")
    final = DBTaskResult.objects.get(id=result.id)
    assert final.worker_ids == ["doomed", "successor"]
    assert len(_lines(tmp_path / "runs.txt")) == 1


def test_a_task_whose_workers_keep_dying_is_failed_with_its_reason(
    database_queue, start_worker, tmp_path
):
    result = slow_the_first_time.enqueue(str(tmp_path), 600)
    # Claimed and lost as many times as allowed (the heartbeat rows are long gone).
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=["gone-1", "gone-2", "gone-3"],
        started_at="2020-01-01T00:00:00Z",
    )
    start_worker("successor", **QUICK, WORKER_MAX_ATTEMPTS="3")

    def failed() -> bool:
        return DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.FAILED

    wait_for(failed, 60, "the task is failed")
    final = DBTaskResult.objects.get(id=result.id)
    assert final.exception_class_path == "vawdasv.ops.recovery.WorkerLost"
    assert "stopped 3 time(s)" in final.traceback
    assert not (tmp_path / "started.txt").exists()


def test_a_report_asked_for_on_the_web_is_made_by_a_worker_process(
    database_queue, start_worker, tmp_path, client, world, settings
):
    # The worker keeps files under its VAWDASV_VAR_DIR; the test reads the same folder.
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    client.force_login(world.admin)
    asked = {"period": "2024/25", "lang": "cy", "theme": "", "lead": "", "format": "docx"}
    response = client.post(f"/progress/{world.strategy.slug}/report/jobs/", asked)
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.state == ReportJobState.QUEUED  # the web process made nothing

    worker = start_worker("reports", "--batch")
    assert worker.wait(timeout=120) == 0
    job.refresh_from_db()
    assert job.state == ReportJobState.DONE, job.error
    download = client.get(response["Location"] + "file/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"PK")


def test_a_plan_download_asked_for_on_the_web_is_made_by_a_worker_process(
    database_queue, start_worker, tmp_path, client, world, settings
):
    from vawdasv.ops.models import ExportJob, ExportState

    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    response = client.post(
        f"/strategies/{world.strategy.slug}/download/", {"format": "xlsx", "lang": "cy"}
    )
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.state == ExportState.QUEUED and job.task_id  # queued with the job, nothing made
    assert (
        "Mae eich ffeil yn cael ei chreu"
        in client.get("/cy" + response["Location"]).content.decode()
    )

    worker = start_worker("downloads", "--batch")
    assert worker.wait(timeout=120) == 0
    job.refresh_from_db()
    assert job.state == ExportState.DONE, job.error
    download = client.get(response["Location"] + "file/")
    assert download["Content-Disposition"] == 'attachment; filename="cv-2023-cy.xlsx"'
    assert b"".join(download.streaming_content).startswith(b"PK")
