"""The all-Wales roll-up: regions' actions aligned to each item of a national framework.

Counts only approved updates, judged at the end of the chosen financial year (the latest
approved update from a round ending by then), of the strategies the user's roll-up counts
(`permissions.all_wales_strategies`). A region with no approved update in a round of the year
shows "no report", never zero. The number of queries does not depend on the data's size.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Min, OuterRef, Q, QuerySet, Subquery

from vawdasv.audit.models import AuditEntry
from vawdasv.national.forms import LeadKind
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Action, Strategy
from vawdasv.progress.public import ProgressRound, ProgressUpdate, RagStatus, UpdateState
from vawdasv.reference.models import Framework, FrameworkItem


def financial_year(day: datetime.date) -> int:
    """The first calendar year of the Welsh financial year (April to March) holding `day`."""
    return day.year if day.month >= 4 else day.year - 1


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def year_label(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


def years_with_rounds(strategies: QuerySet[Strategy]) -> list[int]:
    span = ProgressRound.objects.filter(strategy__in=strategies).aggregate(
        first=Min("period_start"), last=Max("period_end")
    )
    if span["first"] is None:
        return [financial_year(datetime.date.today())]
    return list(range(financial_year(span["first"]), financial_year(span["last"]) + 1))[::-1]


@dataclass(frozen=True)
class Scope:
    """What the user asked for, already checked against what they may read."""

    framework: Framework
    year: int
    partnerships: list[Partnership]
    strategies: QuerySet[Strategy]
    lead: str = ""
    theme: str = ""

    @property
    def bounds(self) -> tuple[datetime.date, datetime.date]:
        return year_bounds(self.year)

    @property
    def label(self) -> str:
        return year_label(self.year)


@dataclass
class Cell:
    actions: int = 0
    red: int = 0
    amber: int = 0
    green: int = 0
    completed: int = 0
    overdue: int = 0
    reported: bool = True
    partnership: Partnership | None = None

    @property
    def rated(self) -> int:
        return self.red + self.amber + self.green

    @property
    def percent_green(self) -> int | None:
        """Green as a share of all aligned actions (an action without a rating is not green);
        None when none is rated, so "not rated" never reads as 0%."""
        return round(100 * self.green / self.actions) if self.rated else None

    @property
    def band(self) -> str:
        """A heat-map band for the second view (the number is always printed too)."""
        if not self.reported:
            return "none"
        percent = self.percent_green
        if percent is None:
            return "unrated"
        return str(min(percent // 25, 3))

    def add(self, rag: str, completed: bool, overdue: bool) -> None:
        self.actions += 1
        if rag == RagStatus.RED:
            self.red += 1
        elif rag == RagStatus.AMBER:
            self.amber += 1
        elif rag == RagStatus.GREEN:
            self.green += 1
        self.completed += int(completed)
        self.overdue += int(overdue)


@dataclass
class Line:
    item: FrameworkItem
    cells: list[Cell]
    total: Cell = field(default_factory=Cell)


@dataclass
class RollUp:
    scope: Scope
    lines: list[Line]
    reported: set[int]


def _latest(end: datetime.date, column: str) -> Subquery:
    latest = (
        ProgressUpdate.objects.filter(
            action_id=OuterRef("action_id"),
            state=UpdateState.APPROVED,
            progress_round__period_end__lte=end,
        )
        .order_by("-progress_round__period_end", "-progress_round__period_kind", "-pk")
        .values(column)[:1]
    )
    return Subquery(latest)


CHUNK = 5000


def aligned_actions(scope: Scope, items: list[FrameworkItem] | None = None) -> list[dict[str, Any]]:
    """One row per (action, framework item) aligned, with the action's latest approved RAG and
    completion at the period end. Filters by lead organisation type and theme wording."""
    end = scope.bounds[1]
    through = Action.alignments.through
    rows = through.objects.filter(
        action__commitment__theme__strategy__in=scope.strategies,
        action__commitment__theme__strategy__partnership__in=scope.partnerships,
    )
    rows = (
        rows.filter(frameworkitem__in=items)
        if items
        else rows.filter(frameworkitem__framework=scope.framework)
    )
    if scope.lead in LeadKind.TYPES:
        leading = Action.objects.filter(
            lead_organisations__organisation_type__in=LeadKind.TYPES[scope.lead]
        )
        rows = rows.filter(action__in=leading.values("pk"))
    if scope.theme:
        rows = rows.filter(
            Q(action__commitment__theme__name_en__icontains=scope.theme)
            | Q(action__commitment__theme__name_cy__icontains=scope.theme)
        )
    # One correlated subquery (the latest update's id), then that update's facts in one query:
    # half the work of a subquery per column.
    annotated = rows.annotate(latest=_latest(end, "pk"))
    # The stubs cannot see fields added by annotate() on the auto-created through model.
    found = list(
        annotated.values(  # type: ignore[misc]
            "action_id",
            "frameworkitem_id",
            "action__commitment__theme__strategy__partnership_id",
            "action__due_date",
            "latest",
        )
    )
    latest_ids = sorted({row["latest"] for row in found if row["latest"]})
    facts: dict[int, tuple[str, bool]] = {}
    # In chunks: SQLite limits the parameters of one statement. The count of queries grows
    # only by one per 5,000 aligned actions.
    for start in range(0, len(latest_ids), CHUNK):
        chunk = latest_ids[start : start + CHUNK]
        facts.update(
            (pk, (rag, completed))
            for pk, rag, completed in ProgressUpdate.objects.filter(pk__in=chunk).values_list(
                "pk", "rag", "completed"
            )
        )
    for row in found:
        row["rag"], row["done"] = facts.get(row["latest"], ("", False))
    return found


def reported_partnerships(scope: Scope) -> set[int]:
    """Partnerships with at least one approved update in a round that ends within the year."""
    start, end = scope.bounds
    return set(
        ProgressUpdate.objects.filter(
            state=UpdateState.APPROVED,
            progress_round__strategy__in=scope.strategies,
            progress_round__period_end__gte=start,
            progress_round__period_end__lte=end,
        )
        .values_list("progress_round__strategy__partnership_id", flat=True)
        .distinct()
    )


def overdue_on(scope: Scope) -> datetime.date:
    """Overdue is judged at the period end, or today while the period is still running."""
    return min(scope.bounds[1], datetime.date.today())


CACHE_SECONDS = 10 * 60


def cache_key(scope: Scope) -> str:
    """Everything the roll-up depends on. Every write to plans, alignments, rounds and updates
    goes through a service that records an audit entry, so the newest entry's id moves whenever
    a figure could; today's date is in the key because overdue is judged against it."""
    newest = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    parts = (
        scope.framework.pk, scope.year, tuple(p.pk for p in scope.partnerships),
        str(scope.strategies.query), scope.lead, scope.theme, datetime.date.today(), newest,
    )  # fmt: skip
    return "national-rollup:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def page_key(reader: str, query: str, language: str) -> str:
    """The all-Wales page for a kind of reader (`permissions.all_wales_reader`), a query string
    and a language, known without working out the scope: the same dependencies as `cache_key`
    (the newest audit entry, today), read in one small query."""
    newest = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    parts = (reader, query, language, datetime.date.today(), newest)
    return "national-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def roll_up(scope: Scope) -> RollUp:
    """The roll-up, from the cache when nothing it depends on has changed (see cache_key)."""
    key = cache_key(scope)
    cached = cache.get(key)
    if isinstance(cached, RollUp):
        return cached
    result = compute_roll_up(scope)
    cache.set(key, result, CACHE_SECONDS)
    return result


def compute_roll_up(scope: Scope) -> RollUp:
    items = list(scope.framework.items.all())
    reported = reported_partnerships(scope)
    column = {p.pk: index for index, p in enumerate(scope.partnerships)}
    lines = {
        item.pk: Line(
            item, [Cell(reported=p.pk in reported, partnership=p) for p in scope.partnerships]
        )
        for item in items
    }
    judged = overdue_on(scope)
    for row in aligned_actions(scope):
        line = lines[row["frameworkitem_id"]]
        completed = bool(row["done"])
        due = row["action__due_date"]
        overdue = bool(due and due < judged and not completed)
        cell = line.cells[column[row["action__commitment__theme__strategy__partnership_id"]]]
        cell.add(row["rag"] or "", completed, overdue)
        line.total.add(row["rag"] or "", completed, overdue)
    return RollUp(scope=scope, lines=[lines[item.pk] for item in items], reported=reported)


def scope_for(
    user: Any,
    *,
    framework: Framework | None,
    year: int | None,
    region: Partnership | None,
    lead: str = "",
    theme: str = "",
) -> Scope:
    strategies = permissions.all_wales_strategies(user)
    partnerships = list(permissions.all_wales_partnerships(user).select_related("region"))
    if region is not None:
        partnerships = [p for p in partnerships if p.pk == region.pk]
    # The filter form offers only years with rounds; callers such as the report may ask any year.
    chosen = year if year is not None else years_with_rounds(strategies)[0]
    framework = framework or default_framework()
    return Scope(framework, chosen, partnerships, strategies, lead, theme)


def default_framework() -> Framework:
    """The current national strategy's objectives when loaded, otherwise the first framework."""
    framework = Framework.objects.filter(slug__startswith="national-strategy-2022").first()
    return framework or Framework.objects.first() or Framework(name_en="")


@dataclass
class DrillRow:
    action: Action
    rag: str
    completed: bool
    overdue: bool
    narrative: ProgressUpdate | None


def drill_down(scope: Scope, item: FrameworkItem, partnership: Partnership) -> list[DrillRow]:
    """The actions of one region aligned to one item, with their latest approved update."""
    narrow = Scope(
        scope.framework, scope.year, [partnership], scope.strategies, scope.lead, scope.theme
    )
    rows = aligned_actions(narrow, [item])
    ids = [row["action_id"] for row in rows]
    actions = Action.objects.select_related("commitment__theme__strategy").in_bulk(ids)
    end = scope.bounds[1]
    updates = {
        u.action_id: u
        for u in ProgressUpdate.objects.filter(
            action_id__in=ids, state=UpdateState.APPROVED, progress_round__period_end__lte=end
        )
        .select_related("progress_round")
        .order_by("progress_round__period_end", "progress_round__period_kind", "pk")
    }
    judged = overdue_on(scope)
    result = []
    for row in rows:
        action = actions[row["action_id"]]
        done = bool(row["done"])
        due = action.due_date
        result.append(
            DrillRow(
                action,
                row["rag"] or "",
                done,
                bool(due and due < judged and not done),
                updates.get(action.pk),
            )
        )
    result.sort(
        key=lambda r: (
            r.action.commitment.theme.order,
            r.action.commitment.order,
            r.action.order,
            r.action.pk,
        )
    )
    return result
