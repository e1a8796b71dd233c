"""The home page: what strategies and partnerships the reader may see."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vawdasv.partnerships.permissions import (
    can_view_all_wales,
    visible_partnerships,
    visible_strategies,
)


def home(request: HttpRequest) -> HttpResponse:
    strategies = visible_strategies(request.user).order_by("partnership__name_en", "-start_year")
    partnerships = visible_partnerships(request.user).select_related("region")
    return render(
        request,
        "core/home.html",
        {
            "strategies": strategies,
            "partnerships": partnerships,
            "all_wales": can_view_all_wales(request.user),
        },
    )
