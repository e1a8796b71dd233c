"""Tasks lost with their worker: queued again, or failed after too many attempts.

A worker renews its heartbeat every few seconds from a thread of its own, so a worker busy
with a long report still beats; a beat older than WORKER_LOST_AFTER_SECONDS means the process
died (killed, out of memory, machine gone). Every worker runs this at start and then
periodically, so a lost task is picked up within about a minute of any worker running.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from vawdasv.ops.models import WorkerHeartbeat
from vawdasv.ops.queue import lost_after

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """Recorded as the failure of a task whose worker died too many times while running it."""


@dataclass(frozen=True)
class Recovered:
    requeued: int = 0
    failed: int = 0


def recover_lost_tasks(now: datetime.datetime | None = None) -> Recovered:
    """Queue again (or fail) every running task whose worker has stopped beating."""
    now = now or timezone.now()
    stale_before = now - lost_after()
    beats = dict(WorkerHeartbeat.objects.values_list("worker_id", "beat_at"))
    requeued = failed = 0
    # Tasks started just now may belong to a worker whose first beat is on its way.
    candidates = DBTaskResult.objects.filter(
        Q(started_at__lt=stale_before) | Q(started_at__isnull=True),
        status=TaskResultStatus.RUNNING,
    )
    for result in candidates:
        worker = result.worker_ids[-1] if result.worker_ids else ""
        beat = beats.get(worker)
        if beat is not None and beat >= stale_before:
            continue
        if len(result.worker_ids) >= settings.WORKER_MAX_ATTEMPTS:
            failed += _fail(result, worker, now)
        else:
            requeued += _requeue(result)
    if requeued or failed:
        logger.warning("Recovered lost tasks: %s queued again, %s failed", requeued, failed)
    return Recovered(requeued=requeued, failed=failed)


def _still_as_read(result: DBTaskResult[Any, Any]) -> object:
    # The guard that makes two workers recovering at once act on a task once: only the first
    # UPDATE still finds it running with the start time it read.
    return DBTaskResult.objects.filter(
        id=result.id, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )


def _requeue(result: DBTaskResult[Any, Any]) -> int:
    return int(_still_as_read(result).update(status=TaskResultStatus.READY, started_at=None))  # type: ignore[attr-defined]


def _fail(result: DBTaskResult[Any, Any], worker: str, now: datetime.datetime) -> int:
    error = WorkerLost(
        f"The worker running this task ({worker or 'unknown'}) stopped "
        f"{len(result.worker_ids)} time(s); not tried again."
    )
    changed = int(
        _still_as_read(result).update(  # type: ignore[attr-defined]
            status=TaskResultStatus.FAILED,
            finished_at=now,
            return_value=None,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{WorkerLost.__qualname__}: {error}\n",
        )
    )
    if changed:
        result.refresh_from_db()
        try:
            # The same signal a worker sends when a task fails, so the code that made the task
            # (a report job, say) records the failure where people see it.
            task_result = result.task_result
        except (ImportError, SuspiciousOperation):
            logger.exception("Lost task %s names no task that exists now", result.id)
        else:
            task_finished.send(sender=type(task_result.task.get_backend()), task_result=task_result)
    return changed
