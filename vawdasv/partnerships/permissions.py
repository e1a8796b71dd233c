"""Who may see and change what. Every view, form, API call and service asks here.

Rules:
- Anyone, signed in or not, may read a published strategy.
- Members of a partnership (any role) read all of its strategies, drafts included; national
  observers (Welsh Government) and superusers read every partnership's.
- Administrators of a partnership (the regional team) create and edit its strategies, themes,
  commitments and actions.
- A lead officer edits the actions their organisation leads, nothing else.
- Board members read.
- Progress rounds: administrators open, close and reopen them and review updates; a lead officer
  writes the progress updates of the actions their organisation leads; members read them.
- Outcomes: administrators define the framework (measures, indicators, denominators, targets),
  open data returns and approve, return or reopen them; the supplier's lead officers enter and
  submit their organisation's returns; members and national observers read the dashboard;
  administrators publish figures, which anyone may then read (disclosure-controlled).

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

from vawdasv.outcomes.enums import ReturnState
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Membership, Partnership
from vawdasv.plans.enums import StrategyStatus

if TYPE_CHECKING:
    from vawdasv.outcomes.models import DataReturn
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


def can_manage_outcomes(user: Any, partnership_id: int) -> bool:
    """Define the outcomes framework and open, approve, return and reopen data returns: the
    partnership's administrators (the regional team)."""
    return can_manage_plans(user, partnership_id)


def can_view_outcomes(user: Any, partnership_id: int) -> bool:
    """Read the framework, the returns and the dashboard of unpublished figures: members of the
    partnership and national observers. The public sees only published figures."""
    return is_member(user, partnership_id)


def is_return_supplier(user: Any, data_return: DataReturn) -> bool:
    """A lead officer of the partnership who works for the organisation supplying the return."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.organisation_id
        and user.organisation_id == data_return.supplier_id
        and role_in(user, data_return.partnership_id) == Role.LEAD_OFFICER
    )


def can_view_return(user: Any, data_return: DataReturn) -> bool:
    """See a return and its values: members of its partnership and national observers."""
    return can_view_outcomes(user, data_return.partnership_id)


def can_enter_return(user: Any, data_return: DataReturn) -> bool:
    """Enter, upload and submit a return's values while it is open (not submitted or approved):
    the supplier's lead officers, or the regional team on their behalf."""
    if data_return.state not in (ReturnState.NOT_STARTED, ReturnState.DRAFT, ReturnState.RETURNED):
        return False
    return can_manage_outcomes(user, data_return.partnership_id) or is_return_supplier(
        user, data_return
    )


def can_review_return(user: Any, data_return: DataReturn) -> bool:
    """Approve (locking the values), return or reopen a return: the regional team."""
    return can_manage_outcomes(user, data_return.partnership_id)


def can_publish_outcomes(user: Any, partnership_id: int) -> bool:
    """Publish approved figures (after disclosure control) and set the suppression threshold:
    the partnership's administrators."""
    return can_manage_outcomes(user, partnership_id)


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
