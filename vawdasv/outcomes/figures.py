"""Indicator figures worked out live from approved values (no precomputed tables).

`IndicatorFigures` reads everything one indicator needs in a fixed number of queries: the
approved values of its numerator for every area, period and category, and its denominator.
Only approved returns count. Areas are local authorities (GSS codes) and the partnership as a
whole (its slug), the sum of its authorities: a sum with any authority missing is missing.
The denominator for a period is the figure for the latest year on or before the year the
period starts in (population estimates lag); with none, "denominator missing", never a guess.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from vawdasv.outcomes import rates
from vawdasv.outcomes.enums import PeriodLength, ReturnState, ValueState
from vawdasv.outcomes.models import Category, DataReturn, Indicator, ReturnValue
from vawdasv.outcomes.opensdg import Status
from vawdasv.outcomes.rates import Figure
from vawdasv.reference.models import LocalAuthority


@dataclass(frozen=True)
class Period:
    label: str
    start: datetime.date
    months: int


@dataclass(frozen=True, slots=True)
class Formula:
    """An indicator as a plain row: what working out its figures and naming its line needs.
    A page that reads hundreds of indicators reads them as rows (`all_wales._live_formulas`),
    not models."""

    pk: int
    partnership_id: int
    numerator_id: int
    denominator_id: int | None
    factor: Decimal
    annualised: bool
    denominator_sex: str
    denominator_age_band: str
    code: str
    name_en: str
    name_cy: str
    numerator_geography: str


def period_of(label: str, start: datetime.date, end: datetime.date) -> Period:
    return Period(label, start, (end.year - start.year) * 12 + end.month - start.month + 1)


def _figure(state: str, number: Decimal | None) -> Figure:
    if state == ValueState.NUMBER and number is not None:
        return Figure(Status.VALUE, number)
    if state == ValueState.ZERO:
        return Figure(Status.VALUE, Decimal(0))
    if state == ValueState.NOT_APPLICABLE:
        return Figure(Status.NOT_APPLICABLE)
    return Figure(Status.MISSING)


class Rates:
    """What every way of reading an indicator's figures shares: its periods, denominators and
    the rate over them. Subclasses say where the counts come from (`count`)."""

    indicator: Indicator | Formula
    partnership_code: str
    area_codes: list[str]
    periods: list[Period]
    denominators: dict[tuple[str, str, str], dict[int, Decimal]]

    def count(self, geo: str, period: str, category: int | None = None) -> Figure:
        raise NotImplementedError

    def period(self, label: str) -> Period | None:
        # Looked up for every figure a page shows: a dict, made once the periods are known.
        index: dict[str, Period] | None = self.__dict__.get("_period_index")
        if index is None:
            index = {}
            for found in self.periods:
                index.setdefault(found.label, found)  # the first, as a scan would find
            self._period_index = index
        return index.get(label)

    def denominator(self, geo: str, period: Period, category: Category | None = None) -> Figure:
        if geo == self.partnership_code:
            parts = [self.denominator(code, period, category) for code in self.area_codes]
            summed = rates.total(parts)
            return summed if summed.is_value else Figure(Status.DENOMINATOR_MISSING)
        sex, age = self.indicator.denominator_sex, self.indicator.denominator_age_band
        keys = [(geo, sex, age)]
        if category is not None:  # a rate by sex needs women's and men's populations
            keys = [(geo, category.code, age), (geo, sex, category.code)]
        for key in keys:
            years = [y for y in self.denominators.get(key, {}) if y <= period.start.year]
            if years:
                return Figure(Status.VALUE, self.denominators[key][max(years)])
        return Figure(Status.DENOMINATOR_MISSING)

    def value(self, geo: str, period: str, category: Category | None = None) -> Figure:
        """The indicator: the count, or count ÷ denominator × factor (annualised if asked)."""
        count = self.count(geo, period, category.pk if category else None)
        found = self.period(period)
        if self.indicator.denominator_id is None or found is None:
            return count
        return rates.rate(
            count,
            self.denominator(geo, found, category),
            self.indicator.factor,
            months_covered=found.months,
            annualise=self.indicator.annualised,
        )

    def quarters(self) -> list[Period]:
        return [p for p in self.periods if p.months == PeriodLength.QUARTER]


class IndicatorFigures(Rates):
    """Counts and indicator values of one indicator by area, period and category."""

    def __init__(
        self, indicator: Indicator, area_codes: list[str], totals_only: bool = False
    ) -> None:
        """`totals_only` skips the categories' values (the dashboard shows totals)."""
        self.indicator = indicator
        self.partnership_code = indicator.partnership.slug
        self.area_codes = area_codes
        self.counts: dict[tuple[str, str, int | None], Figure] = {}
        approved = DataReturn.objects.filter(
            partnership_id=indicator.partnership_id,
            state=ReturnState.APPROVED,
            measures=indicator.numerator_id,
        )
        labels: dict[int, str] = {}
        periods: dict[str, Period] = {}
        for pk, label, start, end in approved.values_list(
            "pk", "period_label", "period_start", "period_end"
        ):
            labels[pk] = label
            periods[label] = period_of(label, start, end)
        self.periods = sorted(periods.values(), key=lambda p: (p.start, -p.months))
        values = ReturnValue.objects.filter(
            measure_id=indicator.numerator_id, data_return__in=list(labels)
        )
        if totals_only:
            values = values.filter(category__isnull=True)
        codes = dict(LocalAuthority.objects.values_list("pk", "gss_code"))
        for area, wider, category, state, number, return_id in values.values_list(
            "area_id", "geo_code", "category_id", "state", "number", "data_return_id"
        ):
            # A value of a wider geography (the region, a force area…) is named by its code.
            place = codes[area] if area is not None else wider
            self.counts[(place, labels[return_id], category)] = _figure(state, number)
        self.categories = list(
            Category.objects.filter(category_set__measures=indicator.numerator_id)
            .select_related("category_set")
            .prefetch_related("labels")
            .order_by("category_set__code", "order")
        )
        self.denominators: dict[tuple[str, str, str], dict[int, Decimal]] = defaultdict(dict)
        if indicator.denominator_id is not None:
            for geo, year, sex, age, value in indicator.denominator.values.values_list(  # type: ignore[union-attr]
                "geo_code", "year", "sex", "age_band", "value"
            ):
                self.denominators[(geo, sex, age)][year] = value

    def count(self, geo: str, period: str, category: int | None = None) -> Figure:
        if geo == self.partnership_code and (geo, period, category) not in self.counts:
            return rates.total([self.count(code, period, category) for code in self.area_codes])
        return self.counts.get((geo, period, category), Figure(Status.MISSING))
