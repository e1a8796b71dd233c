"""Downloads of every progress update of a strategy, as .xlsx or .csv (members only).

The dashboard's buttons ask a worker for the file (`request_updates_download`,
progress/downloads.py); a plain GET still answers with the file at once, for scripts.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from vawdasv.lib.bilingual import current_language
from vawdasv.ops.exports import request_export
from vawdasv.progress import downloads, exports, selectors


@login_required
def updates_export(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    """Updates are the partnership's working papers: members only, each seeing the updates
    `permissions.visible_updates` allows (drafts only to the regional team and their authors)."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    if extension not in downloads.FORMATS:
        raise Http404
    write, content_type = downloads.FORMATS[extension]
    response = HttpResponse(write(strategy, request.user), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(strategy, extension)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def request_updates_download(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask a worker for every update as .xlsx or .csv; go to the download's page."""
    extension = request.POST.get("format", "")
    if extension not in downloads.FORMATS:
        raise Http404
    strategy = selectors.get_strategy_for_member(request.user, slug)
    job = request_export(
        user=request.user,
        kind=downloads.KIND,
        params={"slug": strategy.slug, "format": extension},
        language=current_language(),
    )
    return redirect("core:export", token=job.token)
