"""Query parameters that narrow the lists.

Filters take the same keys the objects are looked up by (slugs, ids) and never check that the
thing named exists: a slug the caller may not see simply matches nothing, so a filter cannot be
used to discover a draft.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans.enums import StrategyStatus, TimescaleKind
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress.enums import RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

# Ids are positive 64-bit integers; a number beyond that is refused before it reaches the
# database, where SQLite would raise OverflowError (a 500) and PostgreSQL a DataError.
ID_MAX = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAX})
class IdFilter(django_filters.NumberFilter):
    """A whole-number id within range: anything else is a 400, not a silent empty list."""

    field_class = IdField


class OrganisationFilter(django_filters.FilterSet):
    partnership = django_filters.CharFilter(
        method="filter_partnership",
        help_text="Slug of a partnership: its member organisations.",
    )
    organisation_type = django_filters.ChoiceFilter(choices=OrganisationType.choices)

    class Meta:
        model = Organisation
        fields = ["partnership", "organisation_type"]

    def filter_partnership(
        self, queryset: QuerySet[Organisation], name: str, value: str
    ) -> QuerySet[Organisation]:
        # Membership of a partnership the caller may not see is not disclosed. A subquery rather
        # than a join, so no DISTINCT is needed and the order is kept.
        visible = permissions.visible_partnerships(self.request.user).order_by().values("pk")
        members = Partnership.organisations.through.objects.filter(
            partnership__slug=value, partnership__in=visible
        )
        return queryset.filter(pk__in=members.values("organisation_id"))


class StrategyFilter(django_filters.FilterSet):
    partnership = django_filters.CharFilter(
        field_name="partnership__slug", help_text="Slug of a partnership."
    )
    status = django_filters.ChoiceFilter(choices=StrategyStatus.choices)

    class Meta:
        model = Strategy
        fields = ["partnership", "status"]


class ThemeFilter(django_filters.FilterSet):
    strategy = django_filters.CharFilter(
        field_name="strategy__slug", help_text="Slug of a strategy."
    )

    class Meta:
        model = Theme
        fields = ["strategy"]


class CommitmentFilter(django_filters.FilterSet):
    strategy = django_filters.CharFilter(
        field_name="theme__strategy__slug", help_text="Slug of a strategy."
    )
    theme = IdFilter(field_name="theme_id", help_text="Id of a theme.")

    class Meta:
        model = Commitment
        fields = ["strategy", "theme"]


class ActionFilter(django_filters.FilterSet):
    strategy = django_filters.CharFilter(
        field_name="commitment__theme__strategy__slug", help_text="Slug of a strategy."
    )
    theme = IdFilter(field_name="commitment__theme_id", help_text="Id of a theme.")
    commitment = IdFilter(field_name="commitment_id", help_text="Id of a commitment.")
    lead_organisation = django_filters.CharFilter(
        method="filter_lead_organisation",
        help_text="Slug of an organisation: the actions it leads.",
    )
    due_before = django_filters.DateFilter(
        field_name="due_date",
        lookup_expr="lte",
        help_text="Actions due on or before this date (YYYY-MM-DD). Undated actions never match.",
    )
    due_after = django_filters.DateFilter(
        field_name="due_date",
        lookup_expr="gte",
        help_text="Actions due on or after this date (YYYY-MM-DD). Undated actions never match.",
    )
    timescale_kind = django_filters.ChoiceFilter(choices=TimescaleKind.choices)

    class Meta:
        model = Action
        fields = [
            "strategy", "theme", "commitment", "lead_organisation",
            "due_before", "due_after", "timescale_kind",
        ]  # fmt: skip

    def filter_lead_organisation(
        self, queryset: QuerySet[Action], name: str, value: str
    ) -> QuerySet[Action]:
        led = Action.lead_organisations.through.objects.filter(organisation__slug=value)
        return queryset.filter(pk__in=led.values("action_id"))


class ProgressRoundFilter(django_filters.FilterSet):
    strategy = django_filters.CharFilter(
        field_name="strategy__slug", help_text="Slug of a strategy."
    )
    status = django_filters.ChoiceFilter(choices=RoundStatus.choices)

    class Meta:
        model = ProgressRound
        fields = ["strategy", "status"]


class ProgressUpdateFilter(django_filters.FilterSet):
    strategy = django_filters.CharFilter(
        field_name="progress_round__strategy__slug", help_text="Slug of a strategy."
    )
    round = IdFilter(field_name="progress_round_id", help_text="Id of a progress round.")
    action = IdFilter(field_name="action_id", help_text="Id of an action.")
    status = django_filters.ChoiceFilter(
        field_name="state", choices=UpdateState.choices, help_text="State of the update."
    )
    latest_approved = django_filters.BooleanFilter(
        method="filter_latest_approved",
        help_text="true: only each action's latest approved update (its current reported status).",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["strategy", "round", "action", "status", "latest_approved"]

    def filter_latest_approved(
        self, queryset: QuerySet[ProgressUpdate], name: str, value: bool | None
    ) -> QuerySet[ProgressUpdate]:
        if not value:
            return queryset
        later = ProgressUpdate.objects.approved().filter(
            Q(progress_round__period_end__gt=OuterRef("progress_round__period_end"))
            | Q(
                progress_round__period_end=OuterRef("progress_round__period_end"),
                pk__gt=OuterRef("pk"),
            ),
            action_id=OuterRef("action_id"),
        )
        return queryset.filter(state=UpdateState.APPROVED).exclude(Exists(later))
