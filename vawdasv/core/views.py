"""The home page, error pages and the health check."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from vawdasv.core import attention as needs_attention
from vawdasv.partnerships import coverage
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Partnership
from vawdasv.partnerships.permissions import (
    administers_any,
    roles_of,
    visible_partnerships,
    visible_strategies,
)
from vawdasv.plans.direct_edits import recent_direct_edits


def home(request: HttpRequest) -> HttpResponse:
    strategies = visible_strategies(request.user).order_by("partnership__name_en", "-start_year")
    partnerships = visible_partnerships(request.user).select_related("region")
    return render(
        request,
        "core/home.html",
        {
            "strategies": strategies,
            "partnerships": partnerships,
            "direct_edits": recent_direct_edits(request.user),
            "uncovered": _uncovered(request.user),
        },
    )


def _uncovered(user: Any) -> list[tuple[Partnership, list[coverage.Uncovered]]]:
    """For each partnership the user administers: lead organisations without a lead officer."""
    administered = [pid for pid, role in roles_of(user).items() if role == Role.ADMINISTRATOR]
    partnerships = Partnership.objects.filter(pk__in=administered).order_by("name_en")
    found = [(p, coverage.without_lead_officer(p)) for p in partnerships]
    return [(partnership, gaps) for partnership, gaps in found if gaps]


@login_required
def attention(request: HttpRequest) -> HttpResponse:
    """The regional team's landing page: what needs them, partnership by partnership."""
    if not (request.user.is_superuser or administers_any(request.user)):
        raise PermissionDenied
    return render(
        request,
        "core/attention.html",
        {
            "partnerships": needs_attention.for_user(request.user),
            "direct_edits": recent_direct_edits(request.user),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/500.html", status=500)
