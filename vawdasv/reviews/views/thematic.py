"""The thematic learning report: ask for it (it is made in the background), wait for it
("Check again" without JavaScript), download it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from vawdasv.core.form_errors import posted
from vawdasv.ops import queue
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.reviews import report_jobs, services
from vawdasv.reviews.forms import ThematicReportForm
from vawdasv.reviews.models import ThematicReportJob


@login_required
@require_http_methods(["GET", "POST"])
def request_report(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_manage_reviews(request.user, partnership.pk):
        raise PermissionDenied
    form = ThematicReportForm(
        posted(request), initial={"language": request.LANGUAGE_CODE, "format": "docx"}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        language = data.pop("language")
        job = services.request_thematic_report(
            actor=request.user, partnership=partnership, filters=data, language=language
        )
        return redirect("reviews:thematic-job", pk=job.pk)
    return render(
        request, "reviews/thematic_form.html", {"form": form, "partnership": partnership},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _job(request: HttpRequest, pk: int) -> ThematicReportJob:
    job = get_object_or_404(ThematicReportJob, pk=pk)
    if not permissions.can_read_reviews_in_full(request.user, job.partnership_id):
        raise Http404
    queue.give_up_if_lost(job, ("queued",), report_jobs.FAILED)
    return job


@login_required
@require_GET
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reviews/thematic_job.html", {"job": _job(request, pk)})


@login_required
@require_GET
def job_file(request: HttpRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    if job.state != "done" or not job.stored_as:
        raise Http404
    response = FileResponse(
        default_storage.open(job.stored_as, "rb"),
        as_attachment=True,
        filename=f"thematic-learning-{job.language}.{report_jobs.extension(job)}",
        content_type="application/pdf"
        if report_jobs.extension(job) == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
