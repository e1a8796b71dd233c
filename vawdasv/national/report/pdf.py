"""The national annual progress report as a tagged PDF (PDF/UA-1), typeset by Typst as the
regional report is (ADR 0016): content goes in as JSON data, never as Typst markup."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import typst
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from vawdasv.national.report.data import NationalReportData

TEMPLATE = Path(__file__).with_name("national_report.typ")
FONT = "DejaVu Sans"  # in fonts-dejavu-core (scripts/system-packages.sh)


@cache
def _fonts() -> typst.Fonts:
    """Only the project's fonts, so the PDF is the same on every machine."""
    directories = [str(path) for path in settings.REPORT_FONT_DIRS if Path(path).is_dir()]
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=directories
    )


def document_data(report: NationalReportData) -> dict[str, Any]:
    with translation.override(report.language):
        columns = [_("Region"), _("Actions"), _("Red"), _("Amber"), _("Green"), _("Completed"),
                   _("Overdue")]  # fmt: skip
        objectives = []
        for objective in report.objectives:
            rows = []
            for name, cell in [*objective.regions, (_("All regions"), objective.total)]:
                if cell.reported:
                    counts = (cell.actions, cell.red, cell.amber, cell.green, cell.completed,
                              cell.overdue)  # fmt: skip
                    rows.append([name, *(str(n) for n in counts)])
                else:
                    rows.append([name, _("No report"), "", "", "", "", ""])
            objectives.append(
                {
                    "heading": f"{objective.item.code}. {objective.title}",
                    # The language of the title (the code is a number): the other language's
                    # is tagged so, and followed by the "not yet translated" marker.
                    "heading_lang": objective.title_language,
                    "marker": objective.title_marker,
                    "caption": _("Delivery by region"),
                    "rows": rows,
                    "highlights": [
                        {"partnership": h.partnership, "action": h.action, "narrative": h.narrative}
                        for h in objective.highlights
                    ],
                    "indicators": [
                        [line.partnership, line.indicator, line.period, line.figure]
                        for line in objective.indicators
                    ],
                    "planned_next": _("%(count)s aligned actions fall due next year.")
                    % {"count": objective.due_next_year},
                }
            )
        return {
            "title": report.title,
            "author": _("VAWDASV partnerships"),
            "framework": report.framework,
            "intro": _(
                "Only approved updates of published regional strategies count, judged at the "
                "end of the year. “No report” means the region approved no update in the year."
            ),
            "font": FONT,
            "lang": report.language,
            "labels": {
                "columns": columns,
                "highlights": _("Highlights"),
                "no_highlights": _("No highlights were marked for this objective."),
                "planned_next": _("Planned next"),
                "indicators": _("National indicators and headline data"),
                "indicator_columns": [
                    _("Region"),
                    _("Indicator"),
                    _("Period"),
                    _("Published figure"),
                ],
                "no_indicators": _("No published headline data is linked to this objective."),
            },
            "objectives": objectives,
        }


def render_pdf(report: NationalReportData) -> bytes:
    data = json.dumps(document_data(report), ensure_ascii=False)
    return typst.compile(
        TEMPLATE,
        root=TEMPLATE.parent,
        font_paths=_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"data": data},
        pdf_standards=["ua-1"],
    )
