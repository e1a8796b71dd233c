"""Who may see and change what. Every view, form, API call and service asks here.

Rules:
- Anyone, signed in or not, may read a published strategy.
- Members of a partnership (any role) read all of its strategies, drafts included; national
  observers (Welsh Government) and superusers read every partnership's.
- Administrators of a partnership (the regional team) create and edit its strategies, themes,
  commitments and actions.
- A lead officer edits the actions their organisation leads, nothing else.
- Board members read.
- Governance (groups, meetings, minutes, decisions, action logs): members read; administrators
  record and change them. Draft minutes are for members only; the public never sees them.
- Progress rounds: administrators open, close and reopen them and review updates; a lead officer
  writes the progress updates of the actions their organisation leads; members read them.

Layering (checked by `lint-imports`): this module sits in partnerships, below every domain app,
yet judges their objects. So it imports no domain model at run time: rules read attributes of
the objects they are given (annotated under TYPE_CHECKING), compare statuses from `<app>/enums.py`
(leaf modules any layer may import), build Q objects, and start a query on another app's model
only through `apps.get_model`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Q, QuerySet

from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Membership, Partnership
from vawdasv.plans.enums import StrategyStatus

if TYPE_CHECKING:
    from vawdasv.plans.models import Action, Strategy

_CACHE_ATTR = "_vawdasv_roles"


def roles_of(user: Any) -> dict[int, str]:
    """partnership id → role for a user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("partnership_id", "role"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def role_in(user: Any, partnership_id: int) -> str | None:
    return roles_of(user).get(partnership_id)


def reads_everything(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or getattr(user, "national_observer", False))
    )


def is_member(user: Any, partnership_id: int) -> bool:
    return reads_everything(user) or role_in(user, partnership_id) is not None


def can_view_strategy(user: Any, strategy: Strategy) -> bool:
    return strategy.status == StrategyStatus.PUBLISHED or is_member(user, strategy.partnership_id)


def can_manage_plans(user: Any, partnership_id: int) -> bool:
    """Create and edit strategies, themes, commitments and every action of the partnership."""
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return True
    return role_in(user, partnership_id) == Role.ADMINISTRATOR


def can_edit_action(user: Any, action: Action, partnership_id: int | None = None) -> bool:
    pid = (
        partnership_id
        if partnership_id is not None
        else action.commitment.theme.strategy.partnership_id
    )
    if can_manage_plans(user, pid):
        return True
    if role_in(user, pid) != Role.LEAD_OFFICER or not user.organisation_id:
        return False
    return any(org.pk == user.organisation_id for org in action.lead_organisations.all())


def can_run_rounds(user: Any, partnership_id: int) -> bool:
    """Open, close and reopen progress rounds and approve or return updates (regional team)."""
    return can_manage_plans(user, partnership_id)


def can_rename_rag_labels(user: Any, partnership_id: int) -> bool:
    """Rename the partnership's RAG ratings: its administrators, as the words reach every report."""
    return can_manage_plans(user, partnership_id)


def can_write_update(user: Any, action: Action, partnership_id: int | None = None) -> bool:
    """Write an action's progress update: the same people who may edit the action itself."""
    return can_edit_action(user, action, partnership_id)


def can_view_governance(user: Any, partnership_id: int) -> bool:
    """Read a partnership's groups, meetings, attendance, decisions and minutes (drafts too):
    its members, national observers and superusers."""
    return is_member(user, partnership_id)


def can_manage_governance(user: Any, partnership_id: int) -> bool:
    """Record groups, seats, meetings, attendance, minutes, decisions and action logs, and
    approve minutes: the regional team, who service the partnership's groups."""
    return can_manage_plans(user, partnership_id)


def can_apply_decision_to_plan(user: Any, partnership_id: int) -> bool:
    """Change a plan action because a meeting decided so: only someone who may both record the
    decision and change every action of the plan (the regional team)."""
    return can_manage_governance(user, partnership_id) and can_manage_plans(user, partnership_id)


def can_have_calendar_feed(user: Any) -> bool:
    """Keep a private calendar address for one's own meetings: anyone signed in who reads some
    partnership's governance (a member, a national observer, a superuser)."""
    return bool(roles_of(user)) or reads_everything(user)


def governance_partnership_ids(user: Any) -> list[int] | None:
    """Partnerships whose governance records the user reads; None means every partnership."""
    if reads_everything(user):
        return None
    return list(roles_of(user))


def visible_strategies(user: Any) -> QuerySet[Strategy]:
    strategy_model: type[Strategy] = apps.get_model("plans", "Strategy")
    strategies = strategy_model.objects.select_related("partnership")
    if reads_everything(user):
        return strategies
    return strategies.filter(
        Q(status=StrategyStatus.PUBLISHED) | Q(partnership_id__in=list(roles_of(user)))
    )


def visible_partnerships(user: Any) -> QuerySet[Partnership]:
    """Partnerships with something this user may read (a published strategy or membership)."""
    if reads_everything(user):
        return Partnership.objects.all()
    return Partnership.objects.filter(
        Q(strategies__status=StrategyStatus.PUBLISHED) | Q(pk__in=list(roles_of(user)))
    ).distinct()
