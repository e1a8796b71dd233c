"""Receivers for the imports app, connected in ImportsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.signals import task_finished

from vawdasv.imports import uploads
from vawdasv.imports.tasks import read_import


@receiver(task_finished, dispatch_uid="imports.read_import_task_failed")
def refuse_import_of_failed_task(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    """A reading task that failed for good refuses its import, which would otherwise say
    "being read" for ever; the person is told to try again."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.module_path != read_import.module_path or not task_result.args:
        return
    uploads.give_up_reading(int(task_result.args[0]))
