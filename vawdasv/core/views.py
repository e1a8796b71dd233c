"""The home page, error pages and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from vawdasv.partnerships.permissions import visible_partnerships, visible_strategies
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
