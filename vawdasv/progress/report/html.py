"""The progress report as HTML: the body shared by the web page and the HTML file.

The chart of RAG counts by theme is inline SVG drawn here from the summary numbers: colours are
SVG presentation attributes (allowed by the content security policy, unlike inline styles), the
counts are written on the bars, and the same numbers are in the summary table beside it. The
PDF (pdf.py, Typst) draws the same SVG chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from vawdasv.progress.report.data import ProgressReport

# GOV.UK colours; text on each bar is black or white, whichever contrasts.
BAR_COLOURS = {
    "red": ("#d4351c", "#ffffff"),
    "amber": ("#f47738", "#0b0c0c"),
    "green": ("#00703c", "#ffffff"),
    "": ("#b1b4b6", "#0b0c0c"),
}
CHART_WIDTH = 720
LABEL_WIDTH = 200
BAR_HEIGHT = 24
ROW_GAP = 12
LEGEND_HEIGHT = 40
STYLESHEET = Path(__file__).parent / "report.css"


@dataclass(frozen=True)
class BarSegment:
    x: int
    width: int
    fill: str
    text_colour: str
    count: int
    word: str

    @property
    def text_x(self) -> int:
        return self.x + self.width // 2

    @property
    def shows_count(self) -> bool:
        return self.width >= 18


@dataclass(frozen=True)
class ChartBar:
    name: str
    y: int
    text_y: int
    segments: list[BarSegment]
    total: int
    total_x: int


@dataclass(frozen=True)
class LegendItem:
    x: int
    word: str
    fill: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bars: list[ChartBar]
    legend: list[LegendItem]
    legend_y: int
    description: str


def chart(report: ProgressReport) -> Chart:
    """Horizontal stacked bars, one per theme, scaled to the theme with the most actions."""
    columns = report.summary_columns
    longest = max((line.total for line in report.summary), default=0) or 1
    bar_room = CHART_WIDTH - LABEL_WIDTH - 40
    bars: list[ChartBar] = []
    for index, line in enumerate(report.summary):
        y = LEGEND_HEIGHT + index * (BAR_HEIGHT + ROW_GAP)
        x = LABEL_WIDTH
        segments: list[BarSegment] = []
        for column, count in zip(columns, line.counts, strict=True):
            if not count:
                continue
            width = round(bar_room * count / longest)
            fill, text_colour = BAR_COLOURS[column.value]
            segments.append(BarSegment(x, width, fill, text_colour, count, column.word))
            x += width
        bars.append(ChartBar(line.name, y, y + BAR_HEIGHT - 7, segments, line.total, x + 6))
    legend = [
        LegendItem(10 + index * 130, column.word, BAR_COLOURS[column.value][0])
        for index, column in enumerate(columns)
    ]
    described = "; ".join(
        f"{line.name}: "
        + ", ".join(
            f"{column.word} {count}" for column, count in zip(columns, line.counts, strict=True)
        )
        for line in report.summary
    )
    return Chart(
        width=CHART_WIDTH,
        height=LEGEND_HEIGHT + max(len(bars), 1) * (BAR_HEIGHT + ROW_GAP),
        label_width=LABEL_WIDTH - 8,
        bars=bars,
        legend=legend,
        legend_y=12,
        description=described or _("No actions were reported on."),
    )


def context(report: ProgressReport) -> dict[str, object]:
    return {"report": report, "labels": report.labels, "chart": chart(report)}


def render_standalone_html(report: ProgressReport) -> str:
    """A complete HTML document with its print stylesheet, for saving and printing."""
    with translation.override(report.language):
        return render_to_string(
            "progress/report/document.html",
            {**context(report), "stylesheet": STYLESHEET.read_text(encoding="utf-8")},
        )
