"""The progress report's "Headline data" inside each theme: the indicators linked to the theme
or its commitments, with their latest approved figure as at the report's period end.

Progress and outcomes are siblings, so neither imports the other: this module, in the web
layer above both, reads outcomes' public pieces (`selectors.indicators_by_theme`,
`dashboard.headline`) and registers a theme-section provider with the report
(`progress.report.sections.register_theme_sections`) at start-up (ADR 0035).
"""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from vawdasv.lib.bilingual import read
from vawdasv.outcomes import dashboard, selectors
from vawdasv.plans.models import Strategy
from vawdasv.progress.report.sections import ExtraSection


def headline_sections(
    strategy: Strategy, start: datetime.date, end: datetime.date, language: str
) -> dict[int, ExtraSection]:
    by_theme = selectors.indicators_by_theme(strategy)
    if not by_theme:
        return {}  # a plan with no linked indicators gets no empty sections
    partnership = strategy.partnership
    codes = sorted(partnership.local_authorities.values_list("gss_code", flat=True))
    sections: dict[int, ExtraSection] = {}
    with translation.override(language):
        headlines = {
            indicator.pk: dashboard.headline(indicator, codes, partnership.slug, until=end)
            for indicators in by_theme.values()
            for indicator in indicators
        }
        for theme_id, indicators in by_theme.items():
            rows = []
            for indicator in indicators:
                h = headlines[indicator.pk]
                name = read(indicator, "name", language).text
                # The measure's caveats travel with its figure (the demo's say "demonstration
                # values", as its ratings do).
                caveats = read(indicator.numerator, "caveats", language).text
                name = f"{name} ({caveats.rstrip('.')})" if caveats else name
                if h is None:
                    rows.append([name, _("missing"), "–", "–", "–", "–"])
                    continue
                rows.append([name, h.latest, h.period, h.previous_change, h.target or "–",
                             dashboard.rating_word(h.rag) or "–"])  # fmt: skip
            sections[theme_id] = ExtraSection(
                key=f"headline-data-{theme_id}",
                title=_("Headline data"),
                intro=_(
                    "The indicators linked to this theme and its commitments: the latest "
                    "quarter of approved figures for the partnership as a whole."
                ),
                headers=[_("Indicator"), _("Latest"), _("Period"),
                         _("Change on the previous quarter"), _("Target"), _("Rating")],
                rows=rows,
                empty="",
            )  # fmt: skip
    return sections
