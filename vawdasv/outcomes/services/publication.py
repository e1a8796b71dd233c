"""Publishing an indicator for a period, with disclosure control (outcomes/disclosure.py).

The table published is every local authority of the partnership and the partnership as a
whole, each as a total and by every category of the numerator's disaggregations. Its additive
relations (categories → total in each area; authorities → partnership for each category and
the total) go to `disclosure.protect`: counts below the partnership's threshold are suppressed
(primary) and complementary cells so none can be worked out by subtraction (secondary); a rate
whose count is suppressed is suppressed. Publishing again keeps suppressing what was
suppressed before, so two releases cannot be differenced either.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.models import Verb
from vawdasv.outcomes import disclosure, geography
from vawdasv.outcomes.disclosure import ALL, CellKey, CellState, Relation
from vawdasv.outcomes.figures import IndicatorFigures
from vawdasv.outcomes.models import (
    DisclosureSetting,
    Indicator,
    Publication,
    PublishedFigure,
    Suppression,
)
from vawdasv.outcomes.opensdg import Status
from vawdasv.outcomes.rates import Figure
from vawdasv.partnerships import permissions


def threshold_for(partnership_id: int) -> int:
    setting = DisclosureSetting.objects.filter(partnership_id=partnership_id).first()
    return setting.threshold if setting else disclosure.DEFAULT_THRESHOLD


@transaction.atomic
def set_threshold(*, actor: Any, partnership: Any, threshold: int) -> DisclosureSetting:
    kernel.require(permissions.can_publish_outcomes(actor, partnership.pk))
    if not 1 <= threshold <= 100:
        raise ValidationError({"threshold": _("Enter a threshold from 1 to 100.")})
    setting, _created = DisclosureSetting.objects.get_or_create(partnership=partnership)
    before = audit.snapshot(setting, ("threshold",))
    setting.threshold = threshold
    setting.save()
    kernel.record_changes(
        actor=actor, instance=setting, before=before, fields=("threshold",),
        partnership=partnership,
    )  # fmt: skip
    return setting


def _whole(figure: Figure) -> int | None:
    """A count as a whole number for disclosure control; None when there is none."""
    if not figure.is_value or figure.value is None:
        return None
    return int(figure.value) if figure.value == figure.value.to_integral_value() else None


@transaction.atomic
def publish(*, actor: Any, indicator: Indicator, period_label: str) -> Publication:
    partnership = indicator.partnership
    kernel.require(permissions.can_publish_outcomes(actor, partnership.pk))
    summed, areas = geography.figure_areas(partnership, indicator.numerator.geography)
    codes = sorted(partnership.local_authorities.values_list("gss_code", flat=True))
    figures = IndicatorFigures(indicator, codes)
    period = figures.period(period_label)
    if period is None:
        raise ValidationError(
            _("There are no approved values for %(period)s to publish.") % {"period": period_label}
        )
    whole = partnership.slug
    categories = {f"{c.category_set.code}:{c.code}": c for c in figures.categories}
    sets: dict[str, list[str]] = {}
    for key, category in categories.items():
        sets.setdefault(category.category_set.code, []).append(key)
    cells: dict[CellKey, int | None] = {}
    for area in areas:
        cells[(area, ALL)] = _whole(figures.count(area, period.label))
        for key, category in categories.items():
            cells[(area, key)] = _whole(figures.count(area, period.label, category.pk))
    relations = [
        Relation(total=(area, ALL), parts=tuple((area, key) for key in keys))
        for area in areas
        for keys in sets.values()
    ]
    if summed:  # authorities → partnership; a wider geography's areas are never summed
        relations += [
            Relation(total=(whole, key), parts=tuple((code, key) for code in summed))
            for key in (ALL, *categories)
        ]
    previous = Publication.objects.filter(indicator=indicator, period_label=period.label).first()
    forced: dict[CellKey, str] = {}  # suppressed before → why (kept, so releases agree)
    if previous is not None:
        for geo, category_id, status, why in previous.figures.values_list(
            "geo_code", "category_id", "status", "suppression"
        ):
            match = next((k for k, c in categories.items() if c.pk == category_id), ALL)
            if status == Status.SUPPRESSED and (geo, match) in cells:
                forced[(geo, match)] = why
    threshold = threshold_for(partnership.pk)
    protected = disclosure.protect(
        disclosure.Table(cells, relations), disclosure.Policy(threshold), forced=sorted(forced)
    )
    publication, _created = Publication.objects.update_or_create(
        indicator=indicator, period_label=period.label,
        defaults={"period_start": period.start, "threshold": threshold, "published_by": actor},
    )  # fmt: skip
    publication.figures.all().delete()
    rows = []
    for (area, key), state in sorted(protected.states.items()):
        in_category = categories.get(key)
        if state.suppressed:
            status, value = Status.SUPPRESSED, None
        else:
            figure = figures.value(area, period.label, in_category)
            status, value = figure.status, figure.value
        rows.append(
            PublishedFigure(
                publication=publication,
                geo_code=area,
                category=in_category,
                status=str(status),
                value=value,
                suppression=forced.get((area, key)) or _suppression(state),
            )
        )
    PublishedFigure.objects.bulk_create(rows)
    kernel.record(
        actor=actor, instance=indicator, verb=Verb.UPDATED, partnership=partnership,
        changes={"published": {"before": None, "after": {
            "period": period.label, "threshold": threshold,
            "suppressed": sorted("/".join(k) for k in protected.suppressed)}}},
    )  # fmt: skip
    return publication


def _suppression(state: CellState) -> str:
    if state is CellState.PRIMARY:
        return Suppression.PRIMARY
    if state is CellState.SECONDARY:
        return Suppression.SECONDARY
    return Suppression.NONE
