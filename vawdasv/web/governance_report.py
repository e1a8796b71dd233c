"""The progress report's governance section: the partnership's groups, how often each meets,
and the meetings held in the report's period.

Progress and governance are siblings, so neither imports the other: this module, in the web
layer above both, reads governance's public selector and registers a section provider with
the report (`progress.report.sections`) at start-up.
"""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vawdasv.governance.selectors import meetings_held
from vawdasv.lib.bilingual import read
from vawdasv.plans.models import Strategy
from vawdasv.progress.report.sections import ExtraSection


def governance_section(
    strategy: Strategy, start: datetime.date, end: datetime.date, language: str
) -> ExtraSection | None:
    groups = meetings_held(strategy.partnership_id, start, end)
    if not groups:
        return None  # a partnership that records no groups gets no empty section
    with translation.override(language):
        return ExtraSection(
            key="governance",
            title=_("Governance"),
            intro=_(
                "The groups that deliver the plan, how often each meets, and the meetings "
                "held in the period."
            ),
            headers=[_("Group"), _("Meets"), _("Meetings held in the period")],
            rows=[
                [
                    read(entry.group, "name", language).text,
                    str(entry.group.get_frequency_display()),
                    ", ".join(date_format(day, "j F Y") for day in entry.held) or _("None"),
                ]
                for entry in groups
            ],
            empty="",
        )
