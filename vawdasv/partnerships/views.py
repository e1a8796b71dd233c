from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership


def get_partnership_for_user(user: object, slug: str) -> Partnership:
    """A partnership the user may see; anything else is a 404 so its existence is not leaked."""
    partnership = get_object_or_404(
        permissions.visible_partnerships(user).select_related("region"), slug=slug
    )
    return partnership


def partnership_list(request: HttpRequest) -> HttpResponse:
    """Every partnership the person may read (all of them for a Welsh Government observer)."""
    partnerships = (
        permissions.visible_partnerships(request.user).select_related("region").order_by("name_en")
    )
    return render(request, "partnerships/list.html", {"partnerships": partnerships})


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, slug)
    strategies = permissions.visible_strategies(request.user).filter(partnership=partnership)
    if not strategies and not permissions.is_member(request.user, partnership.pk):
        raise Http404
    return render(
        request,
        "partnerships/detail.html",
        {
            "partnership": partnership,
            "strategies": strategies,
            "local_authorities": partnership.local_authorities.order_by("name_en"),
            "organisations": partnership.organisations.order_by("name_en"),
            "can_manage": permissions.can_manage_plans(request.user, partnership.pk),
        },
    )
