"""Indicator figures as Open SDG rows (outcomes/opensdg.py): the open-data export, the
`export-indicators` command and the downloads share this.

`working_rows` gives every approved figure (for members); `published_rows` only what was
published, after disclosure control (for everyone). Disaggregation columns are named by the
category set's code and filled with the category's English label in use for the period (blank
= all); GeoCode is a local authority's GSS code or the partnership's slug for the whole, or for a
measure of a wider geography its area's code (outcomes/geography.py).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from vawdasv.outcomes import geography
from vawdasv.outcomes.figures import IndicatorFigures
from vawdasv.outcomes.models import Category, Indicator
from vawdasv.outcomes.opensdg import Row, Status


def units(indicator: Indicator) -> str:
    """Language-neutral units: "count", or "per 10000" (a year, when annualised)."""
    if indicator.denominator_id is None:
        return str(indicator.numerator.unit)
    factor = f"{indicator.factor.normalize():f}"
    return f"per {factor} per year" if indicator.annualised else f"per {factor}"


def tidy(value: Decimal | None) -> Decimal | None:
    """Two decimal places at most (half up, as published tables round), no trailing zeros."""
    if value is None:
        return None
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()


def disaggregations(indicator: Indicator) -> list[str]:
    return list(indicator.numerator.category_sets.order_by("code").values_list("code", flat=True))


def _label(category: Category, day: object) -> str:
    label = category.label_on(day)  # type: ignore[arg-type]
    return label.label_en if label else category.code


def working_rows(indicator: Indicator) -> list[Row]:
    partnership = indicator.partnership
    codes = sorted(partnership.local_authorities.values_list("gss_code", flat=True))
    _summed, areas = geography.figure_areas(partnership, indicator.numerator.geography)
    figures = IndicatorFigures(indicator, codes)
    unit = units(indicator)
    rows: list[Row] = []
    for period in figures.periods:
        for geo in areas:
            for category in (None, *figures.categories):
                figure = figures.value(geo, period.label, category)
                rows.append(
                    Row(
                        year=period.label,
                        geocode=geo,
                        units=unit,
                        status=figure.status,
                        value=tidy(figure.value),
                        disaggregations=(
                            {category.category_set.code: _label(category, period.start)}
                            if category
                            else {}
                        ),
                    )
                )
    return rows


def published_rows(indicator: Indicator) -> list[Row]:
    unit = units(indicator)
    rows: list[Row] = []
    for publication in indicator.publications.prefetch_related(
        "figures__category__category_set", "figures__category__labels"
    ):
        for figure in publication.figures.all():
            category = figure.category
            rows.append(
                Row(
                    year=publication.period_label,
                    geocode=figure.geo_code,
                    units=unit,
                    status=Status(figure.status),
                    value=tidy(figure.value),
                    disaggregations=(
                        {category.category_set.code: _label(category, publication.period_start)}
                        if category
                        else {}
                    ),
                )
            )
    return rows
