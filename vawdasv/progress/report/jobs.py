"""Progress reports made in the background, so a large PDF never keeps a page waiting.

A 500-action PDF takes tens of seconds (benchmarks/reports.py). Asking for a report creates a
`ReportJob`; the job page shows how far it has got and offers the file when it is ready.

There is no queue server: the demo and small deployments are one `vawdasv serve` process. The
runner is chosen by the REPORT_JOBS setting:

- "thread": one worker thread inside the web process picks the job up once the request's
  transaction has committed. A restarted server loses what the worker was doing, so
  `vawdasv run-report-jobs` (run it every few minutes) makes waiting jobs and marks stuck ones
  as failed, so nobody waits forever.
- "inline": the job is made at once, while the request waits (tests and scripts).

Asking for a report is a read of the plan, not a change to it, so it is not audited: the job
itself records who asked and when.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import OperationalError, connections, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
STUCK_AFTER = datetime.timedelta(minutes=30)
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
    """The job stopped being this worker's while it worked: `fail_stuck_jobs` gave up on it.

    Its failure has been recorded and the person told to try again, so the worker stops and
    leaves the job as it is rather than turning it back into "done".
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
    with transaction.atomic():
        # Holding the strategy's row makes two simultaneous clicks queue here, one at a time.
        Strategy.objects.select_for_update().filter(pk=strategy.pk).first()
        existing = _reusable(actor, strategy, period, format, language, wanted)
        if existing is not None:
            if existing.state == ReportJobState.QUEUED and runner() == "thread":
                # In case the server restarted before its worker took the job; taking a job
                # is a single UPDATE, so offering it twice never makes it twice.
                pk = existing.pk
                transaction.on_commit(lambda: start_in_background(pk))
            return existing
        job = ReportJob.objects.create(
            strategy=strategy,
            period_label=period,
            format=format,
            language=language,
            filters=wanted,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if runner() == "thread":
            transaction.on_commit(lambda: start_in_background(job.pk))
    if runner() == "inline":
        run_report_job(job.pk)
        job.refresh_from_db()
    return job


def _reusable(
    actor: Any, strategy: Strategy, period: str, format: str, language: str, wanted: dict
) -> ReportJob | None:
    # A job "running" for longer than any report takes was lost; it is not worth waiting for.
    still_running = Q(state=ReportJobState.RUNNING, started_at__gte=timezone.now() - STUCK_AFTER)
    candidates = ReportJob.objects.filter(
        Q(state=ReportJobState.QUEUED) | still_running,
        strategy=strategy,
        period_label=period,
        format=format,
        language=language,
        requested_by=actor.pk,
    ).order_by("-created_at", "-pk")
    for job in candidates:
        # Compared here rather than in SQL: JSON equality differs between SQLite and PostgreSQL.
        if (job.filters or {}) == wanted:
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


def runner() -> str:
    return str(getattr(settings, "REPORT_JOBS", "thread"))


def run_report_job(job_id: int) -> bool:
    """Make a waiting job's file. False if another worker had already taken the job.

    Taking the job is one UPDATE from "queued" to "running", so the web worker and the command
    never make the same report twice. Whatever goes wrong, the job ends "done" or "failed".
    """
    now = timezone.now()
    taken = _update_waiting_out_locks(
        ReportJob.objects.filter(pk=job_id, state=ReportJobState.QUEUED),
        state=ReportJobState.RUNNING, stage="gathering", started_at=now, error="",
    )  # fmt: skip
    if not taken:
        return False
    job = ReportJob.objects.select_related("strategy", "requested_by").get(pk=job_id)
    try:
        _make(job)
    except JobNoLongerRunning:
        logger.warning("Progress report job %s was marked failed while being made", job_id)
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
    # A job no longer running was already marked failed by fail_stuck_jobs, with its reason.
    with contextlib.suppress(JobNoLongerRunning):
        _record_progress(
            job, state=ReportJobState.FAILED, stage="", error=reason, finished_at=timezone.now()
        )


LOCKED_RETRIES, LOCKED_PAUSE_SECONDS = 50, 0.1


def _record_progress(job: ReportJob, **fields: Any) -> None:
    """Record how the job is going, only while it is still "running" and so still ours.

    Without the condition a slow worker finishing after `fail_stuck_jobs` gave up on the job
    would turn "failed" back into "done", after the person had been told to try again.
    """
    running = ReportJob.objects.filter(pk=job.pk, state=ReportJobState.RUNNING)
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


# The thread runner ------------------------------------------------------------------------

_executor: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    # One worker: reports are made one at a time, so a burst of requests cannot starve the
    # web process of CPU; WeasyPrint and python-docx are also not promised to be thread-safe.
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-job")
    return _executor


def start_in_background(job_id: int) -> None:
    _pool().submit(_run_in_thread, job_id)


def _run_in_thread(job_id: int) -> None:
    try:
        run_report_job(job_id)
    except Exception:
        # Marking the job failed failed too (the database went away): the command recovers it.
        logger.exception("Progress report job %s could not be recorded", job_id)
    finally:
        # The worker thread's own connections; the web threads' are untouched.
        connections.close_all()


# Looking after the jobs (vawdasv run-report-jobs) -------------------------------------------


def fail_stuck_jobs(older_than: datetime.timedelta = STUCK_AFTER) -> int:
    """Jobs "running" for longer than any report takes were lost with a restarted server."""
    stuck = ReportJob.objects.filter(
        state=ReportJobState.RUNNING, started_at__lt=timezone.now() - older_than
    ).select_related("requested_by")
    count = 0
    for job in stuck:
        reason = _in_language_of(job, LOST_IN_RESTART)
        count += (
            ReportJob.objects.filter(pk=job.pk, state=ReportJobState.RUNNING)
            .update(state=ReportJobState.FAILED, stage="", error=reason, finished_at=timezone.now())
        )  # fmt: skip
    return count


def run_waiting_jobs() -> int:
    """Make every waiting job, oldest first; the number made (or failed) here."""
    waiting = ReportJob.objects.filter(state=ReportJobState.QUEUED).order_by("created_at", "pk")
    return sum(1 for pk in list(waiting.values_list("pk", flat=True)) if run_report_job(pk))


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
