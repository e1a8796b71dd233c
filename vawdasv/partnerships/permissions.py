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


def can_have_api_tokens(user: Any) -> bool:
    """Any active, signed-in person may hold personal API tokens (they read as that person)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_revoke_api_token(user: Any, token: Any) -> bool:
    """A token's owner may revoke it; so may a superuser (a token that has leaked)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(token.user_id == user.pk or user.is_superuser)


def can_grant_privileges(user: Any) -> bool:
    """Only a superuser changes who is staff, superuser, national observer or active, and
    partnership roles in the Django admin (always audited)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def has_administrative_powers(user: Any) -> bool:
    """Superusers, staff and any partnership's administrators: their sessions end sooner."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return Role.ADMINISTRATOR in roles_of(user).values()


def must_leave_own_update_to_another(user: Any, partnership_id: int) -> bool:
    """An administrator may not approve a progress update they wrote while the partnership has
    another administrator who can. A sole administrator may; the approval is then recorded as
    self-approved (progress/self_approval.py)."""
    admins = Membership.objects.filter(
        partnership_id=partnership_id, role=Role.ADMINISTRATOR, user__is_active=True
    )
    others = admins.exclude(user_id=user.pk) if getattr(user, "pk", None) else admins
    return others.exists()


# Safeguarding reviews (reviews app). Reports are published and anonymised, yet the learning
# drawn from them is the panel's working material, so reading is narrower than for plans.

_PANEL_CACHE_ATTR = "_vawdasv_learning_panels"


def learning_panels_of(user: Any) -> set[int]:
    """Ids of the partnerships whose safeguarding learning panel this user sits on (cached on
    the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, _PANEL_CACHE_ATTR, None)
    if cached is None:
        seat_model = apps.get_model("reviews", "LearningPanelMember")
        cached = set(seat_model.objects.filter(user=user).values_list("partnership_id", flat=True))
        setattr(user, _PANEL_CACHE_ATTR, cached)
    return cached


def forget_learning_panels(user: Any) -> None:
    if hasattr(user, _PANEL_CACHE_ATTR):
        delattr(user, _PANEL_CACHE_ATTR)


def can_read_reviews_in_full(user: Any, partnership_id: int) -> bool:
    """Every review of the partnership, with its text, codes and recommendations: its learning
    panel, its administrators and superusers. National observers and other members see only what
    the partnership shows to everyone."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or partnership_id in learning_panels_of(user):
        return True
    return role_in(user, partnership_id) == Role.ADMINISTRATOR


def can_manage_reviews(user: Any, partnership_id: int) -> bool:
    """Record reviews, upload their reports, code them and keep their recommendations: the same
    people who read them in full."""
    return can_read_reviews_in_full(user, partnership_id)


def can_view_review(user: Any, review: Any) -> bool:
    """A review the partnership shows to everyone (its summary and recommendation status), or
    any of its reviews for those who read them in full."""
    return bool(review.shared) or can_read_reviews_in_full(user, review.partnership_id)


def visible_reviews_filter(user: Any) -> Q:
    """The reviews this user may see, as a filter on the Review model."""
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return Q()
    full = {pid for pid, role in roles_of(user).items() if role == Role.ADMINISTRATOR}
    full |= learning_panels_of(user)
    return Q(shared=True) | Q(partnership_id__in=sorted(full))


def can_edit_codebook(user: Any) -> bool:
    """The codebook is shared by every partnership: any learning panel member or a superuser
    edits it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or learning_panels_of(user))


def can_update_recommendation(user: Any, recommendation: Any, partnership_id: int) -> bool:
    """Write an update on a review's recommendation: those who manage the partnership's reviews,
    or a lead officer of the organisation that owns the recommendation."""
    if can_manage_reviews(user, partnership_id):
        return True
    if role_in(user, partnership_id) != Role.LEAD_OFFICER:
        return False
    owner = recommendation.owner_organisation_id
    return owner is not None and owner == getattr(user, "organisation_id", None)


def can_seat_learning_panel(user: Any, partnership_id: int) -> bool:
    """Add and remove learning panel members: the partnership's administrators."""
    return can_manage_plans(user, partnership_id)
