"""The page of a download being made by a worker (ops.exports): progress, then the file.

Works without JavaScript ("Check again"); with it, the page asks for the job's status every
two seconds (the same script as the progress report's job page) and shows the link when ready.
"""

from __future__ import annotations

import uuid

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from vawdasv.ops import exports
from vawdasv.ops.models import ExportJob, ExportState

TAGS = {
    ExportState.QUEUED: "govuk-tag--grey",
    ExportState.RUNNING: "govuk-tag--blue",
    ExportState.DONE: "govuk-tag--green",
    ExportState.FAILED: "govuk-tag--red",
}


# What the page says under the state's tag: a sentence, not the tag's word again.
MESSAGES = {
    ExportState.QUEUED: _("Your file is waiting its turn: it will be made in a moment."),
    ExportState.RUNNING: _("Your file is being made now."),
    ExportState.DONE: _("Your file is ready to download."),
    ExportState.FAILED: _("Your file could not be made."),
}


def _status(job: ExportJob) -> dict[str, object]:
    state = ExportState(job.state)
    return {
        "state": state.value,
        "state_label": str(state.label),
        "message": str(MESSAGES[state]),
        "tag_class": TAGS[state],
        "finished": job.finished,
        "file_url": _url("core:export-file", job) if state == ExportState.DONE else "",
        "error": exports.reason(job),
    }


def _url(name: str, job: ExportJob) -> str:
    return reverse(name, kwargs={"token": job.token})


@require_GET
def export_job(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    job = exports.job_for(request.user, token)
    export = exports.registered(job.kind)
    context = {
        "job": job,
        "status": _status(job),
        "title": export.title,
        "back_url": export.back_url(job.params),
        "url": _url("core:export", job),
        "status_url": _url("core:export-status", job),
    }
    response = render(request, "web/export_job.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_job_status(request: HttpRequest, token: uuid.UUID) -> JsonResponse:
    response = JsonResponse(_status(exports.job_for(request.user, token)))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def export_job_file(request: HttpRequest, token: uuid.UUID) -> FileResponse:
    job = exports.job_for(request.user, token)
    if job.state != ExportState.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as gone:
        raise Http404 from gone
    response = FileResponse(
        handle, as_attachment=True, filename=job.file_name, content_type=job.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
