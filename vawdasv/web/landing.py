"""Where each person lands after signing in, and what the navigation offers them.

The regional team lands on what needs their attention; a lead officer on the updates due from
them; a board member on their partnership's latest plan dashboard (with its report); a Welsh
Government observer on the list of partnerships. Anyone else on the home page.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import Case, When
from django.urls import reverse

from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import Role
from vawdasv.plans.enums import StrategyStatus


def landing_url(user: Any) -> str:
    if user.is_superuser or permissions.administers_any(user):
        return reverse("core:attention")
    if permissions.leads_actions(user):
        return reverse("progress:my-actions")
    boards = [pid for pid, role in permissions.roles_of(user).items() if role == Role.BOARD_MEMBER]
    if boards:
        # The latest plan, a published one before any still in draft.
        strategy = (
            permissions.visible_strategies(user)
            .filter(partnership_id__in=boards)
            .order_by(
                Case(When(status=StrategyStatus.PUBLISHED, then=0), default=1),
                "-start_year",
                "-pk",
            )
            .first()
        )
        if strategy is not None:
            return reverse("progress:dashboard", args=[strategy.slug])
    if getattr(user, "national_observer", False):
        return reverse("partnerships:list")
    return reverse("core:home")


class Navigation:
    """The navigation items a person may use, worked out only when a page asks."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def my_actions(self) -> bool:
        return permissions.leads_actions(self.user)

    @cached_property
    def attention(self) -> bool:
        return bool(self.user.is_superuser or permissions.administers_any(self.user))

    @cached_property
    def partnerships(self) -> bool:
        return permissions.reads_everything(self.user)
