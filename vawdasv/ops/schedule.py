"""Tasks queued once a day by whichever worker looks first (reminders, clearing old reports).

SCHEDULED_TASKS names each one: {"name": {"task": "import.path", "at": "HH:MM"}}, the time
in TIME_ZONE. Each worker calls `queue_due_tasks` every minute or so; the (name, day) row is
inserted in the same transaction as the task, so with several workers exactly one queues it,
and a worker that was down at the hour queues it when it comes back that day.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from vawdasv.ops.models import ScheduledRun

logger = logging.getLogger(__name__)


def due_names(now: datetime.datetime) -> list[str]:
    """The scheduled tasks whose time today has come."""
    local = timezone.localtime(now)
    due = []
    for name, entry in settings.SCHEDULED_TASKS.items():
        at = datetime.time.fromisoformat(entry["at"])
        if local.time() >= at:
            due.append(name)
    return due


def queue_due_tasks(now: datetime.datetime | None = None) -> list[str]:
    """Queue each task due today that nobody has queued yet; the names queued here."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    queued = []
    for name in due_names(now):
        if ScheduledRun.objects.filter(name=name, due_on=today).exists():
            continue
        task = import_string(settings.SCHEDULED_TASKS[name]["task"])
        if not isinstance(task, Task):
            raise TypeError(f"SCHEDULED_TASKS[{name!r}] does not name a task")
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=name, due_on=today)
                run.task_id = str(task.enqueue().id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker queued it between our look and our insert
        logger.info("Queued scheduled task %s for %s", name, today)
        queued.append(name)
    return queued
