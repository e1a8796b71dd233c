"""Downloading a plan as a Word document or an Excel workbook, in English or Welsh.

The strategy page's buttons ask a worker for the file (`request_download`, plans/downloads.py)
and lead to the download's page; a plain GET of `export.<ext>` still answers with the file at
once, for scripts and saved links.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from vawdasv.lib.bilingual import LANGUAGE_CODES, current_language
from vawdasv.ops.exports import request_export
from vawdasv.plans import downloads, selectors
from vawdasv.plans.export import export_filename


def _language(request: HttpRequest, value: str | None) -> str:
    return value if value in LANGUAGE_CODES else current_language()


@require_GET
def download(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    """The plan as a file; anyone who may read the plan may download it.

    `?lang=cy` or `?lang=en` chooses the language; without it, the language of the page the
    link was followed from.
    """
    if extension not in downloads.FORMATS:
        raise Http404
    strategy = selectors.get_strategy_for_user(request.user, slug)
    language = _language(request, request.GET.get("lang"))
    export, content_type = downloads.FORMATS[extension]
    response = HttpResponse(export(strategy, language), content_type=content_type)
    filename = export_filename(strategy, language, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A draft plan is not public: keep shared caches from holding a member's copy.
    response["Cache-Control"] = "private, no-store" if not strategy.is_published else "private"
    return response


@require_POST
def request_download(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask a worker for the plan in the chosen format and language; go to the download's page."""
    extension = request.POST.get("format", "")
    if extension not in downloads.FORMATS:
        raise Http404
    strategy = selectors.get_strategy_for_user(request.user, slug)
    job = request_export(
        user=request.user,
        kind=downloads.KIND,
        params={"slug": strategy.slug, "format": extension},
        language=_language(request, request.POST.get("lang")),
    )
    return redirect("core:export", token=job.token)
