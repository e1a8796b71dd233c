"""The home page and error pages (the health check is ops.views.healthz)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vawdasv.partnerships.permissions import visible_partnerships, visible_strategies


def home(request: HttpRequest) -> HttpResponse:
    strategies = visible_strategies(request.user).order_by("partnership__name_en", "-start_year")
    partnerships = visible_partnerships(request.user).select_related("region")
    return render(
        request, "core/home.html", {"strategies": strategies, "partnerships": partnerships}
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/500.html", status=500)
