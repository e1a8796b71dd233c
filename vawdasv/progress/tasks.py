"""The progress app's background tasks, run by `vawdasv worker` (docs/adr/0012).

Each takes only JSON-friendly arguments (ids), and the work itself lives in the module named,
so a task can also be run by calling that module directly (commands, tests).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskContext, task

from vawdasv.progress import reminders
from vawdasv.progress.report import jobs


@task(takes_context=True)
def make_report(context: TaskContext, job_id: int) -> bool:
    """Make a report job's file; False when the job was not this task's to make."""
    return jobs.run_report_job(job_id, task_id=str(context.task_result.id))


@task()
def send_daily_reminders() -> int:
    """Queued every morning (SCHEDULED_TASKS): email lead officers whose updates are due."""
    today: datetime.date = timezone.localdate()
    return reminders.send_reminders(today, settings.SITE_URL, reminders.DAYS_BEFORE_DEADLINE)


@task()
def delete_old_report_jobs() -> int:
    """Queued every night (SCHEDULED_TASKS): finished reports and their files after a week."""
    return jobs.delete_old_jobs()
