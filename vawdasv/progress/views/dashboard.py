"""The plan dashboard: RAG by theme, overdue and due-soon actions, and lead organisations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vawdasv.partnerships import permissions
from vawdasv.plans import coverage
from vawdasv.progress import charts, selectors
from vawdasv.progress import dashboard as figures
from vawdasv.progress.enums import ActionStatus


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Members and national observers only: see `vawdasv.progress.dashboard` for why."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    data = figures.build(strategy)
    return render(
        request,
        "progress/dashboard/dashboard.html",
        {
            "strategy": strategy,
            "dashboard": data,
            "rag_chart": charts.layout(figures.rag_by_theme_chart(data)),
            "due_chart": charts.layout(figures.due_chart(data)),
            "leads_chart": charts.layout(figures.leads_chart(data)),
            "statuses": list(ActionStatus),
            "leads": [(figures.lead_name(summary), summary) for summary in data.leads],
            "partnership": strategy.partnership,
            "gaps": coverage.without_lead_officer(strategy.partnership, strategy),
            "can_invite": permissions.can_manage_people(request.user, strategy.partnership_id),
        },
    )
