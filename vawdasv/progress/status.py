"""The status of an action as the board sees it, worked out from dates and approved updates.

Nothing here is stored: it is computed whenever it is shown, so it can never go stale.
"""

from __future__ import annotations

import datetime

from vawdasv.progress.enums import ActionStatus
from vawdasv.progress.periods import next_quarter, quarter_containing


def due_soon_until(today: datetime.date) -> datetime.date:
    """ "Due soon" means due by the end of the next reporting quarter (the one after this)."""
    return next_quarter(quarter_containing(today)).end


def action_statuses(
    *,
    due_date: datetime.date | None,
    today: datetime.date,
    completed: bool = False,
    no_longer_relevant: bool = False,
    missed_closed_round: bool = False,
) -> list[ActionStatus]:
    """The statuses that apply, most important first.

    - no longer relevant / completed: from the latest approved update; either ends the story.
    - overdue: the due date has passed and the action is not complete.
    - due soon: due between today and the end of the next quarter.
    - no update: the latest closed round closed without an approved update for this action.
    """
    if no_longer_relevant:
        return [ActionStatus.NO_LONGER_RELEVANT]
    if completed:
        return [ActionStatus.COMPLETED]
    statuses: list[ActionStatus] = []
    if due_date is not None:
        if due_date < today:
            statuses.append(ActionStatus.OVERDUE)
        elif due_date <= due_soon_until(today):
            statuses.append(ActionStatus.DUE_SOON)
    if missed_closed_round:
        statuses.append(ActionStatus.NO_UPDATE)
    return statuses
