"""Nobody is left out: lead organisations with actions but nobody who can update them.

An organisation leading actions in a current plan needs at least one active lead officer in the
partnership (an active account with an active lead officer membership); otherwise nobody is
reminded and nobody writes its progress updates. The regional team sees these organisations on
its home page, the dashboard, a page of their own, and when opening a round.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count

from vawdasv.accounts.models import User
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans.models import Action, Strategy


@dataclass(frozen=True)
class Uncovered:
    organisation: Organisation
    actions: int
    is_member: bool  # a member organisation can be invited into straight away


def organisations_with_lead_officers(partnership_id: int, *, reachable: bool = False) -> set[int]:
    """Organisations with an active lead officer in the partnership (with an email address,
    when `reachable`: someone a reminder can actually be sent to)."""
    people = User.objects.filter(
        is_active=True,
        organisation__isnull=False,
        memberships__partnership_id=partnership_id,
        memberships__role=Role.LEAD_OFFICER,
        memberships__active=True,
    )
    if reachable:
        people = people.exclude(email="")
    return set(people.values_list("organisation_id", flat=True))


def without_lead_officer(
    partnership: Partnership, strategy: Strategy | None = None, today: datetime.date | None = None
) -> list[Uncovered]:
    """Lead organisations of the strategy's actions (or of the partnership's current plans)
    that have no active lead officer, with how many actions each leads."""
    if strategy is not None:
        actions = Action.objects.for_strategy(strategy)
    else:
        year = (today or datetime.date.today()).year
        actions = Action.objects.filter(
            commitment__theme__strategy__partnership=partnership,
            commitment__theme__strategy__end_year__gte=year,
        )
    covered = organisations_with_lead_officers(partnership.pk)
    members = set(partnership.organisations.values_list("pk", flat=True))
    # The filter comes before the count, so only this plan's actions are counted.
    leading = (
        Organisation.objects.filter(led_actions__in=actions.values("pk"))
        .exclude(pk__in=covered)
        .annotate(action_count=Count("led_actions", distinct=True))
        .order_by("name_en")
    )
    return [Uncovered(org, org.action_count, org.pk in members) for org in leading]
