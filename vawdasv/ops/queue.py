"""What the rest of the code needs to know about the task queue, whatever its backend.

Tasks are Django's Tasks API (the `django_tasks` backport of Django 6's `django.tasks`). In
production the backend is the database one (`django_tasks_db`): a task is a row, written in
the same transaction as whatever asked for it, and run by `vawdasv worker` processes. Tests
use the immediate backend, which runs a task when it is enqueued.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from vawdasv.ops.models import WorkerHeartbeat


def lost_after() -> datetime.timedelta:
    """How old a worker's last heartbeat may be before its running tasks count as lost."""
    return datetime.timedelta(seconds=settings.WORKER_LOST_AFTER_SECONDS)


def heartbeat_every() -> float:
    return float(settings.WORKER_HEARTBEAT_SECONDS)


def uses_database_queue() -> bool:
    """True when tasks are rows run by workers (and so can join the caller's transaction)."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def live_workers(now: datetime.datetime | None = None) -> set[str]:
    """The workers whose heartbeat is recent enough to trust."""
    since = (now or timezone.now()) - lost_after()
    return set(
        WorkerHeartbeat.objects.filter(beat_at__gte=since).values_list("worker_id", flat=True)
    )


def task_is_alive(task_id: str) -> bool:
    """Whether somebody is (or will be) running this task: waiting, or running on a live worker.

    With a backend that is not the database one there is nothing to look at: the task ran
    when it was enqueued, so a caller holding its id is never waiting for a lost worker.
    """
    if not uses_database_queue():
        return True
    if not task_id:
        return False
    result = DBTaskResult.objects.filter(id=task_id).values("status", "worker_ids").first()
    if result is None:
        return False
    if result["status"] == TaskResultStatus.READY:
        return True
    if result["status"] != TaskResultStatus.RUNNING:
        return False
    worker_ids = result["worker_ids"] or []
    return bool(worker_ids) and worker_ids[-1] in live_workers()


def enqueue_with(row: Any, task: Any, *args: Any) -> None:
    """Queue `task(*args)` for a row recording a request (a job, an import), in two steps.

    Call it inside the transaction that writes the row, then `enqueue_after` once it has
    committed. With the database queue the task is a row of that same transaction, so there is
    never a request without its task; any other backend may run the task at once, so it is
    queued only after the commit, when the worker can see the row.
    """
    if uses_database_queue():
        row.task_id = str(task.enqueue(*args).id)
        row.save(update_fields=["task_id"])


def enqueue_after(row: Any, task: Any, *args: Any) -> None:
    """The second step of `enqueue_with`, after the commit; does nothing if the first queued."""
    if not row.task_id:
        task_id = str(task.enqueue(*args).id)
        type(row).objects.filter(pk=row.pk).update(task_id=task_id)
        row.refresh_from_db()


def give_up_if_lost(row: Any, unfinished: tuple[str, ...], failed: str, **also: Any) -> bool:
    """A job page's check: a row still `unfinished` whose task nobody will run any more (its
    worker died too often, or it was queued before the worker's heartbeat existed) is marked
    `failed` with `also` set, so the page says so instead of "being made" for ever. True when
    it was marked. Only the row's own state moves; the file is never touched."""
    if row.state not in unfinished or task_is_alive(getattr(row, "task_id", "")):
        return False
    values = {"state": failed, **also}
    if type(row).objects.filter(pk=row.pk, state__in=unfinished).update(**values):
        for name, value in values.items():
            setattr(row, name, value)
        return True
    row.refresh_from_db()
    return False
