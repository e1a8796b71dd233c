"""Downloads made by a worker, so a large plan or a year of updates never keeps a page waiting.

An app registers what it can export (`register`) with a builder that makes the file as the
person who asked; a page asks for a download (`request_export`), which records an `ExportJob`
and queues `ops.tasks.make_export` in the same transaction (docs/adr/0012); the job's page
(web/exports.py) says how far it has got and hands over the file. The same request asked again
while it waits or runs reuses the job, so a double click makes one file.

Asking for a download is a read, not a change, so it is not audited: the job records who asked.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from vawdasv.ops import queue
from vawdasv.ops.models import ExportJob, ExportState

logger = logging.getLogger(__name__)

KEEP_FOR = datetime.timedelta(days=7)
# Why a job failed is stored as a key and said in the language of whoever reads the page.
WENT_WRONG, NO_LONGER_ALLOWED, LOST = "went-wrong", "not-allowed", "lost"
REASONS = {
    WENT_WRONG: _(
        "Something went wrong while the file was being made. Try again, and if it fails again "
        "tell your regional team."
    ),
    NO_LONGER_ALLOWED: _(
        "You can no longer download this: what it was made from is not open to you."
    ),
    LOST: _("The file was still being made when the service restarted. Try again."),
}


def reason(job: ExportJob) -> str:
    """Why the job failed, in the active language."""
    return str(REASONS.get(job.error, REASONS[WENT_WRONG])) if job.error else ""


@dataclass(frozen=True)
class Built:
    """A finished file: its bytes, the name it downloads as and its content type."""

    data: bytes
    file_name: str
    content_type: str


# A builder makes the file for these params, in the active language, as this person (an
# anonymous visitor is AnonymousUser). It raises Http404 or PermissionDenied when the person
# may not (or may no longer) see what was asked for.
Builder = Callable[[Mapping[str, Any], Any], Built]


@dataclass(frozen=True)
class Export:
    kind: str
    build: Builder
    # Where the person goes back to from the job's page: a function of the params.
    back_url: Callable[[Mapping[str, Any]], str]
    title: Any


_registry: dict[str, Export] = {}


def register(export: Export) -> None:
    """Called by an app's `ready()`; registering a kind twice keeps the latest (autoreload)."""
    _registry[export.kind] = export


def registered(kind: str) -> Export:
    try:
        return _registry[kind]
    except KeyError:
        raise Http404 from None


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def request_export(*, user: Any, kind: str, params: Mapping[str, Any], language: str) -> ExportJob:
    """Record the job and queue its task; an unfinished identical request is reused.

    The caller has already checked that the person may read what the export is made from; the
    builder checks again when it runs.
    """
    registered(kind)
    requester = _user_or_none(user)
    params = dict(params)
    if requester is not None:
        waiting = (
            ExportJob.objects.filter(
                kind=kind,
                params=params,
                language=language,
                requested_by=requester,
                state__in=(ExportState.QUEUED, ExportState.RUNNING),
            )
            .order_by("-created_at")
            .first()
        )
        if waiting is not None and queue.task_is_alive(waiting.task_id):
            return waiting
    from vawdasv.ops.tasks import make_export  # the task module imports this one

    job = ExportJob(
        token=uuid.uuid4(), kind=kind, params=params, language=language, requested_by=requester
    )
    with transaction.atomic():
        job.save()
        queue.enqueue_with(job, make_export, job.pk)
    queue.enqueue_after(job, make_export, job.pk)
    return job


def _finish(job: ExportJob, *, built: Built | None = None, error: str = "") -> None:
    job.finished_at = timezone.now()
    if built is not None:
        job.state = ExportState.DONE
        job.file_name = built.file_name
        job.content_type = built.content_type
        job.file.save(built.file_name, ContentFile(built.data), save=False)
    else:
        job.state = ExportState.FAILED
        job.error = error
    job.save()


def make(job_id: int) -> bool:
    """Make a job's file (run by the task); False when it was not waiting to be made."""
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .filter(pk=job_id)
        ).first()
        if job is None or job.state != ExportState.QUEUED:
            return False
        job.state = ExportState.RUNNING
        job.save(update_fields=["state"])
    export = _registry.get(job.kind)
    user = job.requested_by or AnonymousUser()
    language = job.language
    try:
        if export is None:
            raise LookupError(job.kind)
        with translation.override(language):
            built = export.build(job.params, user)
    except (Http404, PermissionDenied):
        _finish(job, error=NO_LONGER_ALLOWED)
    except Exception:
        # Whatever went wrong, the job must not stay "being made" for ever.
        logger.exception("Export job %s (%s) failed", job.pk, job.kind)
        _finish(job, error=WENT_WRONG)
    else:
        _finish(job, built=built)
    return True


def job_for(user: Any, token: uuid.UUID) -> ExportJob:
    """The job a page shows: found by its token, and only by the person who asked for it
    (anyone holding the token when it was asked for without signing in). 404 otherwise."""
    job = ExportJob.objects.filter(token=token).first()
    if job is None:
        raise Http404
    if job.requested_by_id is not None and job.requested_by_id != getattr(user, "pk", None):
        raise Http404
    if not job.finished and not queue.task_is_alive(job.task_id):
        # Its worker died too often (ops.recovery gave up): say so rather than wait for ever.
        _finish(job, error=LOST)
    return job


def delete_old(now: datetime.datetime | None = None) -> int:
    """Jobs (and their files) older than a week: the person can always ask again."""
    old = ExportJob.objects.filter(created_at__lt=(now or timezone.now()) - KEEP_FOR)
    deleted = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
