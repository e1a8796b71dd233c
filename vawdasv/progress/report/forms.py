"""The report's choices: period, language, and the theme and lead organisation filters.

Read from the query string, so a filtered report's address can be shared and bookmarked.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm
from vawdasv.lib.bilingual import read
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Strategy
from vawdasv.progress.models import ProgressRound
from vawdasv.progress.periods import ReportingPeriod, parse_period, periods_for_years
from vawdasv.progress.report.data import ReportFilters


def period_choices(strategy: Strategy) -> list[str]:
    """The periods the strategy has rounds for, newest first, then its other financial years."""
    rounds = list(
        ProgressRound.objects.filter(strategy=strategy)
        .order_by("-period_end", "period_kind")
        .values_list("period_label", flat=True)
    )
    last = max(strategy.start_year, strategy.end_year - 1)
    years = [p.label for p in periods_for_years(strategy.start_year, last) if p.kind == "year"]
    return rounds + [label for label in years if label not in rounds]


class ReportForm(GovukForm):
    period = forms.ChoiceField(label=_("Reporting period"))
    lang = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    lead = forms.TypedChoiceField(
        label=_("Lead organisation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        periods = period_choices(strategy)
        self.fields["period"].choices = [(p, p) for p in periods]  # type: ignore[attr-defined]
        everything = [("", _("All"))]
        self.fields["theme"].choices = everything + [  # type: ignore[attr-defined]
            (t.pk, read(t, "name").text) for t in strategy.themes.order_by("order", "pk")
        ]
        leads = (
            Organisation.objects.filter(led_actions__commitment__theme__strategy=strategy)
            .distinct()
            .order_by("name_en")
        )
        self.fields["lead"].choices = everything + [  # type: ignore[attr-defined]
            (o.pk, read(o, "name").text) for o in leads
        ]

    @property
    def reporting_period(self) -> ReportingPeriod:
        period = parse_period(self.cleaned_data["period"])
        assert period is not None  # the choices are all valid periods
        return period

    @property
    def filters(self) -> ReportFilters:
        return ReportFilters(theme_id=self.cleaned_data["theme"], lead_id=self.cleaned_data["lead"])


def initial_data(strategy: Strategy, language: str) -> dict[str, str]:
    """What an unfiltered visit shows: the newest period with a round, in the page's language."""
    periods = period_choices(strategy)
    return {"period": periods[0] if periods else "", "lang": language, "theme": "", "lead": ""}
