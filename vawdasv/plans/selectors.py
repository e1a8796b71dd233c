"""Reads that need care: permission plus fetch, and the plan tree in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.enums import TimescaleKind
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.plans.timescales import financial_year_bounds, financial_year_label


def get_strategy_for_user(user: Any, slug: str) -> Strategy:
    strategy = get_object_or_404(Strategy.objects.select_related("partnership"), slug=slug)
    if not permissions.can_view_strategy(user, strategy):
        raise Http404
    return strategy


def action_queryset() -> QuerySet[Action]:
    return Action.objects.select_related(
        "commitment__theme__strategy__partnership"
    ).prefetch_related(
        Prefetch("lead_organisations", queryset=Organisation.objects.order_by("name_en")),
        Prefetch("partner_organisations", queryset=Organisation.objects.order_by("name_en")),
        "alignments__framework",
    )


def get_action_for_user(user: Any, pk: int) -> Action:
    action = get_object_or_404(action_queryset(), pk=pk)
    if not permissions.can_view_strategy(user, action.commitment.theme.strategy):
        raise Http404
    return action


def get_theme_for_user(user: Any, pk: int) -> Theme:
    theme = get_object_or_404(Theme.objects.select_related("strategy__partnership"), pk=pk)
    if not permissions.can_view_strategy(user, theme.strategy):
        raise Http404
    return theme


def get_commitment_for_user(user: Any, pk: int) -> Commitment:
    commitment = get_object_or_404(
        Commitment.objects.select_related("theme__strategy__partnership"), pk=pk
    )
    if not permissions.can_view_strategy(user, commitment.theme.strategy):
        raise Http404
    return commitment


def plan_tree(strategy: Strategy) -> list[Theme]:
    """Themes → commitments → actions (with leads) in a constant number of queries."""
    actions = Action.objects.prefetch_related(
        Prefetch("lead_organisations", queryset=Organisation.objects.order_by("name_en"))
    )
    commitments = Commitment.objects.prefetch_related(Prefetch("actions", queryset=actions))
    return list(strategy.themes.prefetch_related(Prefetch("commitments", queryset=commitments)))


# Filtering the action list ---------------------------------------------------------------

DUE_ONGOING = "ongoing"
DUE_UNDATED = "undated"


@dataclass(frozen=True)
class ActionFilters:
    q: str = ""
    theme: int | None = None
    lead: int | None = None
    due: str = ""
    alignment: int | None = None


def due_period_choices(strategy: Strategy) -> list[tuple[str, str]]:
    """Financial years in which the strategy's actions fall due, plus the undated kinds."""
    dates = (
        Action.objects.for_strategy(strategy)
        .exclude(due_date=None)
        .values_list("due_date", flat=True)
        .distinct()
    )
    years = sorted({financial_year_label(d) for d in dates if d is not None})
    return [(y, y) for y in years]


def filter_actions(strategy: Strategy, filters: ActionFilters) -> QuerySet[Action]:
    actions = action_queryset().for_strategy(strategy)  # type: ignore[attr-defined]
    if filters.q:
        for word in filters.q.split():
            actions = actions.filter(
                Q(text_en__icontains=word)
                | Q(text_cy__icontains=word)
                | Q(evidence_en__icontains=word)
                | Q(evidence_cy__icontains=word)
                | Q(commitment__text_en__icontains=word)
                | Q(commitment__text_cy__icontains=word)
                | Q(timescale_text__icontains=word)
            )
    if filters.theme:
        actions = actions.filter(commitment__theme_id=filters.theme)
    if filters.lead:
        actions = actions.filter(lead_organisations=filters.lead)
    if filters.alignment:
        actions = actions.filter(alignments=filters.alignment)
    if filters.due == DUE_ONGOING:
        actions = actions.filter(
            timescale_kind__in=[TimescaleKind.ONGOING, TimescaleKind.RECURRING]
        )
    elif filters.due == DUE_UNDATED:
        actions = actions.filter(timescale_kind=TimescaleKind.UNKNOWN)
    elif filters.due and (bounds := financial_year_bounds(filters.due)):
        actions = actions.filter(due_date__gte=bounds[0], due_date__lte=bounds[1])
    return actions.order_by(
        "commitment__theme__order", "commitment__order", "order", "pk"
    ).distinct()


def today() -> datetime.date:
    return datetime.date.today()
