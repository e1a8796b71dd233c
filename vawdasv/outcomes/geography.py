"""The areas a measure's figures are for (its geography), named by the code open data uses.

A local-authority measure has one value per authority of a return (GSS ``W06…``). A measure of
a wider geography has ONE value per area of that geography, never one per authority: a police
force area (``W15…``) or health board (``W11…``) that serves the return's authorities, a MARAC
area of the partnership (its administrator's code), the partnership's region (its slug) or
Wales (``W92000004``). Such values have no authority of their own (`ReturnValue.geo_code`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from vawdasv.outcomes.enums import Geography
from vawdasv.outcomes.models import DataReturn, MaracArea
from vawdasv.outcomes.opensdg import WALES_GEOCODE
from vawdasv.partnerships.models import Partnership
from vawdasv.reference.models import LocalAuthority


@dataclass(frozen=True)
class Area:
    """An area figures are given for; `name_en`/`name_cy` so `lib.bilingual.read` reads it."""

    code: str
    name_en: str
    name_cy: str


def wales() -> Area:
    return Area(WALES_GEOCODE, "Wales", "Cymru")


def _organisation_areas(authorities: Iterable[LocalAuthority], attribute: str) -> list[Area]:
    found: dict[str, Area] = {}
    for authority in authorities:
        organisation = getattr(authority, attribute)
        coded = getattr(organisation, "statistical_area", None)
        if coded is not None:
            found[coded.gss_code] = Area(coded.gss_code, organisation.name_en, organisation.name_cy)
    return sorted(found.values(), key=lambda area: area.name_en)


def areas_for(
    geography: str, partnership: Partnership, authorities: Iterable[LocalAuthority]
) -> list[Area]:
    """The areas of `geography` that cover `authorities` (a return's, or a partnership's)."""
    chosen = list(authorities)
    if geography == Geography.POLICE_FORCE:
        return _organisation_areas(chosen, "police_force")
    if geography == Geography.HEALTH_BOARD:
        return _organisation_areas(chosen, "health_board")
    if geography == Geography.MARAC_AREA:
        marac_areas = MaracArea.objects.filter(
            partnership=partnership, local_authorities__in=[a.pk for a in chosen]
        ).distinct()
        return [Area(m.code, m.name_en, m.name_cy) for m in marac_areas.order_by("name_en")]
    if geography == Geography.REGION:
        return [Area(partnership.slug, partnership.name_en, partnership.name_cy)]
    if geography == Geography.WALES:
        return [wales()]
    return [Area(a.gss_code, a.name_en, a.name_cy) for a in sorted(chosen, key=lambda a: a.name_en)]


def geography_of(data_return: DataReturn) -> str:
    """A return's geography: every measure of one return has the same (open_return checks)."""
    first = data_return.measures.order_by("code").values_list("geography", flat=True).first()
    return first or Geography.LOCAL_AUTHORITY


def areas_of(data_return: DataReturn) -> list[Area]:
    """The areas the return collects one value each for."""
    authorities = data_return.areas.select_related(
        "police_force__statistical_area", "health_board__statistical_area"
    )
    return areas_for(geography_of(data_return), data_return.partnership, authorities)


def partnership_areas(geography: str, partnership: Partnership) -> list[Area]:
    """The areas of `geography` across a partnership's local authorities (dashboard filter)."""
    authorities = partnership.local_authorities.select_related(
        "police_force__statistical_area", "health_board__statistical_area"
    )
    return areas_for(geography, partnership, authorities)


MIXED_GEOGRAPHIES = _(
    "Choose measures of one geography: a return collects one value per area of that geography."
)


def figure_areas(partnership: Partnership, geography: str) -> tuple[list[str], list[str]]:
    """(the authorities summed to the partnership's whole, every area a figure is given for).

    Only local-authority figures are summed: a police force area or health board can reach
    beyond the partnership, so its figure is never added up to the partnership's whole.
    """
    if geography == Geography.LOCAL_AUTHORITY:
        codes = sorted(partnership.local_authorities.values_list("gss_code", flat=True))
        return codes, [*codes, partnership.slug]
    return [], [area.code for area in partnership_areas(geography, partnership)]


def dashboard_areas(partnership: Partnership) -> list[Area]:
    """The dashboard's area filter: the partnership as a whole, its authorities, then the
    areas of every wider geography its measures use (a force area, a health board…)."""
    authorities = list(
        partnership.local_authorities.select_related(
            "police_force__statistical_area", "health_board__statistical_area"
        )
    )
    used = set(partnership.measures.values_list("geography", flat=True))
    areas = areas_for(Geography.REGION, partnership, authorities)
    areas += areas_for(Geography.LOCAL_AUTHORITY, partnership, authorities)
    for geography in WIDER_ORDER:
        if geography in used:
            areas += areas_for(geography, partnership, authorities)
    return areas


WIDER_ORDER = (
    Geography.POLICE_FORCE,
    Geography.HEALTH_BOARD,
    Geography.MARAC_AREA,
    Geography.WALES,
)


def shown_geographies(partnership: Partnership, geo: str) -> list[str]:
    """The geographies whose indicators have a figure for the area `geo`: an authority shows
    authorities' measures; the partnership their sums and its region's own measures; a wider
    area the measures of its geography."""
    if geo == partnership.slug:
        return [Geography.LOCAL_AUTHORITY, Geography.REGION]
    if partnership.local_authorities.filter(gss_code=geo).exists():
        return [Geography.LOCAL_AUTHORITY]
    if geo == WALES_GEOCODE:
        return [Geography.WALES]
    if geo.startswith("W15"):
        return [Geography.POLICE_FORCE]
    if geo.startswith("W11"):
        return [Geography.HEALTH_BOARD]
    return [Geography.MARAC_AREA]
