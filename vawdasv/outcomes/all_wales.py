"""The all-Wales outcomes dashboard: each indicator (matched by its code across partnerships)
for the six regions and for Wales, in one quarter.

Who sees what follows the pages: a partnership's own figures live from approved values only
when the reader may see its unpublished figures (`permissions.can_view_outcomes`); every other
partnership's from what it has published (disclosure-controlled, so a suppressed figure stays
suppressed). Wales is the sum of the regions' counts, for count indicators whose six figures
are all numbers; otherwise it says why not ("missing"), never a partial sum. Live figures come
from `summed.partnership_figures`: the one quarter shown, summed by the database for every
readable partnership at once (a fixed number of queries whatever the number of partnerships,
indicators or values).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from vawdasv.lib.bilingual import read
from vawdasv.lib.rawsql import decimal, marks, table
from vawdasv.outcomes import rates, summed
from vawdasv.outcomes.dashboard import shown
from vawdasv.outcomes.enums import PeriodLength, ReturnState
from vawdasv.outcomes.figures import Formula, period_of
from vawdasv.outcomes.models import DataReturn, Indicator, Measure, Publication, PublishedFigure
from vawdasv.outcomes.opensdg import Status
from vawdasv.outcomes.rates import Figure
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Theme
from vawdasv.progress.periods import parse_period
from vawdasv.reference.models import LocalAuthority

WALES = "W92000004"


@dataclass
class Line:
    code: str
    name: str
    counts_only: bool = True  # no denominator anywhere: Wales may be a sum
    cells: dict[int, Figure] = field(default_factory=dict)  # partnership id → figure
    published: set[int] = field(default_factory=set)  # cells read from published figures

    def wales(self, partnerships: Sequence[Partnership]) -> Figure:
        if not self.counts_only:
            return Figure(Status.MISSING)
        return rates.total([self.cells.get(p.pk, Figure(Status.MISSING)) for p in partnerships])

    def shown_cells(self, partnerships: Sequence[Partnership]) -> list[str]:
        return [shown(self.cells.get(p.pk, Figure(Status.MISSING))) for p in partnerships]


def _published(status: str, value: Decimal | None) -> Figure:
    if status == Status.VALUE and value is not None:
        return Figure(Status.VALUE, value)
    return Figure(Status(status))


def periods(user: Any, partnerships: Sequence[Partnership]) -> list[str]:
    """Quarters with approved returns (or publications) the reader may see, newest first."""
    live = [p.pk for p in partnerships if permissions.can_view_outcomes(user, p.pk)]
    everyone = [p.pk for p in partnerships]
    # As SQL: asked on every request, and the ORM took longer to build these two DISTINCTs
    # than the database took to answer them.
    sql = f"""
        SELECT period_label, period_start FROM {table(DataReturn)}
        WHERE partnership_id IN ({marks(live)}) AND state = %s
        UNION
        SELECT p.period_label, p.period_start FROM {table(Publication)} p
        JOIN {table(Indicator)} i ON i.id = p.indicator_id
        WHERE i.partnership_id IN ({marks(everyone)})
    """  # only table names are formatted in
    with connection.cursor() as cursor:
        cursor.execute(sql, [*live, ReturnState.APPROVED.value, *everyone])
        found = cursor.fetchall()
    quarters = [
        (label, start)
        for label, start in found
        if (period := parse_period(label)) is not None
        and period_of(label, period.start, period.end).months == PeriodLength.QUARTER
    ]
    return [label for label, _start in sorted(quarters, key=lambda q: q[1], reverse=True)]


def regions(partnerships: QuerySet[Partnership]) -> list[Partnership]:
    """The columns, by name: partnerships that cover part of Wales (a region or local
    authorities). One that covers none (the demo's national framework) has no figures to add
    to Wales, and as a column it would keep Wales "missing" whatever the regions send."""
    with connection.cursor() as cursor:  # SQL for the reason `_live` gives
        cursor.execute(
            f"SELECT DISTINCT partnership_id FROM {table(Partnership.local_authorities.through)}"
        )  # only the table name is formatted in
        with_authorities = {pk for (pk,) in cursor.fetchall()}
    return [
        p
        for p in partnerships.order_by("name_en")
        if p.region_id is not None or p.pk in with_authorities
    ]


def _readers(user: Any, partnerships: Sequence[Partnership]) -> tuple[list[Partnership], ...]:
    """The partnerships read live (the reader may see unpublished figures) and the others."""
    live = [p for p in partnerships if permissions.can_view_outcomes(user, p.pk)]
    return live, [p for p in partnerships if p not in live]


def _live(
    live: Sequence[Partnership], theme: str, only: Collection[str] | None = None
) -> tuple[str, list[Any]]:
    """FROM and WHERE of the live partnerships' indicators (`i`, with their numerator `m`),
    those of a theme whose name contains `theme` (English or Welsh, any case) and, with `only`,
    those codes; and its parameters. SQL, as `summed._period_sums` and for the same reason."""
    sql = (
        f"FROM {table(Indicator)} i JOIN {table(Measure)} m ON m.id = i.numerator_id"
        f" WHERE i.partnership_id IN ({marks(live)})"
    )
    params: list[Any] = [p.pk for p in live]
    if only is not None:
        sql += f" AND i.code IN ({marks(list(only))})"
        params += list(only)
    if theme:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", theme) + "%"
        sql += f"""
            AND EXISTS (
              SELECT 1 FROM {table(Indicator.themes.through)} it
              JOIN {table(Theme)} t ON t.id = it.theme_id
              WHERE it.indicator_id = i.id
                AND (UPPER(t.name_en) LIKE UPPER(%s) ESCAPE '\\'
                     OR UPPER(t.name_cy) LIKE UPPER(%s) ESCAPE '\\')
            )"""
        params += [pattern, pattern]
    return sql, params


def _live_formulas(
    live: Sequence[Partnership], theme: str, only: Collection[str] | None
) -> list[Formula]:
    """The live partnerships' indicators as `Formula` rows, by id (one query)."""
    where, params = _live(live, theme, only)
    sql = f"""
        SELECT i.id, i.partnership_id, i.numerator_id, i.denominator_id, i.factor, i.annualised,
               i.denominator_sex, i.denominator_age_band, i.code, i.name_en, i.name_cy,
               m.geography
        {where} ORDER BY i.id
    """  # only table names are formatted in
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = []
    for row in rows:
        pk, partnership, numerator, denominator, factor, annualised, *texts, geography = row
        sex, age, code, name_en, name_cy = texts
        factor, annualised = decimal(factor, FACTOR_PLACES), bool(annualised)
        args = (pk, partnership, numerator, denominator, factor, annualised, sex, age, code)
        found.append(Formula(*args, name_en, name_cy, geography))
    return found


FACTOR_PLACES = Indicator._meta.get_field("factor").decimal_places


def _published_rows(
    published_from: Sequence[Partnership], period: str, theme: str
) -> QuerySet[PublishedFigure]:
    rows = PublishedFigure.objects.filter(
        publication__indicator__partnership__in=published_from,
        publication__period_label=period,
        geo_code__in=[p.slug for p in published_from],
        category__isnull=True,
    )
    if theme:
        rows = rows.filter(
            Q(publication__indicator__themes__name_en__icontains=theme)
            | Q(publication__indicator__themes__name_cy__icontains=theme)
        ).distinct()
    return rows


def codes(
    user: Any, partnerships: Sequence[Partnership], period: str, theme: str = ""
) -> list[str]:
    """The indicator codes `lines` would give a line, in order (two queries): what the page
    paginates before working any figure out."""
    live, published_from = _readers(user, partnerships)
    found: set[str] = set()
    if live and parse_period(period) is not None:
        where, params = _live(live, theme)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT i.code {where}", params)
            found |= {code for (code,) in cursor.fetchall()}
    if published_from:
        rows = _published_rows(published_from, period, theme)
        found |= set(rows.values_list("publication__indicator__code", flat=True))
    return sorted(found)


def lines(
    user: Any,
    partnerships: Sequence[Partnership],
    period: str,
    theme: str = "",
    only: Collection[str] | None = None,
) -> list[Line]:
    """One line per indicator code of the readable partnerships, figures for `period`; with
    `only`, for those codes only (a page of them)."""
    result: dict[str, Line] = {}

    def line_for(indicator: Indicator | Formula) -> Line:
        line = result.get(indicator.code)
        if line is None:
            line = result[indicator.code] = Line(indicator.code, str(read(indicator, "name")))
        line.counts_only = line.counts_only and indicator.denominator_id is None
        return line

    live, published_from = _readers(user, partnerships)
    quarter = parse_period(period)
    if live and quarter is not None:
        # A code's name is read from the first partnership (in the order given) that has it.
        order = {p.pk: index for index, p in enumerate(live)}
        found = sorted(_live_formulas(live, theme, only), key=lambda i: order[i.partnership_id])
        areas: dict[int, list[str]] = {p.pk: [] for p in live}
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT own.partnership_id, la.gss_code
                FROM {table(Partnership.local_authorities.through)} own
                JOIN {table(LocalAuthority)} la ON la.id = own.localauthority_id
                WHERE own.partnership_id IN ({marks(live)})""",
                [p.pk for p in live],
            )  # only table names are formatted in; SQL for the reason `_live` gives
            for partnership_id, code in cursor.fetchall():
                areas[partnership_id].append(code)
        figures = summed.partnership_figures(
            found,
            period_of(quarter.label, quarter.start, quarter.end),
            {pk: sorted(codes) for pk, codes in areas.items()},
            {p.pk: p.slug for p in live},
        )
        for indicator in found:
            line_for(indicator).cells[indicator.partnership_id] = figures[indicator.pk]
    if published_from:
        by_slug = {p.slug: p for p in published_from}
        rows = _published_rows(published_from, period, theme).select_related(
            "publication__indicator"
        )
        if only is not None:
            rows = rows.filter(publication__indicator__code__in=list(only))
        for row in rows:
            line = line_for(row.publication.indicator)
            partnership = by_slug[row.geo_code]
            line.cells[partnership.pk] = _published(row.status, row.value)
            line.published.add(partnership.pk)
    return sorted(result.values(), key=lambda line: line.code)
