"""The queue's own housekeeping task."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

KEEP_FINISHED_TASKS_FOR = datetime.timedelta(days=7)


@task()
def delete_finished_tasks() -> int:
    """Queued every night (SCHEDULED_TASKS): task rows finished over a week ago.

    What a task did is recorded by its owner (a report job, a reminder sent); the queue's own
    row only matters while the task waits or runs, and for a week to look into a failure.
    """
    old = DBTaskResult.objects.finished().filter(
        finished_at__lt=timezone.now() - KEEP_FINISHED_TASKS_FOR
    )
    deleted, _ = old.delete()
    return deleted


@task()
def make_export(job_id: int) -> bool:
    """Make one download (ops.exports); False when the job was not waiting."""
    from vawdasv.ops import exports

    return exports.make(job_id)


@task()
def delete_old_exports() -> int:
    """Queued every night (SCHEDULED_TASKS): downloads made over a week ago, with their files."""
    from vawdasv.ops import exports

    return exports.delete_old()
