"""The plan dashboard's figures: RAG by theme, overdue and due-soon actions, and lead organisations.

"Current period" is the strategy's latest round by reporting period (open or closed) and
"previous period" the latest round that ended before it began, preferring a round of the same
kind (quarter or year). RAG counts come from approved updates only: a submitted update is the
lead officer's view until the regional team accepts it. Actions finished (completed or no longer
relevant) in an earlier round are not asked about again, so they are not counted in later rounds.

Who sees it: members of the partnership and national observers, like the rounds themselves. The
figures are aggregates, but approved ratings are the partnership's working view until it
publishes its progress report, so the dashboard stays private even for a published strategy.

No small-number suppression: every figure here counts actions in a plan, never people, so a
count of 1 to 4 reveals nothing about any victim or survivor.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Action, Strategy, Theme
from vawdasv.progress import charts, selectors
from vawdasv.progress.enums import ActionStatus, RagStatus
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.rag import RagVocabulary, platform_vocabulary, rag_vocabulary

NOT_RATED = "not_rated"


@dataclass(frozen=True)
class RagCounts:
    """How many actions a round rated red, amber and green, and how many have no approved rating."""

    red: int = 0
    amber: int = 0
    green: int = 0
    not_rated: int = 0

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.not_rated

    @classmethod
    def of(cls, ratings: list[str]) -> RagCounts:
        """Count ratings, where "" (or anything unknown) means no approved rating."""
        counts = Counter(r if r in RagStatus.values else NOT_RATED for r in ratings)
        return cls(counts["red"], counts["amber"], counts["green"], counts[NOT_RATED])

    def segments(self, words: RagVocabulary | None = None) -> tuple[charts.Segment, ...]:
        """Chart segments named in the partnership's words (the platform's when not given)."""
        words = words or platform_vocabulary()
        return (
            charts.Segment("red", words.label(RagStatus.RED), self.red),
            charts.Segment("amber", words.label(RagStatus.AMBER), self.amber),
            charts.Segment("green", words.label(RagStatus.GREEN), self.green),
            charts.Segment(NOT_RATED, _("Not rated"), self.not_rated),
        )


@dataclass(frozen=True)
class ThemeRag:
    theme: Theme
    current: RagCounts
    previous: RagCounts | None


@dataclass(frozen=True)
class ActionLine:
    """An action in the overdue or due-soon list, with its latest approved update."""

    action: Action
    statuses: list[ActionStatus]
    latest: ProgressUpdate | None


@dataclass(frozen=True)
class DueCounts:
    theme: Theme
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class LeadSummary:
    """One lead organisation's actions. An action led jointly counts under each of its leads."""

    organisation: Organisation | None  # None: actions with no lead organisation recorded
    actions: int
    rag: RagCounts
    statuses: tuple[tuple[ActionStatus, int], ...]

    def status_count(self, status: ActionStatus) -> int:
        return dict(self.statuses)[status]


@dataclass(frozen=True)
class Dashboard:
    strategy: Strategy
    today: datetime.date
    current_round: ProgressRound | None
    previous_round: ProgressRound | None
    themes: list[ThemeRag]
    overdue: list[ActionLine]
    due_soon: list[ActionLine]
    due_by_theme: list[DueCounts]
    leads: list[LeadSummary]


# Rounds ----------------------------------------------------------------------------------


def current_and_previous(strategy: Strategy) -> tuple[ProgressRound | None, ProgressRound | None]:
    """The latest round by period, and the latest one that ended before it started."""
    rounds = list(
        ProgressRound.objects.filter(strategy=strategy).order_by(
            "-period_end", "-period_start", "-pk"
        )
    )
    if not rounds:
        return None, None
    current = rounds[0]
    earlier = [r for r in rounds if r.period_end < current.period_start]
    if not earlier:
        return current, None
    latest_end = earlier[0].period_end
    same_end = [r for r in earlier if r.period_end == latest_end]
    same_kind = [r for r in same_end if r.period_kind == current.period_kind]
    return current, (same_kind or same_end)[0]


def _ratings_in(progress_round: ProgressRound, actions: list[Action]) -> dict[int, str]:
    """action id → approved RAG in the round, for the actions the round asked about."""
    finished = selectors.finished_before([a.pk for a in actions], progress_round)
    approved = dict(
        ProgressUpdate.objects.approved()
        .filter(progress_round=progress_round)
        .values_list("action_id", "rag")
    )
    return {a.pk: approved.get(a.pk, "") for a in actions if a.pk not in finished}


def _rag_by_theme(
    themes: list[Theme], actions: list[Action], ratings: dict[int, str]
) -> dict[int, RagCounts]:
    by_theme: dict[int, list[str]] = defaultdict(list)
    for action in actions:
        if action.pk in ratings:
            by_theme[action.commitment.theme_id].append(ratings[action.pk])
    return {theme.pk: RagCounts.of(by_theme[theme.pk]) for theme in themes}


# The dashboard ---------------------------------------------------------------------------


def _plan_actions(strategy: Strategy) -> list[Action]:
    return list(
        Action.objects.for_strategy(strategy)
        .select_related("commitment__theme")
        .prefetch_related(
            Prefetch("lead_organisations", queryset=Organisation.objects.order_by("name_en"))
        )
        .order_by("commitment__theme__order", "commitment__order", "order", "pk")
    )


def _leads(
    actions: list[Action], ratings: dict[int, str], statuses: dict[int, list[ActionStatus]]
) -> list[LeadSummary]:
    grouped: dict[int | None, list[Action]] = defaultdict(list)
    organisations: dict[int, Organisation] = {}
    for action in actions:
        leads = list(action.lead_organisations.all())
        for organisation in leads:
            organisations[organisation.pk] = organisation
            grouped[organisation.pk].append(action)
        if not leads:
            grouped[None].append(action)
    summaries = []
    for key, led in grouped.items():
        counted = Counter(status for action in led for status in statuses[action.pk])
        summaries.append(
            LeadSummary(
                organisation=organisations.get(key) if key is not None else None,
                actions=len(led),
                rag=RagCounts.of([ratings[a.pk] for a in led if a.pk in ratings]),
                statuses=tuple((status, counted[status]) for status in ActionStatus),
            )
        )
    # Most actions first; "no lead recorded" last, so the partners read first.
    return sorted(
        summaries,
        key=lambda s: (
            s.organisation is None,
            -s.actions,
            s.organisation.name_en if s.organisation else "",
        ),
    )


def build(strategy: Strategy, today: datetime.date | None = None) -> Dashboard:
    """Every figure on the dashboard, in a fixed number of queries whatever the plan's size."""
    on = today or selectors.today()
    themes = list(strategy.themes.all())
    actions = _plan_actions(strategy)
    current, previous = current_and_previous(strategy)
    current_ratings = _ratings_in(current, actions) if current else {}
    current_by_theme = _rag_by_theme(themes, actions, current_ratings)
    previous_by_theme = (
        _rag_by_theme(themes, actions, _ratings_in(previous, actions)) if previous else {}
    )
    # Once per request: the statuses and the overdue and due-soon lists read the same updates.
    latest = selectors.latest_approved([a.pk for a in actions])
    statuses = selectors.statuses_for(strategy, actions, on, latest)

    def listed(status: ActionStatus) -> list[ActionLine]:
        return [
            ActionLine(a, statuses[a.pk], latest.get(a.pk))
            for a in actions
            if status in statuses[a.pk]
        ]

    overdue, due_soon = listed(ActionStatus.OVERDUE), listed(ActionStatus.DUE_SOON)
    return Dashboard(
        strategy=strategy,
        today=on,
        current_round=current,
        previous_round=previous,
        themes=[
            ThemeRag(theme, current_by_theme[theme.pk], previous_by_theme.get(theme.pk))
            for theme in themes
        ],
        overdue=overdue,
        due_soon=due_soon,
        due_by_theme=[
            DueCounts(
                theme,
                sum(1 for line in overdue if line.action.commitment.theme_id == theme.pk),
                sum(1 for line in due_soon if line.action.commitment.theme_id == theme.pk),
            )
            for theme in themes
        ],
        leads=_leads(actions, current_ratings, statuses),
    )


# Charts ----------------------------------------------------------------------------------


def _rag_legend(words: RagVocabulary) -> tuple[charts.LegendEntry, ...]:
    return tuple(charts.LegendEntry(s.kind, s.label) for s in RagCounts().segments(words))


def _words(dashboard: Dashboard) -> RagVocabulary:
    return rag_vocabulary(dashboard.strategy.partnership)


def rag_by_theme_chart(dashboard: Dashboard) -> charts.Chart:
    current, previous = dashboard.current_round, dashboard.previous_round
    words = _words(dashboard)
    groups = []
    for row in dashboard.themes:
        bars = []
        if current is not None:
            bars.append(charts.Bar(current.period_label, row.current.segments(words)))
        if previous is not None and row.previous is not None:
            bars.append(charts.Bar(previous.period_label, row.previous.segments(words)))
        groups.append(charts.Group(str(row.theme.text("name")), tuple(bars)))
    return charts.Chart(
        id="chart-rag-by-theme",
        title=_("RAG status by theme"),
        description=_(
            "Bars for each theme showing how many actions were rated red, amber or green in "
            "approved updates, and how many have no approved rating, for the current and "
            "previous reporting periods. The table after the chart gives the same figures."
        ),
        groups=tuple(groups),
        legend=_rag_legend(words),
    )


def due_chart(dashboard: Dashboard) -> charts.Chart:
    overdue, due_soon = str(ActionStatus.OVERDUE.label), str(ActionStatus.DUE_SOON.label)
    return charts.Chart(
        id="chart-due",
        title=_("Overdue and due soon, by theme"),
        description=_(
            "A bar for each theme showing how many actions are overdue and how many are due "
            "soon. The table after the chart gives the same figures."
        ),
        groups=tuple(
            charts.Group(
                str(row.theme.text("name")),
                (
                    charts.Bar(
                        "",
                        (
                            charts.Segment("overdue", overdue, row.overdue),
                            charts.Segment("due_soon", due_soon, row.due_soon),
                        ),
                    ),
                ),
            )
            for row in dashboard.due_by_theme
        ),
        legend=(
            charts.LegendEntry("overdue", overdue),
            charts.LegendEntry("due_soon", due_soon),
        ),
    )


def lead_name(summary: LeadSummary) -> str:
    if summary.organisation is None:
        return _("No lead organisation recorded")
    return str(summary.organisation.text("name"))


def leads_chart(dashboard: Dashboard) -> charts.Chart:
    words = _words(dashboard)
    return charts.Chart(
        id="chart-leads",
        title=_("RAG status by lead organisation"),
        description=_(
            "A bar for each lead organisation showing how many of its actions were rated red, "
            "amber or green in approved updates in the current reporting period, and how many "
            "have no approved rating. The table after the chart gives these figures and each "
            "organisation's overdue, due soon and completed actions."
        ),
        groups=tuple(
            charts.Group(lead_name(summary), (charts.Bar("", summary.rag.segments(words)),))
            for summary in dashboard.leads
        ),
        legend=_rag_legend(words),
    )
