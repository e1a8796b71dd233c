"""Downloading a plan as a Word document or an Excel workbook, in English or Welsh."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from vawdasv.lib.bilingual import LANGUAGE_CODES, current_language
from vawdasv.plans import selectors
from vawdasv.plans.export import (
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    export_docx,
    export_filename,
    export_xlsx,
)
from vawdasv.plans.models import Strategy

EXPORTS: dict[str, tuple[Callable[[Strategy, str], bytes], str]] = {
    "docx": (export_docx, DOCX_CONTENT_TYPE),
    "xlsx": (export_xlsx, XLSX_CONTENT_TYPE),
}


@require_GET
def download(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    """The plan as a file; anyone who may read the plan may download it.

    `?lang=cy` or `?lang=en` chooses the language; without it, the language of the page the
    link was followed from.
    """
    if extension not in EXPORTS:
        raise Http404
    strategy = selectors.get_strategy_for_user(request.user, slug)
    language = request.GET.get("lang") or current_language()
    if language not in LANGUAGE_CODES:
        language = current_language()
    export, content_type = EXPORTS[extension]
    response = HttpResponse(export(strategy, language), content_type=content_type)
    filename = export_filename(strategy, language, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A draft plan is not public: keep shared caches from holding a member's copy.
    response["Cache-Control"] = "private, no-store" if not strategy.is_published else "private"
    return response
