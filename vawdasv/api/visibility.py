"""What each caller may read through the API: the same rules as the pages.

Every queryset here starts from `partnerships.permissions` (`visible_strategies`,
`visible_partnerships`, `reads_everything`), so the API can never show more than the pages do.

Organisations follow `permissions.visible_organisations`; progress updates follow
`permissions.visible_updates` (drafts are private), exactly as on the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from vawdasv.governance.models import Group, Meeting
from vawdasv.outcomes.models import PublishedFigure
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans import selectors
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress.models import ProgressRound, ProgressUpdate


def _visible_strategy_ids(user: Any) -> QuerySet[Strategy, Any]:
    return permissions.visible_strategies(user).order_by().values("pk")


def partnerships_for(user: Any) -> QuerySet[Partnership]:
    strategies = permissions.visible_strategies(user).order_by("-start_year", "slug")
    return (
        permissions.visible_partnerships(user)
        .select_related("region")
        .prefetch_related(
            Prefetch("strategies", queryset=strategies, to_attr="visible_strategies"),
            Prefetch("local_authorities"),
            Prefetch("organisations"),
        )
        .order_by("name_en", "pk")
    )


def organisations_for(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(permissions.visible_organisations(user)).order_by(
        "name_en", "pk"
    )


def strategies_for(user: Any) -> QuerySet[Strategy]:
    return (
        permissions.visible_strategies(user)
        .annotate(
            theme_count=Count("themes", distinct=True),
            commitment_count=Count("themes__commitments", distinct=True),
            action_count=Count("themes__commitments__actions", distinct=True),
        )
        .order_by("partnership__name_en", "-start_year", "slug")
    )


def themes_for(user: Any) -> QuerySet[Theme]:
    return (
        Theme.objects.filter(strategy__in=_visible_strategy_ids(user))
        .select_related("strategy")
        .annotate(commitment_count=Count("commitments", distinct=True))
        .order_by("strategy__slug", "order", "pk")
    )


def commitments_for(user: Any) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(theme__strategy__in=_visible_strategy_ids(user))
        .select_related("theme__strategy")
        .annotate(action_count=Count("actions", distinct=True))
        .order_by("theme__strategy__slug", "theme__order", "theme_id", "order", "pk")
    )


def actions_for(user: Any) -> QuerySet[Action]:
    """The plan's order: strategy, then theme, commitment and action as written."""
    return (
        selectors.action_queryset()
        .filter(commitment__theme__strategy__in=_visible_strategy_ids(user))
        .order_by(
            "commitment__theme__strategy__slug",
            "commitment__theme__order",
            "commitment__theme_id",
            "commitment__order",
            "commitment_id",
            "order",
            "pk",
        )
    )


# Progress --------------------------------------------------------------------------------------


def rounds_for(user: Any) -> QuerySet[ProgressRound]:
    """Rounds of the partnerships whose progress the caller may read (members, observers)."""
    return (
        ProgressRound.objects.filter(
            permissions.progress_readable(user, "strategy__partnership_id"),
            strategy__in=_visible_strategy_ids(user),
        )
        .select_related("strategy")
        .order_by("strategy__slug", "-period_end", "-period_start", "pk")
    )


def updates_for(user: Any) -> QuerySet[ProgressUpdate]:
    """Updates the caller may see: approved ones to every reader of the partnership's progress,
    the others only to the regional team and the authors' organisation (drafts are private)."""
    return (
        ProgressUpdate.objects.filter(
            permissions.progress_readable(user, "progress_round__strategy__partnership_id"),
            permissions.visible_updates(user),
            progress_round__strategy__in=_visible_strategy_ids(user),
        )
        .select_related("progress_round__strategy", "action")
        .order_by(
            "progress_round__strategy__slug", "-progress_round__period_end", "action_id", "pk"
        )
    )


def _governance(user: Any, queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
    """Governance is for members (and those who read everything), never the public."""
    ids = permissions.governance_partnership_ids(user)
    return queryset if ids is None else queryset.filter(**{f"{path}__in": ids})


def groups_for(user: Any) -> QuerySet[Group]:
    groups = Group.objects.select_related("partnership", "reports_to_body")
    return _governance(user, groups, "partnership_id").order_by("partnership__slug", "pk")


def meetings_for(user: Any) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("group").prefetch_related(
        "decisions", "attendance__seat"
    )
    return _governance(user, meetings, "group__partnership_id").order_by("starts_at", "pk")


def published_figures() -> QuerySet[PublishedFigure]:
    """Published figures are public: what publication stored after disclosure control, and
    nothing from returns (approved or not) that has not been published."""
    return PublishedFigure.objects.select_related(
        "publication__indicator__partnership", "category__category_set"
    ).order_by("publication__indicator__partnership__slug", "publication__indicator__code",
               "publication__period_start", "geo_code", "category__category_set__code",
               "category__order")  # fmt: skip
