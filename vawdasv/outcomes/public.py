"""What other apps may read of outcomes (the national app reads it for its annual report and
its public pages): published headline figures of the indicators linked to plan commitments and
themes. Published figures only: they have been through disclosure control, so whatever shows
them shows nothing the public dashboard does not.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from vawdasv.outcomes.models import Indicator, Publication, PublishedFigure
from vawdasv.outcomes.models.publication import FigureStatus


@dataclass(frozen=True)
class HeadlineFigure:
    """An indicator's latest published figure for a partnership as a whole."""

    partnership_id: int
    partnership_slug: str
    code: str
    name_en: str
    name_cy: str
    period: str
    status: str  # FigureStatus: value, suppressed, missing…
    value: Decimal | None
    commitment_ids: frozenset[int]
    theme_ids: frozenset[int]
    caveats_en: str = ""  # the numerator's: they travel with the figure (the demo's say so)
    caveats_cy: str = ""

    @property
    def shown(self) -> str:
        """The value to one decimal place, or the status's words (never 0 for "suppressed")."""
        if self.value is None:
            return str(FigureStatus(self.status).label)
        return f"{self.value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP).normalize():f}"


def published_headlines(
    *,
    commitment_ids: Collection[int] = (),
    theme_ids: Collection[int] = (),
    partnership_ids: Collection[int] | None = None,
    until: datetime.date | None = None,
) -> list[HeadlineFigure]:
    """The latest publication (starting on or before `until`) of every indicator linked to any
    of the commitments or themes (or, with neither given, of the partnerships), with the
    figure for the partnership as a whole. Four queries whatever the number of indicators."""
    indicators = Indicator.objects.select_related("partnership", "numerator").prefetch_related(
        "commitments", "themes"
    )
    if commitment_ids or theme_ids:
        indicators = indicators.filter(
            Q(commitments__in=list(commitment_ids)) | Q(themes__in=list(theme_ids))
        ).distinct()
    if partnership_ids is not None:
        indicators = indicators.filter(partnership_id__in=list(partnership_ids))
    found = {i.pk: i for i in indicators}
    publications = Publication.objects.filter(indicator_id__in=list(found))
    if until is not None:
        publications = publications.filter(period_start__lte=until)
    latest: dict[int, Publication] = {}
    for publication in publications.order_by("indicator_id", "period_start"):
        latest[publication.indicator_id] = publication  # the last one wins: the newest
    wanted = Q(pk__in=[])
    for publication in latest.values():
        slug = found[publication.indicator_id].partnership.slug
        wanted |= Q(publication=publication, geo_code=slug)
    figures = {
        f.publication_id: f for f in PublishedFigure.objects.filter(wanted, category__isnull=True)
    }
    result = []
    for indicator_id, publication in latest.items():
        indicator = found[indicator_id]
        figure = figures.get(publication.pk)
        result.append(
            HeadlineFigure(
                partnership_id=indicator.partnership_id,
                partnership_slug=indicator.partnership.slug,
                code=indicator.code,
                name_en=indicator.name_en,
                name_cy=indicator.name_cy,
                period=publication.period_label,
                status=figure.status if figure else FigureStatus.MISSING,
                value=figure.value if figure else None,
                commitment_ids=frozenset(c.pk for c in indicator.commitments.all()),
                theme_ids=frozenset(t.pk for t in indicator.themes.all()),
                caveats_en=indicator.numerator.caveats_en,
                caveats_cy=indicator.numerator.caveats_cy,
            )
        )
    result.sort(key=lambda h: (h.partnership_slug, h.code))
    return result
