"""Headline figures of many indicators at once, summed by the database.

The dashboard shows, for one area, the latest quarters of every indicator. Reading each
indicator's values (`figures.IndicatorFigures`) costs queries per indicator and every value of
every period; here three queries serve any number of indicators: the periods each numerator
has approved returns for, the sums of the periods the page shows (GROUP BY measure and period,
done by the database), and the denominators. Still live: nothing is precomputed or stored.

A partnership's figure is the sum of its authorities' totals, with the rules of `rates.total`:
any authority "not applicable" makes the sum not applicable, any authority without a number
(not available, or no value at all) makes it missing. Two approved values for one authority
and period (two suppliers sending the same measure) cannot be summed honestly: missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Q, Sum

from vawdasv.lib.rawsql import decimal, marks, optional_decimal, table
from vawdasv.outcomes import rates
from vawdasv.outcomes.enums import Geography, PeriodLength, ReturnState, ValueState
from vawdasv.outcomes.figures import Formula, Period, Rates, period_of
from vawdasv.outcomes.models import (
    Category,
    DataReturn,
    DenominatorValue,
    Indicator,
    ReturnValue,
)
from vawdasv.outcomes.opensdg import Status
from vawdasv.outcomes.rates import Figure
from vawdasv.partnerships.models import Partnership
from vawdasv.reference.models import LocalAuthority

# The dashboard's trend shows eight quarters; the year-on-year change and the rolling 12
# months fall inside them, but are also looked up when quarters are missing in between.
SHOWN_QUARTERS = 8
MISSING = Figure(Status.MISSING)  # figures are immutable: one will do for every absent count


class SummedFigures(Rates):
    """One indicator's totals for one area (an authority or the partnership) and the periods
    the dashboard shows; `count` answers for that area only."""

    def __init__(
        self,
        indicator: Indicator | Formula,
        partnership_code: str,
        area_codes: list[str],
        geo: str,
        periods: list[Period],
        denominators: dict[tuple[str, str, str], dict[int, Decimal]],
        remembered: dict[tuple[object, ...], Figure] | None = None,
    ) -> None:
        """`remembered` may be shared by figures of indicators with the same denominators
        (one partnership's), so their sum over the authorities is worked out once."""
        self.indicator = indicator
        self.partnership_code = partnership_code
        self.area_codes = area_codes
        self.geo = geo
        self.periods = periods
        self.denominators = denominators
        self.counts: dict[str, Figure] = {}
        self._denominators = remembered if remembered is not None else {}

    def denominator(self, geo: str, period: Period, category: Category | None = None) -> Figure:
        """As `Rates.denominator`, remembered: a partnership's is a sum over its authorities,
        asked for again by every figure of the trend, the changes and the rolling year."""
        if category is not None:
            return super().denominator(geo, period, category)
        # By denominator, slice, area and year (a figure's denominator depends on the year
        # only), so one memo may serve every indicator of a partnership.
        indicator = self.indicator
        key = (
            indicator.denominator_id, indicator.denominator_sex, indicator.denominator_age_band,
            geo, period.start.year,
        )  # fmt: skip
        if key not in self._denominators:
            self._denominators[key] = super().denominator(geo, period)
        return self._denominators[key]

    def count(self, geo: str, period: str, category: int | None = None) -> Figure:
        if geo != self.geo or category is not None:
            raise ValueError("Summed figures answer for their own area's totals only.")
        return self.counts.get(period, MISSING)


def needed_labels(periods: Sequence[Period]) -> set[str]:
    """The quarters a headline reads: the last eight, the one before the latest and the same
    quarter a year earlier (both by label, in case quarters are missing in between)."""
    quarters = [p for p in periods if p.months == PeriodLength.QUARTER]
    if not quarters:
        return set()
    latest = quarters[-1]
    quarter = rates.Quarter(
        latest.start.year if latest.start.month >= 4 else latest.start.year - 1,
        ((latest.start.month - 4) % 12) // 3 + 1,
    )
    labels = {q.label for q in quarters[-SHOWN_QUARTERS:]}
    labels |= {q.label for q in quarter.last(rates.QUARTERS_IN_YEAR)}
    return labels | {quarter.previous.label, quarter.same_quarter_last_year.label}


def _summed(
    valued: int, rows: int, not_applicable: int, total: Decimal | None, areas: int
) -> Figure:
    if not_applicable:
        return Figure(Status.NOT_APPLICABLE)
    if valued < areas or rows > valued:
        return Figure(Status.MISSING)
    return Figure(Status.VALUE, total or Decimal(0))


def headline_figures(
    indicators: Sequence[Indicator], partnership_code: str, area_codes: list[str], geo: str
) -> dict[int, SummedFigures]:
    """Figures for every indicator (all of one partnership), keyed by indicator id."""
    if not indicators:
        return {}
    partnership_id = indicators[0].partnership_id
    numerators = {i.numerator_id for i in indicators}
    through = DataReturn.measures.through
    by_measure: dict[int, dict[str, Period]] = defaultdict(dict)
    returns: dict[int, str] = {}
    for measure, data_return, label, start, end in through.objects.filter(
        datareturn__partnership_id=partnership_id,
        datareturn__state=ReturnState.APPROVED,
        measure_id__in=numerators,
    ).values_list(
        "measure_id", "datareturn_id", "datareturn__period_label", "datareturn__period_start",
        "datareturn__period_end",
    ):  # fmt: skip
        by_measure[measure][label] = period_of(label, start, end)
        returns[data_return] = label
    periods = {
        measure: sorted(found.values(), key=lambda p: (p.start, -p.months))
        for measure, found in by_measure.items()
    }
    labels = set().union(*(needed_labels(p) for p in periods.values())) if periods else set()
    areas = area_codes if geo == partnership_code else [geo]
    # A measure of a wider geography has one value for the area itself (named by its code).
    wider = {
        i.numerator_id for i in indicators if i.numerator.geography != Geography.LOCAL_AUTHORITY
    }
    # A subquery, not a join on the code: joined, the database starts from the authorities and
    # reads every value they ever had.
    place = Q(area_id__in=LocalAuthority.objects.filter(gss_code__in=areas).values("pk"))
    valued: Any = Count("area_id", distinct=True, filter=Q(state__in=NUMBERS))
    if wider:  # only then: a framework of authorities' measures is read as before
        place |= Q(geo_code=geo)
        valued += Count("geo_code", distinct=True, filter=Q(geo_code=geo, state__in=NUMBERS))
    # The approved returns of the shown periods by id: the database then reads those returns'
    # rows through the one-value-per-cell index. Summed by period, not by return: two
    # suppliers may each send some of the authorities.
    sums = (
        ReturnValue.objects.filter(
            data_return_id__in=sorted(pk for pk, label in returns.items() if label in labels),
            measure_id__in=numerators,
            category__isnull=True,
        )
        .filter(place)
        .values("measure_id", "data_return__period_label")
        .annotate(
            valued=valued,
            rows=Count("pk", filter=Q(state__in=NUMBERS)),
            not_applicable=Count("pk", filter=Q(state=ValueState.NOT_APPLICABLE)),
            total=Sum("number"),
        )
        .order_by()
    )
    counts: dict[int, dict[str, Figure]] = defaultdict(dict)
    for row in sums:
        counts[row["measure_id"]][row["data_return__period_label"]] = _summed(
            row["valued"], row["rows"], row["not_applicable"], row["total"],
            1 if row["measure_id"] in wider else len(areas),
        )  # fmt: skip
    denominators = _denominators(indicators)
    result: dict[int, SummedFigures] = {}
    for indicator in indicators:
        figures = SummedFigures(
            indicator, partnership_code, area_codes, geo,
            periods.get(indicator.numerator_id, []),
            denominators[indicator.denominator_id] if indicator.denominator_id else {},
        )  # fmt: skip
        figures.counts = counts[indicator.numerator_id]
        result[indicator.pk] = figures
    return result


def partnership_figures(
    indicators: Sequence[Formula],
    period: Period,
    areas: dict[int, list[str]],
    slugs: dict[int, str],
) -> dict[int, Figure]:
    """Each indicator's figure for its partnership as a whole in one period, for indicators of
    any number of partnerships (`areas` and `slugs` by partnership id), in two queries: the
    totals of the period's approved returns summed by partnership and measure (only values of
    the partnership's own authorities), and the denominators. The same figure as the
    dashboard's (`headline_figures`) for that period, without reading any other period."""
    if not indicators:
        return {}
    partnerships = {i.partnership_id for i in indicators}
    regional = {i.numerator_id for i in indicators if i.numerator_geography == Geography.REGION}
    sums = _period_sums(
        sorted(partnerships), period.label, sorted({i.numerator_id for i in indicators})
    )
    counts: dict[tuple[int, int], Figure] = {}
    for partnership, measure, valued, rows, not_applicable, total in sums:
        counts[(partnership, measure)] = _summed(
            valued, rows, not_applicable, total,
            1 if measure in regional else len(areas.get(partnership, [])),
        )  # fmt: skip
    denominators = _denominators(indicators, until=period.start.year)
    remembered: dict[int, dict[tuple[object, ...], Figure]] = defaultdict(dict)
    result: dict[int, Figure] = {}
    for indicator in indicators:
        slug, codes = slugs[indicator.partnership_id], areas.get(indicator.partnership_id, [])
        figures = SummedFigures(
            indicator, slug, codes, slug, [period],
            denominators[indicator.denominator_id] if indicator.denominator_id else {},
            remembered[indicator.partnership_id],
        )  # fmt: skip
        count = counts.get((indicator.partnership_id, indicator.numerator_id))
        if count is not None:
            figures.counts = {period.label: count}
        result[indicator.pk] = figures.value(slug, period.label)
    return result


def _period_sums(
    partnerships: list[int], label: str, measures: list[int]
) -> list[tuple[int, int, int, int, int, Decimal | None]]:
    """(partnership, measure, valued areas, rows with a number, rows not applicable, total) of
    the partnerships' approved returns of one period: totals only (no category), of measures
    the return asks for, from the partnership's own authorities or one value for the region
    itself (its slug), judged by `_summed` as the dashboard's sums are.

    Written as SQL, not built with the ORM: the page asks this on every request, and building
    and compiling the same query through the ORM cost three times what the database takes to
    answer it (profiled: 2.4 ms against 0.9 ms). The same on SQLite and PostgreSQL: no FILTER
    clause, CASE instead. Its figures are tested against reading each indicator on its own
    (tests/outcomes/test_all_wales_outcomes.py, on both databases).
    """
    if not partnerships or not measures:
        return []
    numbers = ", ".join(f"'{state}'" for state in NUMBERS)  # enum values, not input
    sql = f"""
        SELECT r.partnership_id, v.measure_id,
            COUNT(DISTINCT CASE WHEN v.state IN ({numbers}) THEN v.area_id END)
              + COUNT(DISTINCT CASE WHEN v.area_id IS NULL AND v.state IN ({numbers})
                                    THEN v.geo_code END),
            SUM(CASE WHEN v.state IN ({numbers}) THEN 1 ELSE 0 END),
            SUM(CASE WHEN v.state = '{ValueState.NOT_APPLICABLE.value}' THEN 1 ELSE 0 END),
            SUM(v.number)
        FROM {table(ReturnValue)} v
        JOIN {table(DataReturn)} r ON r.id = v.data_return_id
        JOIN {table(DataReturn.measures.through)} asked
          ON asked.datareturn_id = r.id AND asked.measure_id = v.measure_id
        JOIN {table(Partnership)} p ON p.id = r.partnership_id
        WHERE v.data_return_id IN (
            -- The period's returns first: the database then reads their rows through the
            -- (return, measure, category) index, not every total of every period.
            SELECT id FROM {table(DataReturn)}
            WHERE partnership_id IN ({marks(partnerships)}) AND state = %s AND period_label = %s
          )
          AND v.measure_id IN ({marks(measures)})
          AND v.category_id IS NULL
          AND (
            (v.area_id IS NULL AND v.geo_code = p.slug)
            OR EXISTS (
              SELECT 1 FROM {table(Partnership.local_authorities.through)} own
              WHERE own.partnership_id = r.partnership_id AND own.localauthority_id = v.area_id
            )
          )
        GROUP BY r.partnership_id, v.measure_id
    """  # only table names and enum values are formatted in; what varies is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [*partnerships, ReturnState.APPROVED.value, label, *measures])
        rows = cursor.fetchall()
    return [
        (
            partnership,
            measure,
            int(valued),
            int(counted or 0),
            int(na or 0),
            optional_decimal(total, NUMBER_PLACES),
        )
        for partnership, measure, valued, counted, na, total in rows
    ]


def _denominators(
    indicators: Sequence[Indicator | Formula], until: int | None = None
) -> dict[int, dict[tuple[str, str, str], dict[int, Decimal]]]:
    """The indicators' denominators by id, then (area, sex, age band), then year; with `until`,
    only the years a figure of that year may use (on or before it)."""
    found: dict[int, dict[tuple[str, str, str], dict[int, Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    wanted = sorted({i.denominator_id for i in indicators if i.denominator_id is not None})
    if not wanted:
        return found
    # SQL, as `_period_sums`: both dashboards ask for this on every request.
    sql = f"""
        SELECT denominator_id, geo_code, year, sex, age_band, value
        FROM {table(DenominatorValue)} WHERE denominator_id IN ({marks(wanted)})
    """  # only table names are formatted in
    params: list[Any] = list(wanted)
    if until is not None:
        sql += " AND year <= %s"
        params.append(until)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for denominator, code, year, sex, age, value in rows:
        found[denominator][(code, sex, age)][year] = decimal(value, DENOMINATOR_PLACES)
    return found


NUMBERS = (ValueState.NUMBER, ValueState.ZERO)
DENOMINATOR_PLACES = DenominatorValue._meta.get_field("value").decimal_places
NUMBER_PLACES = ReturnValue._meta.get_field("number").decimal_places
