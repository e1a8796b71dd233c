"""Reads that need permission: what a person may not see is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from vawdasv.outcomes.models import CategorySet, DataReturn, Denominator, Indicator, Measure
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
    return partnership.indicators.select_related(
        "numerator", "denominator", "target"
    ).prefetch_related("benchmarks", "target__rules")


def denominators_of(partnership: Partnership) -> QuerySet[Denominator]:
    return partnership.denominators.annotate(figures=Count("values"))


def category_sets_of(partnership: Partnership) -> QuerySet[CategorySet]:
    return partnership.category_sets.prefetch_related("categories__labels")


def headline_indicators(partnership: Partnership) -> QuerySet[Indicator]:
    """Indicators with everything a headline shows, so the dashboard's queries do not grow with
    the number of indicators."""
    return indicators_of(partnership).select_related("target").prefetch_related("target__rules")


def indicator_themes(partnership: Partnership) -> QuerySet[Theme]:
    """The plan themes the partnership's indicators are linked to (the dashboard's filter)."""
    return Theme.objects.filter(indicators__partnership=partnership).distinct()


def returns_of(partnership: Partnership) -> QuerySet[DataReturn]:
    return partnership.data_returns.select_related("supplier")


def indicators_by_theme(strategy: Any) -> dict[int, list[Indicator]]:
    """The indicators linked to each of the plan's themes, directly or through one of the
    theme's commitments (for the progress report's "Headline data"), by the theme's id."""
    indicators = (
        Indicator.objects.filter(partnership_id=strategy.partnership_id)
        .filter(Q(themes__strategy=strategy) | Q(commitments__theme__strategy=strategy))
        .distinct()
        .select_related("numerator", "denominator", "target", "partnership")
        .prefetch_related("benchmarks", "target__rules", "themes", "commitments")
        .order_by("code")
    )
    by_theme: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        theme_ids = {t.pk for t in indicator.themes.all()}
        theme_ids |= {c.theme_id for c in indicator.commitments.all()}
        for theme_id in sorted(theme_ids):
            by_theme.setdefault(theme_id, []).append(indicator)
    return by_theme
