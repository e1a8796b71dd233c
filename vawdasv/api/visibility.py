"""What each caller may read through the API: the same rules as the pages.

Every queryset here starts from `partnerships.permissions` (`visible_strategies`,
`visible_partnerships`, `reads_everything`), so the API can never show more than the pages do.

Organisations are the one list the pages have no rule for. A caller sees:
- the national public bodies loaded from the reference data (police forces, health boards,
  Welsh Government): their existence is public record and every partnership works with them;
- organisations that belong to a partnership the caller may see;
- organisations named as lead or partner on an action the caller may see, so that every
  organisation an action points to can also be looked up.
Anyone else — for example a specialist provider named only in another partnership's draft plan —
stays hidden, as the draft does. National observers and superusers see every organisation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from vawdasv.outcomes.models import PublishedFigure
from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans import selectors
from vawdasv.plans.models import Action, Commitment, Strategy, Theme

NATIONAL_ORGANISATION_TYPES = (
    OrganisationType.POLICE_FORCE,
    OrganisationType.HEALTH_BOARD,
    OrganisationType.WELSH_GOVERNMENT,
)


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
    organisations = Organisation.objects.order_by("name_en", "pk")
    if permissions.reads_everything(user):
        return organisations
    strategy_ids = _visible_strategy_ids(user)
    in_visible_partnership = Partnership.organisations.through.objects.filter(
        partnership__in=permissions.visible_partnerships(user).order_by().values("pk")
    ).values("organisation_id")
    leads_visible_action = Action.lead_organisations.through.objects.filter(
        action__commitment__theme__strategy__in=strategy_ids
    ).values("organisation_id")
    partners_visible_action = Action.partner_organisations.through.objects.filter(
        action__commitment__theme__strategy__in=strategy_ids
    ).values("organisation_id")
    return organisations.filter(
        Q(organisation_type__in=NATIONAL_ORGANISATION_TYPES)
        | Q(pk__in=in_visible_partnership)
        | Q(pk__in=leads_visible_action)
        | Q(pk__in=partners_visible_action)
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


def published_figures() -> QuerySet[PublishedFigure]:
    """Published figures are public: what publication stored after disclosure control, and
    nothing from returns (approved or not) that has not been published."""
    return PublishedFigure.objects.select_related(
        "publication__indicator__partnership", "category__category_set"
    ).order_by("publication__indicator__partnership__slug", "publication__indicator__code",
               "publication__period_start", "geo_code", "category__category_set__code",
               "category__order")  # fmt: skip
