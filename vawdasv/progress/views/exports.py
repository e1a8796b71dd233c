"""Downloads of every progress update of a strategy, as .xlsx or .csv (members only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from vawdasv.progress import exports, selectors

FORMATS = {
    "xlsx": (exports.as_xlsx, exports.XLSX_CONTENT_TYPE),
    "csv": (exports.as_csv, exports.CSV_CONTENT_TYPE),
}


@login_required
def updates_export(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    """Updates are the partnership's working papers: members only, each seeing the updates
    `permissions.visible_updates` allows (drafts only to the regional team and their authors)."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    if extension not in FORMATS:
        raise Http404
    write, content_type = FORMATS[extension]
    response = HttpResponse(write(strategy, request.user), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(strategy, extension)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
