"""Recovering tasks lost with their worker, on either database (ops.recovery)."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.ops.sample_tasks import record
from vawdasv.ops import queue, recovery, tasks
from vawdasv.ops.models import WorkerHeartbeat
from vawdasv.ops.worker import beat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_queue(database_queue) -> None:
    pass


def _running(worker_ids: list[str], minutes_ago: float = 5) -> DBTaskResult:
    result = record.enqueue("/nonexistent", "x")
    started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=started, worker_ids=worker_ids
    )
    return DBTaskResult.objects.get(id=result.id)


def _heartbeat(worker_id: str, seconds_ago: float) -> None:
    beat(worker_id)
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        beat_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )


def test_a_task_on_a_worker_silent_for_over_a_minute_is_queued_again():
    _heartbeat("dead", seconds_ago=90)
    lost = _running(["dead"])
    assert recovery.recover_lost_tasks() == recovery.Recovered(requeued=1)
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.READY
    assert lost.started_at is None
    assert DBTaskResult.objects.ready().filter(id=lost.id).exists()


def test_a_task_on_a_worker_still_beating_is_left_alone():
    _heartbeat("alive", seconds_ago=2)
    busy = _running(["alive"], minutes_ago=10)  # a long report, still being made
    assert recovery.recover_lost_tasks() == recovery.Recovered()
    busy.refresh_from_db()
    assert busy.status == TaskResultStatus.RUNNING


def test_a_task_just_claimed_by_a_worker_not_yet_seen_is_left_alone():
    just_now = _running(["newcomer"], minutes_ago=0)
    assert recovery.recover_lost_tasks() == recovery.Recovered()
    just_now.refresh_from_db()
    assert just_now.status == TaskResultStatus.RUNNING


def test_a_task_lost_as_many_times_as_allowed_is_failed_with_a_reason(settings):
    settings.WORKER_MAX_ATTEMPTS = 2
    lost = _running(["first", "second"])
    assert recovery.recover_lost_tasks() == recovery.Recovered(failed=1)
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == "vawdasv.ops.recovery.WorkerLost"
    assert "(second) stopped 2 time(s)" in lost.traceback


def test_recovering_twice_acts_once():
    _running(["dead"])
    assert recovery.recover_lost_tasks().requeued == 1
    assert recovery.recover_lost_tasks() == recovery.Recovered()


def test_a_task_waiting_or_on_a_live_worker_is_alive_and_one_on_a_dead_worker_is_not():
    waiting = record.enqueue("/nonexistent", "y")
    _heartbeat("alive", seconds_ago=1)
    _heartbeat("dead", seconds_ago=600)
    assert queue.task_is_alive(str(waiting.id))
    assert queue.task_is_alive(str(_running(["alive"]).id))
    assert not queue.task_is_alive(str(_running(["dead"]).id))
    assert not queue.task_is_alive("")


def test_the_nightly_task_deletes_task_rows_finished_over_a_week_ago(settings):
    old, recent, waiting = (record.enqueue("/nonexistent", key) for key in ("a", "b", "c"))
    DBTaskResult.objects.filter(id__in=[old.id, recent.id]).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now()
    )
    DBTaskResult.objects.filter(id=old.id).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert tasks.delete_finished_tasks.enqueue().return_value == 1
    assert set(DBTaskResult.objects.values_list("id", flat=True)) == {
        uuid.UUID(str(recent.id)),
        uuid.UUID(str(waiting.id)),
    }
