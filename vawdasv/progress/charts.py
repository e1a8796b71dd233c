"""Stacked bar charts drawn as inline SVG, worked out here so templates only place shapes.

The dashboard draws its charts on the server: no JavaScript, and nothing for the page's Content
Security Policy to refuse (colours and patterns are SVG presentation attributes, not inline
styles). Colour is never the only cue: each kind of bar segment has its own pattern, every bar
is followed by its figures in words, and every chart has a table with the same figures beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Each kind of segment: (fill colour, pattern). Colours from the GOV.UK palette; a dark outline
# round every segment keeps the lighter fills distinguishable from the white page.
SEGMENT_STYLES: dict[str, tuple[str, str]] = {
    "red": ("#d4351c", "stripes"),
    "amber": ("#f47738", "dots"),
    "green": ("#00703c", "solid"),
    "not_rated": ("#ffffff", "hollow"),
    "overdue": ("#d4351c", "stripes"),
    "due_soon": ("#ffdd00", "dots"),
}

WIDTH = 960
LABEL_WIDTH = 150  # room for a bar's own label, such as "2026/27 Q3"
BAR_AREA = 420
FIGURES_X = LABEL_WIDTH + BAR_AREA + 16
GROUP_HEADING = 28
BAR_HEIGHT = 22
BAR_GAP = 10
LEGEND_HEIGHT = 36
MAX_HEADING_CHARACTERS = 90


@dataclass(frozen=True)
class Segment:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(segment.count for segment in self.segments)

    @property
    def figures(self) -> str:
        """The bar in words ("Red 2 · Amber 3 · Green 5"), so no one has to read colours."""
        return " · ".join(f"{segment.label} {segment.count}" for segment in self.segments)


@dataclass(frozen=True)
class Group:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class LegendEntry:
    kind: str
    label: str


@dataclass(frozen=True)
class Chart:
    """What a chart shows; `layout` turns it into positions."""

    id: str
    title: str
    description: str
    groups: tuple[Group, ...]
    legend: tuple[LegendEntry, ...]


# Positions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedSegment:
    kind: str
    label: str
    count: int
    x: float
    width: float
    fill: str


@dataclass(frozen=True)
class PlacedBar:
    label: str
    figures: str
    y: int
    text_y: int
    segments: tuple[PlacedSegment, ...]


@dataclass(frozen=True)
class PlacedGroup:
    heading: str
    heading_y: int
    bars: tuple[PlacedBar, ...]


@dataclass(frozen=True)
class PlacedLegendEntry:
    kind: str
    label: str
    x: int
    fill: str


@dataclass(frozen=True)
class Pattern:
    """An SVG <pattern> for one kind of segment, with an id unique to its chart."""

    kind: str
    id: str
    colour: str
    style: str


@dataclass(frozen=True)
class ChartLayout:
    chart: Chart
    height: int
    groups: tuple[PlacedGroup, ...]
    legend: tuple[PlacedLegendEntry, ...]
    patterns: tuple[Pattern, ...]
    legend_y: int = 8
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    figures_x: int = FIGURES_X
    bar_height: int = BAR_HEIGHT
    empty: bool = field(default=False)

    @property
    def title_id(self) -> str:
        return f"{self.chart.id}-title"

    @property
    def description_id(self) -> str:
        return f"{self.chart.id}-desc"


def _heading(text: str) -> str:
    """SVG text does not wrap, so very long names are shortened; the table has them in full."""
    if len(text) <= MAX_HEADING_CHARACTERS:
        return text
    return text[: MAX_HEADING_CHARACTERS - 1].rstrip() + "…"


def _fill(chart_id: str, kind: str) -> str:
    return f"url(#{chart_id}-{kind})"


def layout(chart: Chart) -> ChartLayout:
    """Place every group, bar and segment; bars share one scale so lengths compare."""
    largest = max((bar.total for group in chart.groups for bar in group.bars), default=0)
    scale = BAR_AREA / largest if largest else 0.0
    y = LEGEND_HEIGHT
    groups: list[PlacedGroup] = []
    for group in chart.groups:
        heading_y = y + 18
        y += GROUP_HEADING if group.label else 0
        bars: list[PlacedBar] = []
        for bar in group.bars:
            x = float(LABEL_WIDTH)
            segments = []
            for segment in bar.segments:
                width = segment.count * scale
                if width:
                    segments.append(
                        PlacedSegment(
                            kind=segment.kind,
                            label=segment.label,
                            count=segment.count,
                            x=x,
                            width=round(width, 2),
                            fill=_fill(chart.id, segment.kind),
                        )
                    )
                x += width
            bars.append(PlacedBar(bar.label, bar.figures, y, y + 16, tuple(segments)))
            y += BAR_HEIGHT + BAR_GAP
        groups.append(PlacedGroup(_heading(group.label), heading_y, tuple(bars)))
        y += BAR_GAP
    legend = tuple(
        PlacedLegendEntry(entry.kind, entry.label, index * 190, _fill(chart.id, entry.kind))
        for index, entry in enumerate(chart.legend)
    )
    kinds = {entry.kind for entry in chart.legend}
    patterns = tuple(
        Pattern(kind, f"{chart.id}-{kind}", *SEGMENT_STYLES[kind])
        for kind in SEGMENT_STYLES
        if kind in kinds
    )
    return ChartLayout(
        chart=chart, height=y + 4, groups=tuple(groups), legend=legend, patterns=patterns,
        empty=largest == 0,
    )  # fmt: skip
