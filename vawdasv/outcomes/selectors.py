"""Reads that need permission: what a person may not see is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from vawdasv.outcomes.models import DataReturn, Indicator, Measure
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Theme


def get_partnership_for_member(user: Any, slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_view_outcomes(user, partnership.pk):
        raise Http404
    return partnership


def get_return_for_user(user: Any, pk: int) -> DataReturn:
    data_return = get_object_or_404(
        DataReturn.objects.select_related("partnership", "supplier"), pk=pk
    )
    if not permissions.can_view_return(user, data_return):
        raise Http404
    return data_return


def measures_of(partnership: Partnership) -> QuerySet[Measure]:
    return partnership.measures.prefetch_related("category_sets")


def indicators_of(partnership: Partnership) -> QuerySet[Indicator]:
    return partnership.indicators.select_related("numerator", "denominator").prefetch_related(
        "benchmarks"
    )


def headline_indicators(partnership: Partnership) -> QuerySet[Indicator]:
    """Indicators with everything a headline shows, so the dashboard's queries do not grow with
    the number of indicators."""
    return indicators_of(partnership).select_related("target").prefetch_related("target__rules")


def indicator_themes(partnership: Partnership) -> QuerySet[Theme]:
    """The plan themes the partnership's indicators are linked to (the dashboard's filter)."""
    return Theme.objects.filter(indicators__partnership=partnership).distinct()


def returns_of(partnership: Partnership) -> QuerySet[DataReturn]:
    return partnership.data_returns.select_related("supplier")
