"""The home page, the landing address after sign-in, and the regional team's page of what
needs them: the site on top reads every app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vawdasv.accounts import notifications
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Partnership
from vawdasv.partnerships.permissions import (
    administers_any,
    can_view_all_wales,
    roles_of,
    visible_partnerships,
    visible_strategies,
)
from vawdasv.plans import coverage
from vawdasv.plans.direct_edits import recent_direct_edits
from vawdasv.web import attention as needs_attention


def home(request: HttpRequest) -> HttpResponse:
    strategies = list(
        visible_strategies(request.user).order_by("partnership__name_en", "-start_year")
    )
    partnerships = visible_partnerships(request.user).select_related("region")
    # A member of a partnership with no plan yet (a new region) is told so, with the way to
    # its page, instead of only seeing other regions' plans.
    with_plan = {strategy.partnership_id for strategy in strategies}
    without_plan = Partnership.objects.filter(
        pk__in=[pk for pk in roles_of(request.user) if pk not in with_plan]
    ).order_by("name_en")
    return render(
        request,
        "core/home.html",
        {
            "strategies": strategies,
            "partnerships": partnerships,
            "without_plan": without_plan,
            "all_wales": can_view_all_wales(request.user),
            "direct_edits": recent_direct_edits(request.user),
            "uncovered": _uncovered(request.user),
            "notifications": notifications.for_home(request.user),
            "unread_notifications": notifications.unread_count(request.user),
            "all_notifications": notifications.total_count(request.user),
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
