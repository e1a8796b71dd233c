"""Receivers for the progress app, connected in ProgressConfig.ready().

Each section belongs to one concern; add new receivers in a section of their own.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.signals import task_finished

from vawdasv.progress.models import ReportJob, UpdateEvidence
from vawdasv.progress.report import jobs
from vawdasv.progress.tasks import make_report


def _delete_after_commit(file: FieldFile, using: str | None) -> None:
    """Delete the stored file once the deletion of its row commits (never if it rolls back)."""
    name = file.name or ""
    if name:
        storage = file.storage
        transaction.on_commit(lambda: storage.delete(name), using=using)


# Evidence files ----------------------------------------------------------------------------


@receiver(post_delete, sender=UpdateEvidence, dispatch_uid="progress.evidence_file_cleanup")
def delete_evidence_file(
    sender: type[UpdateEvidence], instance: UpdateEvidence, **kwargs: Any
) -> None:
    """Delete an evidence file from storage once the row that held it is gone for good.

    Rows go when a lead officer removes evidence, and also by cascade when a round, an action
    or a strategy is deleted; without this their files would stay on disk for ever. The file is
    deleted only after the commit, so a rolled-back deletion still finds it. Each update has its
    own copy (see progress.models.evidence_upload_to), so no other row can be using it.
    """
    _delete_after_commit(instance.file, kwargs.get("using"))


# Report job files (fixjobs) ------------------------------------------------------------------


@receiver(post_delete, sender=ReportJob, dispatch_uid="progress.report_job_file_cleanup")
def delete_report_job_file(sender: type[ReportJob], instance: ReportJob, **kwargs: Any) -> None:
    """Delete a finished report's file once its job is gone, after the commit.

    The nightly task (progress.tasks) deletes old jobs with their files, but a job also goes by
    cascade when its strategy is deleted, and its file would otherwise stay in storage for ever.
    Each job has its own file, so no other row can be using it.
    """
    _delete_after_commit(instance.file, kwargs.get("using"))


# Report jobs whose task was abandoned ---------------------------------------------------------


@receiver(task_finished, dispatch_uid="progress.report_job_task_failed")
def fail_report_job_of_failed_task(
    sender: Any, task_result: TaskResult[Any], **kwargs: Any
) -> None:
    """A report task that failed for good (its worker died too often) fails its job too.

    The task itself records a report's own failures on the job and ends successfully, so a
    failed task means the job was never finished: the person must see it failed, not waiting.
    """
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.module_path != make_report.module_path or not task_result.args:
        return
    jobs.give_up(int(task_result.args[0]))
