"""What the national annual progress report says, gathered once for every format.

Per item of the current national strategy: each region's delivery (aligned actions, counts by
RAG, completed, overdue, or "no report"), the highlights regions marked when approving updates
in rounds ending within the year, the national indicators and headline data linked to the
objective (published, disclosure-controlled figures of indicators linked to an aligned
commitment or its theme, the latest published by the year's end: `outcomes.public`), and how
many aligned actions fall due next year. Only published strategies count: the report is
published.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, TypedDict

from django.utils import translation

from vawdasv.lib.bilingual import not_translated, read
from vawdasv.national import rollup
from vawdasv.national.models import CommitmentAlignment, UpdateMark
from vawdasv.outcomes.public import HeadlineFigure, published_headlines
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Action, Strategy
from vawdasv.progress.public import UpdateState
from vawdasv.reference.models import FrameworkItem


@dataclass(frozen=True)
class Highlight:
    partnership: str
    action: str
    narrative: str


@dataclass(frozen=True)
class IndicatorLine:
    partnership: str
    indicator: str
    period: str
    figure: str


@dataclass
class ObjectiveReport:
    item: FrameworkItem
    title: str
    title_language: str  # the language `title` is written in ("en" or "cy")
    regions: list[tuple[str, rollup.Cell]]
    total: rollup.Cell
    # Said after a title that is not in the report's language (the frameworks are published
    # in English; their Welsh titles are not invented); "" when the title is in it.
    title_marker: str = ""
    highlights: list[Highlight] = field(default_factory=list)
    due_next_year: int = 0
    indicators: list[IndicatorLine] = field(default_factory=list)


@dataclass
class NationalReportData:
    year: int
    language: str
    title: str
    framework: str
    objectives: list[ObjectiveReport]


def _in(language: str, english: str, welsh: str) -> str:
    return (welsh or english) if language == "cy" else (english or welsh)


class _Title(TypedDict):
    title: str
    title_language: str
    title_marker: str


def _title(item: FrameworkItem, language: str) -> _Title:
    """The objective's title in the report's language, or in the other with the marker the
    pages show for a text not yet translated."""
    value = read(item, "title", language)
    marker = ""
    if value.is_fallback:
        with translation.override(language):
            marker = not_translated(language)
    return _Title(title=value.text, title_language=value.language, title_marker=marker)


def gather(year: int, language: str) -> NationalReportData:
    strategies = Strategy.objects.published()
    partnerships = list(
        Partnership.objects.filter(strategies__in=strategies).distinct().order_by("name_en")
    )
    framework = rollup.default_framework()
    scope = rollup.Scope(framework, year, partnerships, strategies)
    result = rollup.compute_roll_up(scope)
    start, end = scope.bounds
    marks = (
        UpdateMark.objects.filter(
            highlight=True,
            update__state=UpdateState.APPROVED,
            update__progress_round__strategy__in=strategies,
            update__progress_round__period_end__gte=start,
            update__progress_round__period_end__lte=end,
            update__action__alignments__framework=framework,
        )
        .select_related("update__action", "update__progress_round__strategy__partnership")
        .prefetch_related("update__action__alignments")
        .order_by("update__progress_round__strategy__partnership__name_en", "update__pk")
        .distinct()
    )
    highlights: dict[int, list[Highlight]] = defaultdict(list)
    for mark in marks:
        update = mark.update
        partnership = update.progress_round.strategy.partnership
        entry = Highlight(
            _in(language, partnership.name_en, partnership.name_cy),
            _in(language, update.action.text_en, update.action.text_cy),
            _in(language, update.narrative_en, update.narrative_cy),
        )
        for item in update.action.alignments.all():
            highlights[item.pk].append(entry)
    next_start, next_end = rollup.year_bounds(year + 1)
    due: dict[int, int] = defaultdict(int)
    through = Action.alignments.through
    for item_id in through.objects.filter(
        frameworkitem__framework=framework,
        action__commitment__theme__strategy__in=strategies,
        action__due_date__gte=next_start,
        action__due_date__lte=next_end,
    ).values_list("frameworkitem_id", flat=True):
        due[item_id] += 1
    indicators = _indicators(framework.pk, strategies, partnerships, end, language)
    with translation.override(language):
        title = str(translation.gettext("National annual progress report %(period)s")) % {
            "period": rollup.year_label(year)
        }
    objectives = [
        ObjectiveReport(
            item=line.item,
            **_title(line.item, language),
            regions=[
                (_in(language, cell.partnership.name_en, cell.partnership.name_cy), cell)
                for cell in line.cells
                if cell.partnership is not None
            ],
            total=line.total,
            highlights=highlights.get(line.item.pk, []),
            due_next_year=due.get(line.item.pk, 0),
            indicators=indicators.get(line.item.pk, []),
        )
        for line in result.lines
    ]
    return NationalReportData(
        year, language, title, _in(language, framework.name_en, framework.name_cy), objectives
    )


def _indicators(
    framework_id: int,
    strategies: Any,
    partnerships: list[Partnership],
    end: Any,
    language: str,
) -> dict[int, list[IndicatorLine]]:
    """Per framework item: the headline figures of indicators linked to a commitment aligned to
    it, or to that commitment's theme."""
    commitments: dict[int, set[int]] = defaultdict(set)
    themes: dict[int, set[int]] = defaultdict(set)
    for item_id, commitment_id, theme_id in CommitmentAlignment.objects.filter(
        item__framework_id=framework_id, commitment__theme__strategy__in=strategies
    ).values_list("item_id", "commitment_id", "commitment__theme_id"):
        commitments[item_id].add(commitment_id)
        themes[item_id].add(theme_id)
    if not commitments:
        return {}
    figures = published_headlines(
        commitment_ids=set().union(*commitments.values()),
        theme_ids=set().union(*themes.values()),
        partnership_ids=[p.pk for p in partnerships],
        until=end,
    )
    names = {p.pk: _in(language, p.name_en, p.name_cy) for p in partnerships}
    result: dict[int, list[IndicatorLine]] = {}
    with translation.override(language):
        for item_id in commitments:
            result[item_id] = [
                _line(figure, names, language)
                for figure in figures
                if figure.commitment_ids & commitments[item_id]
                or figure.theme_ids & themes[item_id]
            ]
    return result


def _line(figure: HeadlineFigure, names: dict[int, str], language: str) -> IndicatorLine:
    return IndicatorLine(
        names.get(figure.partnership_id, figure.partnership_slug),
        _in(language, figure.name_en, figure.name_cy),
        figure.period,
        figure.shown,
    )
