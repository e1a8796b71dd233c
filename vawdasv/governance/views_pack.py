"""Making a meeting pack: choose the format and language, then wait for the file."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm
from vawdasv.governance import pack
from vawdasv.governance.enums import PackState
from vawdasv.governance.models import Meeting, PackJob
from vawdasv.ops import queue
from vawdasv.partnerships import permissions

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class PackForm(GovukForm):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("docx", _("Word document")), ("pdf", _("PDF"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose Word or PDF")},
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose English or Welsh")},
    )


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    if not permissions.can_view_governance(request.user, meeting.group.partnership_id):
        raise Http404
    return meeting


@login_required
def pack_request(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = PackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = pack.request_pack(
            actor=request.user, meeting=meeting, format=form.cleaned_data["format"],
            language=form.cleaned_data["language"],
        )  # fmt: skip
        return redirect("governance:pack-job", pk=job.pk)
    return render(
        request, "governance/pack_request.html", {"meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _job(request: HttpRequest, pk: int) -> PackJob:
    job = get_object_or_404(PackJob.objects.select_related("meeting__group"), pk=pk)
    # A pack is its requester's; others ask for their own.
    if job.requested_by_id != request.user.pk:
        raise Http404
    queue.give_up_if_lost(
        job, (PackState.QUEUED, PackState.RUNNING), PackState.FAILED, finished_at=timezone.now()
    )
    return job


@login_required
def pack_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(request, "governance/pack_job.html", {"job": job, "done": PackState.DONE})


@login_required
def pack_file(request: HttpRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    if job.state != PackState.DONE or not job.file.name:
        raise Http404
    return FileResponse(
        default_storage.open(job.file.name, "rb"),
        as_attachment=True,
        filename=f"meeting-pack-{job.meeting.starts_at:%Y-%m-%d}-{job.language}.{job.format}",
        content_type=CONTENT_TYPES[job.format],
    )
