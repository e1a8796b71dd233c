"""Scheduled tasks are queued once a day, whichever worker looks (ops.schedule)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.db import IntegrityError
from django_tasks_db.models import DBTaskResult

from vawdasv.ops import schedule
from vawdasv.ops.models import ScheduledRun

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _one_daily_task(settings, database_queue) -> None:
    settings.SCHEDULED_TASKS = {
        "nightly": {"task": "vawdasv.progress.tasks.delete_old_report_jobs", "at": "03:00"}
    }


def test_a_daily_task_is_not_queued_before_its_time():
    assert schedule.queue_due_tasks(datetime.datetime(2026, 3, 2, 2, 59, tzinfo=LONDON)) == []
    assert not DBTaskResult.objects.exists()


def test_a_daily_task_is_queued_once_on_each_day():
    monday = datetime.datetime(2026, 3, 2, 3, 0, tzinfo=LONDON)
    assert schedule.queue_due_tasks(monday) == ["nightly"]
    assert schedule.queue_due_tasks(monday + datetime.timedelta(hours=5)) == []
    assert schedule.queue_due_tasks(monday + datetime.timedelta(days=1)) == ["nightly"]
    tasks = DBTaskResult.objects.all()
    assert [task.task_path for task in tasks] == [
        "vawdasv.progress.tasks.delete_old_report_jobs"
    ] * 2
    runs = ScheduledRun.objects.order_by("due_on")
    assert [str(run.due_on) for run in runs] == ["2026-03-02", "2026-03-03"]
    assert {run.task_id for run in runs} == {str(task.id) for task in tasks}


def test_a_worker_that_loses_the_race_queues_nothing(monkeypatch):
    # Another worker inserted today's run between this one's look and its insert.
    real_create = ScheduledRun.objects.create

    def raced(**fields):
        real_create(**fields)
        raise IntegrityError("one_scheduled_run_per_day")

    monkeypatch.setattr(ScheduledRun.objects, "create", raced)
    assert schedule.queue_due_tasks(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)) == []
    assert not DBTaskResult.objects.exists()
