"""What needs the regional team's attention, for each partnership a person administers.

Updates waiting for review, rounds whose deadline has passed with updates still missing, rounds
closing soon, lead organisations without a lead officer and direct edits by lead officers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Partnership
from vawdasv.plans import coverage
from vawdasv.plans.models import Action
from vawdasv.progress.enums import UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

CLOSING_SOON_DAYS = 14


@dataclass
class RoundGap:
    progress_round: ProgressRound
    missing: int  # actions with nothing submitted or approved yet


@dataclass
class PartnershipAttention:
    partnership: Partnership
    to_review: list[ProgressUpdate] = field(default_factory=list)
    overdue: list[RoundGap] = field(default_factory=list)
    closing_soon: list[RoundGap] = field(default_factory=list)
    without_lead_officer: list[coverage.Uncovered] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.to_review or self.overdue or self.closing_soon or self.without_lead_officer
        )


def _gap(progress_round: ProgressRound) -> RoundGap:
    actions = Action.objects.for_strategy(progress_round.strategy).count()
    done = progress_round.updates.filter(
        state__in=(UpdateState.SUBMITTED, UpdateState.APPROVED)
    ).count()
    return RoundGap(progress_round, max(actions - done, 0))


def for_user(user: Any, today: datetime.date | None = None) -> list[PartnershipAttention]:
    today = today or datetime.date.today()
    administered = [
        pid for pid, role in permissions.roles_of(user).items() if role == Role.ADMINISTRATOR
    ]
    partnerships = Partnership.objects.filter(pk__in=administered).order_by("name_en")
    result = []
    for partnership in partnerships:
        item = PartnershipAttention(partnership)
        item.to_review = list(
            ProgressUpdate.objects.filter(
                state=UpdateState.SUBMITTED, progress_round__strategy__partnership=partnership
            )
            .select_related("action", "progress_round")
            .order_by("submitted_at", "pk")
        )
        rounds = ProgressRound.objects.open().filter(strategy__partnership=partnership)
        rounds = rounds.select_related("strategy")
        for progress_round in rounds.order_by("deadline", "pk"):
            gap = _gap(progress_round)
            if progress_round.deadline < today and gap.missing:
                item.overdue.append(gap)
            elif progress_round.deadline <= today + datetime.timedelta(days=CLOSING_SOON_DAYS):
                item.closing_soon.append(gap)
        item.without_lead_officer = coverage.without_lead_officer(partnership, today=today)
        result.append(item)
    return result
