"""Progress reports made in the background, so a large PDF never keeps a page waiting.

A 500-action PDF takes tens of seconds (benchmarks/reports.py). Asking for a report creates a
`ReportJob` and queues the task `vawdasv.progress.tasks.make_report` in the same transaction
(docs/adr/0012); a `vawdasv worker` process makes the file; the job page shows how far it has
got and offers the file when it is ready. A job survives a restart of the web server (it is a
row), and one whose worker died is taken up again by another worker (vawdasv/ops/recovery.py)
or, after too many attempts, marked failed with a reason, and the person can try again.

Asking for a report is a read of the plan, not a change to it, so it is not audited: the job
itself records who asked and when.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import time
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vawdasv.ops import queue
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy
from vawdasv.progress import selectors
from vawdasv.progress.enums import ReportJobState
from vawdasv.progress.models import ReportJob
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import FORMATS, file_name
from vawdasv.progress.report import render as render_report
from vawdasv.progress.report.data import ReportFilters, gather

logger = logging.getLogger(__name__)

JOB_FORMATS = ("docx", "pdf")
KEEP_FINISHED_FOR = datetime.timedelta(days=7)

# What the job page says while a job runs; the stage is stored as its key.
STAGES: dict[str, Promise] = {
    "gathering": _("Gathering the updates"),
    "laying-out": _("Laying out the pages"),
    "saving": _("Saving the file"),
}
UNFINISHED = (ReportJobState.QUEUED, ReportJobState.RUNNING)

# Reasons a job failed, stored on the job in the language of the person who asked.
BAD_PERIOD = _("The reporting period is not valid.")
WENT_WRONG = _(
    "Something went wrong while the report was being made. Try again, and if it fails again "
    "tell your regional team."
)
LOST_IN_RESTART = _("The report was still being made when the service restarted. Try again.")


class ReportJobError(Exception):
    """A reason a report cannot be made that the person who asked should read as it is."""


class JobNoLongerRunning(Exception):
    """The job stopped being this attempt's while it worked: it was given up on (`give_up`) or
    taken up again by another worker after this one was thought lost.

    The other outcome stands, so this attempt stops and leaves the job as it is rather than
    turning it back into "done".
    """


# Asking ------------------------------------------------------------------------------------


def filters_json(filters: ReportFilters) -> dict[str, int]:
    """The filters as stored on the job: only those chosen, so equal requests compare equal."""
    chosen = {"theme": filters.theme_id, "lead": filters.lead_id}
    return {name: value for name, value in chosen.items() if value is not None}


def job_filters(job: ReportJob) -> ReportFilters:
    stored: Mapping[str, Any] = job.filters or {}
    return ReportFilters(theme_id=stored.get("theme"), lead_id=stored.get("lead"))


def request_report(
    *,
    actor: Any,
    strategy: Strategy,
    period: str,
    format: str,
    language: str,
    filters: ReportFilters | None = None,
) -> ReportJob:
    """A job making this report, reusing the person's identical job if one is under way.

    A double click hands back the job already waiting or being made. A finished job is never
    handed back: the person may have approved an update since, and asking again must show it.
    """
    if not permissions.can_read_progress(actor, strategy.partnership_id):
        raise PermissionDenied(gettext("You do not have permission to see this report."))
    if format not in JOB_FORMATS:
        raise ValueError(f"Reports are made in the background as {JOB_FORMATS}, not {format!r}")
    if parse_period(period) is None:
        raise ValueError(f"{period!r} is not a reporting period")
    wanted = filters_json(filters or ReportFilters())
    from vawdasv.progress.tasks import make_report  # the task module imports this one

    with transaction.atomic():
        # Holding the strategy's row makes two simultaneous clicks queue here, one at a time.
        Strategy.objects.select_for_update().filter(pk=strategy.pk).first()
        existing = _reusable(actor, strategy, period, format, language, wanted)
        if existing is not None:
            return existing
        job = ReportJob.objects.create(
            strategy=strategy,
            period_label=period,
            format=format,
            language=language,
            filters=wanted,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        queue.enqueue_with(job, make_report, job.pk)
    queue.enqueue_after(job, make_report, job.pk)
    return job


def _reusable(
    actor: Any, strategy: Strategy, period: str, format: str, language: str, wanted: dict
) -> ReportJob | None:
    candidates = ReportJob.objects.filter(
        state__in=UNFINISHED,
        strategy=strategy,
        period_label=period,
        format=format,
        language=language,
        requested_by=actor.pk,
    ).order_by("-created_at", "-pk")
    for job in candidates:
        # Compared here rather than in SQL: JSON equality differs between SQLite and PostgreSQL.
        # A job whose task nobody is running (its worker died) is never handed back.
        if (job.filters or {}) == wanted and queue.task_is_alive(job.task_id):
            return job
    return None


# Reading ------------------------------------------------------------------------------------


def get_report_job_for_user(user: Any, slug: str, pk: int) -> ReportJob:
    """The job, for anyone who may read the strategy's reports; 404 for everyone else.

    A refusal is a 404 rather than a 403 so job numbers say nothing to other partnerships.
    """
    job = get_object_or_404(ReportJob.objects.select_related("strategy"), pk=pk)
    if job.strategy.slug != slug:
        raise Http404
    try:
        selectors.get_strategy_for_member(user, slug)
    except PermissionDenied as refused:
        raise Http404 from refused
    return job


def recent_jobs_for(user: Any, strategy: Strategy, limit: int = 5) -> list[ReportJob]:
    """The person's latest reports of this strategy, for the list on the report page."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = ReportJob.objects.filter(strategy=strategy, requested_by=user).select_related("strategy")
    return list(mine[:limit])


def stage_label(job: ReportJob) -> str:
    return str(STAGES.get(job.stage, "")) if job.state == ReportJobState.RUNNING else ""


# Making -------------------------------------------------------------------------------------


def run_report_job(job_id: int, task_id: str = "") -> bool:
    """Make a job's file. False if the job was not this task's to make (already taken, done).

    Taking the job is one UPDATE: from "queued", or from "running" under this same task when
    the task is run again after its worker died. Each taking counts an attempt, and progress is
    recorded only under the attempt that took it, so a worker thought lost that wakes up again
    cannot overwrite the outcome. Whatever goes wrong, the job ends "done" or "failed".
    """
    now = timezone.now()
    mine = Q(state=ReportJobState.QUEUED)
    if task_id:
        mine |= Q(state=ReportJobState.RUNNING, task_id=task_id)
    taken = _update_waiting_out_locks(
        ReportJob.objects.filter(mine, pk=job_id),
        state=ReportJobState.RUNNING, stage="gathering", started_at=now, error="",
        attempt=F("attempt") + 1,
    )  # fmt: skip
    if not taken:
        return False
    job = ReportJob.objects.select_related("strategy", "requested_by").get(pk=job_id)
    try:
        _make(job)
    except JobNoLongerRunning:
        logger.warning("Progress report job %s stopped being this worker's to make", job_id)
    except Exception as exc:
        if not isinstance(exc, ReportJobError):
            logger.exception("Progress report job %s failed", job_id)
        _fail(job, _reason(job, exc))
    return True


def _make(job: ReportJob) -> None:
    period = parse_period(job.period_label)
    if period is None:
        raise ReportJobError(_in_language_of(job, BAD_PERIOD))
    report = gather(job.strategy, period, language=job.language, filters=job_filters(job))
    _set_stage(job, "laying-out")
    content = render_report(report, job.format)
    _set_stage(job, "saving")
    name = file_name(report, job.format)
    job.file.save(name, ContentFile(content), save=False)
    try:
        _record_progress(
            job,
            state=ReportJobState.DONE,
            stage="",
            file=job.file.name,
            file_name=name,
            finished_at=timezone.now(),
        )
    except JobNoLongerRunning:
        # Nobody will be offered this file: the job says it failed.
        job.file.delete(save=False)
        raise


def _set_stage(job: ReportJob, stage: str) -> None:
    _record_progress(job, stage=stage)


def _fail(job: ReportJob, reason: str) -> None:
    # A job no longer this attempt's already has its outcome, which stands.
    with contextlib.suppress(JobNoLongerRunning):
        _record_progress(
            job, state=ReportJobState.FAILED, stage="", error=reason, finished_at=timezone.now()
        )


LOCKED_RETRIES, LOCKED_PAUSE_SECONDS = 50, 0.1


def _record_progress(job: ReportJob, **fields: Any) -> None:
    """Record how the job is going, only while it is still "running" under this attempt.

    Without the condition a worker finishing after the job was given up on would turn "failed"
    back into "done", after the person had been told to try again.
    """
    running = ReportJob.objects.filter(pk=job.pk, state=ReportJobState.RUNNING, attempt=job.attempt)
    if not _update_waiting_out_locks(running, **fields):
        raise JobNoLongerRunning(job.pk)


def _update_waiting_out_locks(jobs: Any, **fields: Any) -> int:
    """Update the jobs, waiting a moment if SQLite has the table locked.

    The worker writes while the job page's status requests read the same row. PostgreSQL never
    refuses that; SQLite can answer "table is locked" for an instant (notably the shared
    in-memory database of the test suite), and a report must not fail for that reason.
    """
    for attempt in range(LOCKED_RETRIES):
        try:
            return int(jobs.update(**fields))
        except OperationalError as error:
            if "locked" not in str(error) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(LOCKED_PAUSE_SECONDS)
    return 0


def _reason(job: ReportJob, exc: Exception) -> str:
    """A reason the person who asked can read: ours as written, anything else in general terms."""
    if isinstance(exc, ReportJobError):
        return str(exc)
    return _in_language_of(job, WENT_WRONG)


def _in_language_of(job: ReportJob, message: Promise) -> str:
    """The message in the language of the person who asked (errors are stored, not rendered)."""
    user = job.requested_by
    language = getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        return str(message)


# Looking after the jobs --------------------------------------------------------------------


def give_up(job_id: int) -> int:
    """Mark the job failed because its task was abandoned (its worker died too many times).

    Called when the task's failure is recorded (progress.signals), so the job page stops
    saying "being made" and offers "Try again"; asking again never hands this job back.
    """
    job = ReportJob.objects.filter(pk=job_id).select_related("requested_by").first()
    if job is None:
        return 0
    reason = _in_language_of(job, LOST_IN_RESTART)
    return int(
        ReportJob.objects.filter(pk=job_id, state__in=UNFINISHED)
        .update(state=ReportJobState.FAILED, stage="", error=reason, finished_at=timezone.now())
    )  # fmt: skip


def delete_old_jobs(older_than: datetime.timedelta = KEEP_FINISHED_FOR) -> int:
    """Finished jobs and their files after a week: the report can always be made again."""
    old = ReportJob.objects.filter(
        state__in=(ReportJobState.DONE, ReportJobState.FAILED),
        finished_at__lt=timezone.now() - older_than,
    )
    count = 0
    for job in old:
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


def content_type(job: ReportJob) -> str:
    return FORMATS[job.format].content_type
