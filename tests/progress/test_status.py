import datetime

from vawdasv.progress import selectors, services
from vawdasv.progress.enums import ActionStatus
from vawdasv.progress.status import action_statuses, due_soon_until

from .conftest import GOOD_UPDATE

D = datetime.date
TODAY = D(2025, 8, 10)  # in 2025/26 Q2; the next quarter ends on 31 December 2025


def test_an_action_past_its_due_date_is_overdue():
    assert action_statuses(due_date=D(2025, 8, 9), today=TODAY) == [ActionStatus.OVERDUE]


def test_an_action_due_today_is_due_soon_not_overdue():
    assert action_statuses(due_date=TODAY, today=TODAY) == [ActionStatus.DUE_SOON]


def test_due_soon_reaches_the_end_of_the_next_quarter_and_no_further():
    assert due_soon_until(TODAY) == D(2025, 12, 31)
    assert action_statuses(due_date=D(2025, 12, 31), today=TODAY) == [ActionStatus.DUE_SOON]
    assert action_statuses(due_date=D(2026, 1, 1), today=TODAY) == []


def test_a_completed_action_is_never_overdue():
    statuses = action_statuses(due_date=D(2025, 1, 1), today=TODAY, completed=True)
    assert statuses == [ActionStatus.COMPLETED]


def test_no_longer_relevant_outranks_everything_else():
    statuses = action_statuses(
        due_date=D(2025, 1, 1), today=TODAY, completed=True, no_longer_relevant=True,
        missed_closed_round=True,
    )  # fmt: skip
    assert statuses == [ActionStatus.NO_LONGER_RELEVANT]


def test_an_overdue_action_missing_from_the_last_round_shows_both():
    statuses = action_statuses(due_date=D(2025, 1, 1), today=TODAY, missed_closed_round=True)
    assert statuses == [ActionStatus.OVERDUE, ActionStatus.NO_UPDATE]


def test_an_ongoing_action_without_a_date_is_never_overdue_or_due_soon():
    assert action_statuses(due_date=None, today=TODAY) == []


def test_a_round_closed_without_an_approved_update_leaves_the_action_with_no_update(
    world, progress_round
):
    services.close_round(actor=world.admin, progress_round=progress_round)
    statuses = selectors.statuses_for(world.strategy, [world.police_action], TODAY)
    assert ActionStatus.NO_UPDATE in statuses[world.police_action.pk]


def test_an_approved_update_saying_complete_marks_the_action_completed(world, progress_round):
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, "completed": True},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update)
    services.close_round(actor=world.admin, progress_round=progress_round)
    statuses = selectors.statuses_for(
        world.strategy, [world.police_action, world.council_action], D(2026, 6, 1)
    )
    assert statuses[world.police_action.pk] == [ActionStatus.COMPLETED]
    assert statuses[world.council_action.pk] == [ActionStatus.OVERDUE, ActionStatus.NO_UPDATE]
