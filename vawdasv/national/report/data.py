"""What the national annual progress report says, gathered once for every format.

Per item of the current national strategy: each region's delivery (aligned actions, counts by
RAG, completed, overdue, or "no report"), the highlights regions marked when approving updates
in rounds ending within the year, and how many aligned actions fall due next year. Only
published strategies count: the report is published.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import translation

from vawdasv.national import rollup
from vawdasv.national.models import UpdateMark
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Action, Strategy
from vawdasv.progress.public import UpdateState
from vawdasv.reference.models import FrameworkItem


@dataclass(frozen=True)
class Highlight:
    partnership: str
    action: str
    narrative: str


@dataclass
class ObjectiveReport:
    item: FrameworkItem
    title: str
    regions: list[tuple[str, rollup.Cell]]
    total: rollup.Cell
    highlights: list[Highlight] = field(default_factory=list)
    due_next_year: int = 0


@dataclass
class NationalReportData:
    year: int
    language: str
    title: str
    framework: str
    objectives: list[ObjectiveReport]


def _in(language: str, english: str, welsh: str) -> str:
    return (welsh or english) if language == "cy" else (english or welsh)


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
    with translation.override(language):
        title = str(translation.gettext("National annual progress report %(period)s")) % {
            "period": rollup.year_label(year)
        }
    objectives = [
        ObjectiveReport(
            item=line.item,
            title=_in(language, line.item.title_en, line.item.title_cy),
            regions=[
                (_in(language, cell.partnership.name_en, cell.partnership.name_cy), cell)
                for cell in line.cells
                if cell.partnership is not None
            ],
            total=line.total,
            highlights=highlights.get(line.item.pk, []),
            due_next_year=due.get(line.item.pk, 0),
        )
        for line in result.lines
    ]
    return NationalReportData(
        year, language, title, _in(language, framework.name_en, framework.name_cy), objectives
    )
