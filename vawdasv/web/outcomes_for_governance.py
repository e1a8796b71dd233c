"""Indicators for governance's agenda items and meeting packs (governance.indicators).

Governance and outcomes are siblings and never import each other; the web layer, above both,
hands governance this provider at start-up (`WebConfig.ready`). A meeting pack may travel
beyond the partnership (packs of public boards are often published), so its headline data are
the latest *published* figures, already disclosure-controlled by outcomes (ADR 0025): a
withheld figure reads "suppressed", never a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vawdasv.governance.indicators import Headline, IndicatorLink
from vawdasv.lib.bilingual import read
from vawdasv.outcomes.dashboard import shown
from vawdasv.outcomes.models import Indicator, Publication
from vawdasv.outcomes.opensdg import Status
from vawdasv.outcomes.rates import Figure


def _label(indicator: Indicator) -> str:
    return f"{indicator.code} – {read(indicator, 'name').text}"


class OutcomesIndicators:
    def choices(self, partnership_id: int) -> list[tuple[int, str]]:
        return [
            (indicator.pk, _label(indicator))
            for indicator in Indicator.objects.filter(partnership_id=partnership_id)
        ]

    def links(self, ids: Iterable[int]) -> dict[int, IndicatorLink]:
        found = Indicator.objects.filter(pk__in=list(ids)).select_related("partnership")
        return {
            indicator.pk: IndicatorLink(
                _label(indicator),
                reverse("outcomes:dashboard", args=[indicator.partnership.slug])
                + f"#indicator-{indicator.pk}",
            )
            for indicator in found
        }

    def for_plan(self, partnership_id: int, commitment_ids: Iterable[int]) -> list[int]:
        commitment_ids = list(commitment_ids)
        if not commitment_ids:
            return []
        linked = Indicator.objects.filter(partnership_id=partnership_id).filter(
            Q(commitments__in=commitment_ids) | Q(themes__commitments__in=commitment_ids)
        )
        return list(linked.order_by("code").values_list("pk", flat=True).distinct())

    def headlines(self, ids: Iterable[int], language: str) -> list[Headline]:
        with translation.override(language):
            found = (
                Indicator.objects.filter(pk__in=list(ids))
                .select_related("partnership")
                .prefetch_related("partnership__local_authorities")
                .order_by("code")
            )
            return [self._headline(indicator, language) for indicator in found]

    def _headline(self, indicator: Indicator, language: str) -> Headline:
        name = read(indicator, "name", language).text
        latest = Publication.objects.filter(indicator=indicator).order_by("-period_start").first()
        if latest is None:
            return Headline(name, "", [("", _("not yet published"))])
        partnership = indicator.partnership
        authorities = sorted(
            (
                (authority.gss_code, read(authority, "name", language).text)
                for authority in partnership.local_authorities.all()
            ),
            key=lambda area: area[1],
        )
        areas = [(partnership.slug, read(partnership, "name", language).text), *authorities]
        totals = {f.geo_code: f for f in latest.figures.filter(category__isnull=True)}
        figures = [
            (area_name, shown(Figure(Status(totals[code].status), _decimal(totals[code].value))))
            for code, area_name in areas
            if code in totals
        ]
        return Headline(name, latest.period_label, figures)


def _decimal(value: Decimal | None) -> Decimal | None:
    return Decimal(value) if value is not None else None
