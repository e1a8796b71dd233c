"""Reads for progress pages: permission plus fetch, and the rows of the round and My actions."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Organisation
from vawdasv.plans import selectors as plan_selectors
from vawdasv.plans.models import Action, Strategy
from vawdasv.progress.enums import ActionStatus, RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.status import action_statuses


def today() -> datetime.date:
    return datetime.date.today()


# Permission plus fetch -------------------------------------------------------------------


def _require_member(user: Any, strategy: Strategy) -> None:
    """Rounds are the partnership's working papers: members read them, others are refused."""
    if not permissions.can_read_progress(user, strategy.partnership_id):
        raise PermissionDenied


def get_strategy_for_member(user: Any, slug: str) -> Strategy:
    strategy = plan_selectors.get_strategy_for_user(user, slug)
    _require_member(user, strategy)
    return strategy


def get_round_for_user(user: Any, pk: int) -> ProgressRound:
    progress_round = get_object_or_404(
        ProgressRound.objects.select_related("strategy__partnership"), pk=pk
    )
    plan_selectors.get_strategy_for_user(user, progress_round.strategy.slug)
    _require_member(user, progress_round.strategy)
    return progress_round


def get_round_action(progress_round: ProgressRound, action_pk: int) -> Action:
    return get_object_or_404(
        plan_selectors.action_queryset(),
        pk=action_pk,
        commitment__theme__strategy=progress_round.strategy_id,
    )


def get_update_for_user(user: Any, pk: int) -> ProgressUpdate:
    update = get_object_or_404(
        ProgressUpdate.objects.select_related(
            "progress_round__strategy__partnership", "action__commitment__theme", "updated_by"
        ),
        pk=pk,
    )
    get_round_for_user(user, update.progress_round_id)
    if not can_see(user, update):
        raise Http404  # a draft is not there for those who may not see it
    return update


def can_see(user: Any, update: ProgressUpdate) -> bool:
    """`permissions.can_see_update` for one update (its action's leads are read if needed)."""
    return permissions.can_see_update(
        user,
        state=update.state,
        partnership_id=update.progress_round.strategy.partnership_id,
        lead_organisation_ids=[org.pk for org in update.action.lead_organisations.all()],
    )


def visible_update(
    user: Any, progress_round: ProgressRound, action: Action
) -> ProgressUpdate | None:
    """The action's update in the round, if there is one this user may see."""
    return (
        ProgressUpdate.objects.filter(progress_round=progress_round, action=action)
        .filter(permissions.visible_updates(user))
        .first()
    )


def rounds_for(strategy: Strategy) -> QuerySet[ProgressRound]:
    return ProgressRound.objects.filter(strategy=strategy)


# Statuses --------------------------------------------------------------------------------


def _latest_approved_ids(
    action_ids: Iterable[int], before: ProgressRound | None
) -> QuerySet[Any, Any]:
    """The id of each action's most recent approved update, as a subquery.

    Driven from the actions: for each one the database takes the newest approved update
    through the update's action index and stops at the first, so the work per action is a
    short index walk and the rows fetched never grow with the number of rounds.
    """
    candidates = ProgressUpdate.objects.approved().filter(action_id=OuterRef("pk"))
    if before is not None:
        candidates = candidates.filter(progress_round__period_end__lt=before.period_end)
    newest = candidates.order_by(
        "-progress_round__period_end", "-progress_round__period_kind", "-pk"
    ).values("pk")[:1]
    return (
        Action.objects.filter(pk__in=list(action_ids))
        .annotate(latest=Subquery(newest))
        .values("latest")
    )


def latest_approved(
    action_ids: Iterable[int], *, before: ProgressRound | None = None
) -> dict[int, ProgressUpdate]:
    """Each action's most recent approved update, optionally only from rounds ending earlier.

    One query returning at most one update per action: a plan with five years of quarterly
    rounds costs the page what a plan with one round does (issue 9).
    """
    updates = ProgressUpdate.objects.filter(
        pk__in=_latest_approved_ids(action_ids, before)
    ).select_related("progress_round__strategy")  # the RAG tag asks whose words to use
    return {update.action_id: update for update in updates}


def finished_before(action_ids: Iterable[int], progress_round: ProgressRound) -> set[int]:
    """Actions whose latest approved update before the round finished them (one query, ids)."""
    return set(
        ProgressUpdate.objects.filter(pk__in=_latest_approved_ids(action_ids, progress_round))
        .filter(Q(completed=True) | Q(proposed_no_longer_relevant=True))
        .values_list("action_id", flat=True)
    )


def missed_last_closed_round(strategy: Strategy, action_ids: Iterable[int]) -> set[int]:
    """Actions with no approved update in the strategy's most recent closed round."""
    closed = ProgressRound.objects.closed().filter(strategy=strategy)
    last_closed = closed.order_by("-period_end", "-pk").first()
    if last_closed is None:
        return set()
    approved = set(
        last_closed.updates.approved().values_list("action_id", flat=True)  # type: ignore[attr-defined]
    )
    return {pk for pk in action_ids if pk not in approved}


def statuses_for(
    strategy: Strategy,
    actions: list[Action],
    on: datetime.date,
    latest: dict[int, ProgressUpdate] | None = None,
) -> dict[int, list[ActionStatus]]:
    """Each action's statuses; pass `latest` (from latest_approved) when the page has it."""
    ids = [a.pk for a in actions]
    approved = latest_approved(ids) if latest is None else latest
    missed = missed_last_closed_round(strategy, ids)
    result = {}
    for action in actions:
        update = approved.get(action.pk)
        result[action.pk] = action_statuses(
            due_date=action.due_date,
            today=on,
            completed=bool(update and update.completed),
            no_longer_relevant=bool(update and update.proposed_no_longer_relevant),
            missed_closed_round=action.pk in missed,
        )
    return result


# Rows ------------------------------------------------------------------------------------


@dataclass
class ActionRow:
    """One action in a round: its update this round (if any) and last approved one before."""

    progress_round: ProgressRound
    action: Action
    update: ProgressUpdate | None
    previous: ProgressUpdate | None
    statuses: list[ActionStatus] = field(default_factory=list)


def finished_in(earlier: dict[int, ProgressUpdate]) -> set[int]:
    """Actions finished (completed or no longer relevant) by their latest approved update."""
    return {
        pk
        for pk, update in earlier.items()
        if update.completed or update.proposed_no_longer_relevant
    }


def _rows(
    progress_round: ProgressRound, actions: list[Action], on: datetime.date, visible: Q
) -> list[ActionRow]:
    # One fetch of the last approved update before the round serves both questions: which
    # actions were finished earlier (left out), and what each remaining one said last time.
    previous = latest_approved([a.pk for a in actions], before=progress_round)
    finished = finished_in(previous)
    actions = [a for a in actions if a.pk not in finished]
    ids = [a.pk for a in actions]
    updates = {
        u.action_id: u
        for u in progress_round.updates.filter(visible, action_id__in=ids).select_related(  # type: ignore[attr-defined]
            "updated_by"
        )
    }
    statuses = statuses_for(progress_round.strategy, actions, on)
    for pk, update in updates.items():
        if update.state == UpdateState.APPROVED:
            # This round's approved update is the update: "No update" (about the last closed
            # round) beside "Approved" would contradict it.
            statuses[pk] = [s for s in statuses[pk] if s != ActionStatus.NO_UPDATE]
    return [
        ActionRow(progress_round, a, updates.get(a.pk), previous.get(a.pk), statuses[a.pk])
        for a in actions
    ]


def _plan_order(actions: QuerySet[Action]) -> list[Action]:
    return list(
        actions.select_related("commitment__theme")
        .prefetch_related(
            Prefetch("lead_organisations", queryset=Organisation.objects.order_by("name_en"))
        )
        .order_by("commitment__theme__order", "commitment__order", "order", "pk")
        .distinct()
    )


def round_rows(
    progress_round: ProgressRound, viewer: Any, on: datetime.date | None = None
) -> list[ActionRow]:
    """Every action of the plan that this round asks about, in plan order, with the updates
    the viewer may see (an update they may not see is shown as none)."""
    actions = _plan_order(Action.objects.for_strategy(progress_round.strategy))
    return _rows(progress_round, actions, on or today(), permissions.visible_updates(viewer))


def round_rows_for_the_system(
    progress_round: ProgressRound, on: datetime.date | None = None
) -> list[ActionRow]:
    """Every row with every update, drafts included: for decisions the platform makes (who is
    reminded), never for showing to a person."""
    actions = _plan_order(Action.objects.for_strategy(progress_round.strategy))
    return _rows(progress_round, actions, on or today(), Q())


@dataclass
class DeadlineGroup:
    deadline: datetime.date
    rows: list[ActionRow]


def my_actions(user: Any, on: datetime.date | None = None) -> list[DeadlineGroup]:
    """The actions the user's organisation leads that need an update in open rounds.

    Only partnerships where the user is a lead officer or administrator count, and only when
    the user belongs to an organisation. Grouped by round deadline, soonest first.
    """
    organisation_id = getattr(user, "organisation_id", None)
    roles = permissions.roles_of(user)
    partnership_ids = [
        pid for pid, role in roles.items() if role in (Role.LEAD_OFFICER, Role.ADMINISTRATOR)
    ]
    if not organisation_id or not partnership_ids:
        return []
    rounds = (
        ProgressRound.objects.open()
        .filter(strategy__partnership_id__in=partnership_ids)
        .select_related("strategy__partnership")
        .order_by("deadline", "strategy__title_en", "pk")
    )
    groups: dict[datetime.date, list[ActionRow]] = defaultdict(list)
    for progress_round in rounds:
        actions = _plan_order(
            Action.objects.for_strategy(progress_round.strategy).led_by(organisation_id)
        )
        groups[progress_round.deadline].extend(
            _rows(progress_round, actions, on or today(), permissions.visible_updates(user))
        )
    return [DeadlineGroup(deadline, rows) for deadline, rows in groups.items() if rows]


# The review queue ---------------------------------------------------------------------------


QUEUE_ORDER = (
    "progress_round__deadline", "progress_round__strategy_id", "action__commitment__theme__order",
    "action__commitment__order", "action__order", "action_id",
)  # fmt: skip


def review_queue(user: Any) -> list[ProgressUpdate]:
    """Submitted updates in open rounds the user reviews: soonest deadline first, then plan
    order, so the regional team works through them as the lead officers' deadlines fall."""
    return list(
        ProgressUpdate.objects.filter(
            state=UpdateState.SUBMITTED, progress_round__status=RoundStatus.OPEN
        )
        .filter(permissions.rounds_run_by(user, "progress_round__strategy__partnership_id"))
        .select_related("progress_round__strategy", "action__commitment__theme")
        .order_by(*QUEUE_ORDER)
    )


def next_in_queue(user: Any, after: ProgressUpdate) -> ProgressUpdate | None:
    """The update to review after this one: the first still waiting other than it."""
    return next((u for u in review_queue(user) if u.pk != after.pk), None)


# Filters of the round table --------------------------------------------------------------

NOT_STARTED = "not_started"


@dataclass(frozen=True)
class RoundFilters:
    """What the round table is narrowed to: an update state (or not started), an approved RAG,
    a lead organisation, and only overdue actions."""

    state: str = ""
    rag: str = ""
    organisation: int | None = None
    overdue: bool = False

    @property
    def active(self) -> bool:
        return bool(self.state or self.rag or self.organisation or self.overdue)

    def keep(self, row: ActionRow) -> bool:
        state = row.update.state if row.update else NOT_STARTED
        if self.state and state != self.state:
            return False
        if self.rag and not (row.update and row.update.rag == self.rag):
            return False
        if self.organisation and not any(
            org.pk == self.organisation for org in row.action.lead_organisations.all()
        ):
            return False
        return not self.overdue or ActionStatus.OVERDUE in row.statuses


def filter_rows(rows: list[ActionRow], filters: RoundFilters) -> list[ActionRow]:
    return [row for row in rows if filters.keep(row)] if filters.active else rows


@dataclass
class CloseWarning:
    """What closing the round now would leave out of it."""

    no_update: list[Action]
    unsubmitted: list[Action]


def close_warning(progress_round: ProgressRound) -> CloseWarning:
    """Actions with no update at all and drafts never submitted (named, never shown: a draft
    stays private to its writers, but that one exists is what the regional team must know)."""
    rows = round_rows_for_the_system(progress_round)
    return CloseWarning(
        no_update=[row.action for row in rows if row.update is None],
        unsubmitted=[
            row.action
            for row in rows
            if row.update is not None
            and row.update.state == UpdateState.DRAFT
            and row.update.submitted_at is None
        ],
    )
