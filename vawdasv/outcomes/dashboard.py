"""The quarterly dashboard of headline data, worked out live from approved values.

For each indicator: the latest quarter's figure for the chosen area (the partnership as a
whole by default), the change on the previous quarter and on the same quarter last year, the
rolling 12 months, benchmarks, the target's RAG rating, a trend of the last eight quarters (as
an SVG chart and a table) and a one-sentence summary. A figure that is not a number says which
state it is in ("missing", "denominator missing"…), never 0.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet, Subquery
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.lib.bilingual import read
from vawdasv.outcomes import geography, rates, summed
from vawdasv.outcomes.enums import ReturnState
from vawdasv.outcomes.figures import IndicatorFigures, Period, Rates
from vawdasv.outcomes.models import DataReturn, Indicator
from vawdasv.outcomes.opensdg import Status
from vawdasv.outcomes.rates import Figure

TREND_QUARTERS = 8
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 320, 120, 10


# A figure that is not a number, in words (translated when shown: one lookup per figure).
_STATE_WORDS = {
    Status.SUPPRESSED: gettext_lazy("suppressed"),
    Status.NOT_APPLICABLE: gettext_lazy("not applicable"),
    Status.DENOMINATOR_MISSING: gettext_lazy("denominator missing"),
}
_MISSING_WORD = gettext_lazy("missing")


def shown(figure: Figure) -> str:
    """A figure as words or digits for a page."""
    if figure.is_value and figure.value is not None:
        return f"{figure.value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP).normalize():f}"
    return str(_STATE_WORDS.get(figure.status, _MISSING_WORD))


def rating_word(rag: str | None) -> str:
    """A RAG rating as its word in the active language; "" when there is none."""
    return str({"green": _("Green"), "amber": _("Amber"), "red": _("Red")}.get(rag or "", ""))


@dataclass
class TrendPoint:
    period: str
    text: str
    x: float | None = None
    y: float | None = None


@dataclass
class Headline:
    indicator: Indicator
    name: str
    period: str
    latest: str
    previous_change: str
    year_change: str
    rolling: str
    benchmarks: list[tuple[str, str, str]]
    target: str
    rag: str | None
    trend: list[TrendPoint]
    points: str
    summary: str
    markers: str = ""  # the trend's points as SVG circles, made once here (cheaper than a loop)


def _markers(trend: list[TrendPoint]) -> str:
    """The trend's points as SVG circles. Only numbers go in (coordinates this module worked
    out), so nothing needs escaping; format_html per point cost more than the sums."""
    return mark_safe(  # numbers only (see above)
        "".join(
            f'<circle cx="{float(p.x)}" cy="{float(p.y)}" r="4" fill="#1d70b8"></circle>'
            for p in trend
            if p.x is not None and p.y is not None
        )
    )


def _change(change: rates.Change) -> str:
    if not change.difference.is_value:
        return shown(change.difference)
    difference = shown(change.difference)
    if change.percent.is_value:
        return f"{difference} ({shown(change.percent)}%)"
    return difference


def _rolling(figures: Rates, geo: str, quarters: list[Period]) -> Figure:
    if len(quarters) < rates.QUARTERS_IN_YEAR:
        return Figure(Status.MISSING)
    last = quarters[-rates.QUARTERS_IN_YEAR :]
    count = rates.rolling_year([figures.count(geo, q.label) for q in last])
    indicator = figures.indicator
    if indicator.denominator_id is None:
        return count
    return rates.rate(count, figures.denominator(geo, last[-1]), indicator.factor, 12, False)


def _ends_by(period: Period, until: datetime.date) -> bool:
    """Whether the period is over by `until` (a report as at a date shows no later quarter)."""
    month = period.start.month - 1 + period.months
    first_after = datetime.date(period.start.year + month // 12, month % 12 + 1, 1)
    return first_after <= until + datetime.timedelta(days=1)


def headlines(
    indicators: Sequence[Indicator], partnership_code: str, area_codes: list[str], geo: str
) -> list[Headline]:
    """The headlines of many indicators of one partnership in a fixed number of queries (the
    sums worked out by the database, `summed.headline_figures`), skipping those with no
    approved quarter."""
    figures = summed.headline_figures(indicators, partnership_code, area_codes, geo)
    found = (headline(i, area_codes, geo, figures[i.pk]) for i in indicators)
    return [h for h in found if h is not None]


def headline(
    indicator: Indicator,
    area_codes: list[str],
    geo: str,
    figures: Rates | None = None,
    until: datetime.date | None = None,
) -> Headline | None:
    """The indicator's headline for an area; with `until`, as at that date (later quarters
    left out). None when no quarter has approved figures."""
    if figures is None:
        figures = IndicatorFigures(indicator, area_codes, totals_only=True)
    quarters = figures.quarters()
    if until is not None:
        quarters = [q for q in quarters if _ends_by(q, until)]
    if not quarters:
        return None
    latest = quarters[-1]
    by_label = {q.label: q for q in quarters}
    current = figures.value(geo, latest.label)
    quarter = rates.Quarter(latest.start.year if latest.start.month >= 4 else latest.start.year - 1,
                            ((latest.start.month - 4) % 12) // 3 + 1)  # fmt: skip
    previous = (
        figures.value(geo, quarter.previous.label)
        if quarter.previous.label in by_label
        else Figure(Status.MISSING)
    )
    last_year_label = quarter.same_quarter_last_year.label
    last_year = (
        figures.value(geo, last_year_label)
        if last_year_label in by_label
        else Figure(Status.MISSING)
    )
    target = getattr(indicator, "target", None)
    rules = (
        [rates.RagRule(rates.Rating(r.rag), r.percent_of_target / 100) for r in target.rules.all()]
        if target is not None
        else None
    )
    rating = rates.rag(
        current, target.value if target else None, rates.Direction(indicator.numerator.direction),
        rules or None,
    )  # fmt: skip
    values = [figures.value(geo, q.label) for q in quarters[-TREND_QUARTERS:]]
    trend = [
        TrendPoint(q.label, shown(value))
        for q, value in zip(quarters[-TREND_QUARTERS:], values, strict=True)
    ]
    numbers = [v.value for v in values if v.is_value and v.value is not None]
    top = max(numbers, default=Decimal(1)) or Decimal(1)
    step = (CHART_WIDTH - 2 * CHART_PAD) / max(len(trend) - 1, 1)
    points = []
    for index, (point, value) in enumerate(zip(trend, values, strict=True)):
        if value.is_value and value.value is not None:
            point.x = round(CHART_PAD + index * step, 1)
            point.y = round(
                CHART_HEIGHT
                - CHART_PAD
                - float(value.value / top) * (CHART_HEIGHT - 2 * CHART_PAD),
                1,
            )
            points.append(f"{point.x},{point.y}")
    name = str(read(indicator, "name"))
    return Headline(
        indicator=indicator, name=name, period=latest.label, latest=shown(current),
        previous_change=_change(rates.change(current, previous)),
        year_change=_change(rates.change(current, last_year)),
        rolling=shown(_rolling(figures, geo, quarters)),
        benchmarks=[(str(read(b, "label")), shown(Figure(Status.VALUE, b.value)), b.source)
                    for b in indicator.benchmarks.all()],
        target=shown(Figure(Status.VALUE, target.value)) if target else "",
        rag=str(rating) if rating else None,
        trend=trend, points=" ".join(points),
        markers=_markers(trend),
        summary=_("%(name)s: %(value)s in %(period)s; change on the previous quarter %(change)s.")
        % {"name": name, "value": shown(current), "period": latest.label,
           "change": _change(rates.change(current, previous))},
    )  # fmt: skip


@dataclass(frozen=True)
class Selection:
    """What the dashboard shows: the areas it offers, the chosen one (the partnership as a
    whole for anything it does not offer), the authorities' codes and the indicators of the
    chosen area's geography, filtered by theme (a pk, or "" for all)."""

    areas: list[geography.Area]
    geo: str
    codes: list[str]
    indicators: QuerySet[Indicator]


def selection(partnership: Any, geo: str, theme: str = "") -> Selection:
    """The one reading of the dashboard's choices, for the page and for its downloads."""
    areas = geography.dashboard_areas(partnership)
    if geo not in {area.code for area in areas}:
        geo = partnership.slug
    indicators = (
        Indicator.objects.filter(
            partnership=partnership,
            numerator__geography__in=geography.shown_geographies(partnership, geo),
        )
        .select_related("numerator", "denominator", "target")
        .prefetch_related("benchmarks", "target__rules", "themes")
    )
    if theme.isdigit():
        indicators = indicators.filter(themes__pk=int(theme)).distinct()
    codes = sorted(partnership.local_authorities.values_list("gss_code", flat=True))
    return Selection(areas, geo, codes, indicators)


def headlines_for(partnership: Any, geo: str, theme: str = "") -> list[Headline]:
    """Every headline of the dashboard's choices at once, summed by the database: what the
    downloads print."""
    chosen = selection(partnership, geo, theme)
    return headlines(list(chosen.indicators), partnership.slug, chosen.codes, chosen.geo)


def missing_returns(partnership_id: int) -> list[DataReturn]:
    """Returns of the latest period with any return that are not yet approved (one query)."""
    ours = DataReturn.objects.filter(partnership_id=partnership_id)
    latest = ours.order_by("-period_end").values("period_label")[:1]
    return list(
        ours.filter(period_label=Subquery(latest))
        .exclude(state=ReturnState.APPROVED)
        .select_related("supplier")
    )
