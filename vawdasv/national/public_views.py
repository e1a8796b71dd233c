"""Public transparency pages (no sign-in): a partnership's published plans with their latest
published progress, open-data downloads, and the privacy notice."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from vawdasv.governance import public as governance
from vawdasv.lib import tabular
from vawdasv.national import transparency
from vawdasv.national.models import NationalReport
from vawdasv.outcomes.public import published_headlines
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.enums import StrategyStatus
from vawdasv.progress import public as progress_public


def _published_partnership(slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not transparency.published_strategies(partnership):
        raise Http404
    return partnership


def index(request: HttpRequest) -> HttpResponse:
    partnerships = Partnership.objects.filter(
        strategies__status=StrategyStatus.PUBLISHED
    ).distinct()
    reports = NationalReport.objects.filter(state=NationalReport.State.DONE)[:20]
    return render(
        request,
        "national/public_index.html",
        {"partnerships": partnerships, "reports": reports},
    )


def partnership(request: HttpRequest, slug: str) -> HttpResponse:
    found = _published_partnership(slug)
    plans = [transparency.public_progress(s) for s in transparency.published_strategies(found)]
    for plan in plans:
        # Issued board reports the regional team chose to put on the public pages.
        plan.issued = progress_public.public_issued_reports(plan.strategy)
    groups = (
        governance.structure(found.pk)
        if permissions.governance_structure_is_public(bool(plans))
        else []
    )
    return render(
        request,
        "national/public_partnership.html",
        {
            "partnership": found,
            "plans": plans,
            "progress_published": any(plan.progress_published for plan in plans),
            # published, disclosure-controlled figures only (outcomes.public)
            "headlines": published_headlines(partnership_ids=[found.pk]),
            "groups": groups,
            "voice_count": governance.published_voice(found.pk).count(),
        },
    )


FORMATS = {
    "csv": (transparency.as_csv, tabular.CSV_CONTENT_TYPE),
    "xlsx": (transparency.as_xlsx, tabular.XLSX_CONTENT_TYPE),
    "json": (transparency.as_json, "application/json"),
}


def open_data(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    if extension not in FORMATS:
        raise Http404
    found = _published_partnership(slug)
    make, content_type = FORMATS[extension]
    response = HttpResponse(make(found), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-progress.{extension}"'
    return response


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "national/privacy.html", {"operator": _operator()})


def _operator() -> dict[str, str]:
    return {
        "name": settings.OPERATOR_NAME,
        "email": settings.OPERATOR_EMAIL,
        "address": settings.OPERATOR_ADDRESS,
        "dpo_email": settings.OPERATOR_DPO_EMAIL,
    }
