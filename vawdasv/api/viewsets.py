"""The read-only API under /api/v1/.

Each viewset takes its queryset from `vawdasv.api.visibility`, which asks
`partnerships.permissions`, so a caller reads exactly what the pages would show them: anonymous
callers the published strategies, members their partnership's drafts too, national observers and
superusers everything. Something a caller may not read answers 404, as on the pages, so its
existence is not given away.

Callers authenticate with the session (in a browser) or a personal token
(`Authorization: Token <key>`, created on the profile page).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.serializers import BaseSerializer

from vawdasv.accounts.tokens import HashedTokenAuthentication
from vawdasv.api import conditional, filters, serializers, visibility
from vawdasv.api.errors import BAD_TOKEN, INVALID_FILTER, NOT_FOUND, THROTTLED
from vawdasv.api.pagination import StandardPagination


def _documented(
    serializer: type[BaseSerializer[Any]],
    tag: str,
    list_summary: str,
    detail_summary: str,
    *,
    filtered: bool = True,
) -> Any:
    """Schema for a list + detail pair, with every error status the caller can meet."""
    # Every list takes `modified_since`, so every list can answer 400 whether or not it has
    # filters of its own; `filtered` is kept so existing callers need not change.
    del filtered
    list_responses: dict[int, Any] = {
        200: serializer, 304: conditional.NOT_MODIFIED, 400: INVALID_FILTER, 401: BAD_TOKEN,
        404: NOT_FOUND, 429: THROTTLED,
    }  # fmt: skip
    conditional_headers = [conditional.IF_NONE_MATCH_PARAMETER, conditional.ETAG_HEADER]
    return extend_schema_view(
        list=extend_schema(
            summary=list_summary,
            tags=[tag],
            responses=list_responses,
            parameters=[conditional.MODIFIED_SINCE_PARAMETER, *conditional_headers],
        ),
        retrieve=extend_schema(
            summary=detail_summary,
            tags=[tag],
            responses={
                200: serializer,
                304: conditional.NOT_MODIFIED,
                401: BAD_TOKEN,
                404: NOT_FOUND,
                429: THROTTLED,
            },
            parameters=conditional_headers,
        ),
    )


class ReadOnlyViewSet(conditional.ConditionalMixin, viewsets.ReadOnlyModelViewSet[Any]):
    # Token first: DRF answers a failed sign-in with the first scheme's challenge, so a wrong
    # token gets 401 with `WWW-Authenticate: Token` rather than a bare 403.
    authentication_classes = [HashedTokenAuthentication, SessionAuthentication]
    pagination_class = StandardPagination


@_documented(
    serializers.PartnershipSerializer,
    "partnerships",
    "List partnerships",
    "A partnership, with its visible strategies",
)
class PartnershipViewSet(ReadOnlyViewSet):
    """Partnerships with a published strategy, plus those the caller belongs to."""

    serializer_class = serializers.PartnershipSerializer
    lookup_field = "slug"
    modified_fields = ("updated_at", "strategies__updated_at", "organisations__updated_at")

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.partnerships_for(self.request.user)


@_documented(
    serializers.OrganisationSerializer,
    "organisations",
    "List organisations",
    "An organisation",
)
class OrganisationViewSet(ReadOnlyViewSet):
    """National public bodies, and organisations in partnerships or plans the caller may read."""

    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.organisations_for(self.request.user)


@_documented(
    serializers.StrategySerializer,
    "strategies",
    "List strategies",
    "A strategy, with counts of its themes, commitments and actions",
)
class StrategyViewSet(ReadOnlyViewSet):
    serializer_class = serializers.StrategySerializer
    modified_fields = (
        "updated_at", "partnership__updated_at", "themes__updated_at",
        "themes__commitments__updated_at", "themes__commitments__actions__updated_at",
    )  # fmt: skip
    filterset_class = filters.StrategyFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.strategies_for(self.request.user)


@_documented(serializers.ThemeSerializer, "themes", "List themes", "A theme")
class ThemeViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ThemeSerializer
    modified_fields = ("updated_at", "strategy__updated_at", "commitments__updated_at")
    filterset_class = filters.ThemeFilter

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.themes_for(self.request.user)


@_documented(serializers.CommitmentSerializer, "commitments", "List commitments", "A commitment")
class CommitmentViewSet(ReadOnlyViewSet):
    serializer_class = serializers.CommitmentSerializer
    modified_fields = (
        "updated_at", "theme__updated_at", "theme__strategy__updated_at", "actions__updated_at",
    )  # fmt: skip
    filterset_class = filters.CommitmentFilter

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.commitments_for(self.request.user)


@_documented(serializers.ActionSerializer, "actions", "List actions", "An action")
class ActionViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ActionSerializer
    modified_fields = (
        "updated_at", "commitment__updated_at", "commitment__theme__strategy__updated_at",
        "lead_organisations__updated_at",
        "partner_organisations__updated_at",
    )  # fmt: skip
    filterset_class = filters.ActionFilter

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.actions_for(self.request.user)


@_documented(
    serializers.ProgressRoundSerializer,
    "progress",
    "List progress rounds",
    "A progress round",
)
class ProgressRoundViewSet(ReadOnlyViewSet):
    """Rounds of the partnerships whose progress the caller may read."""

    serializer_class = serializers.ProgressRoundSerializer
    filterset_class = filters.ProgressRoundFilter

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.rounds_for(self.request.user)


@_documented(
    serializers.ProgressUpdateSerializer,
    "progress",
    "List progress updates",
    "A progress update",
)
class ProgressUpdateViewSet(ReadOnlyViewSet):
    """Progress updates under the pages' rules: drafts only to their authors and the regional
    team; everyone else who reads the partnership's progress sees approved updates."""

    serializer_class = serializers.ProgressUpdateSerializer
    filterset_class = filters.ProgressUpdateFilter

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.updates_for(self.request.user)


@_documented(
    serializers.GroupSerializer, "governance", "List groups (members only)",
    "A group, with its reporting line", filtered=False,
)  # fmt: skip
class GroupViewSet(ReadOnlyViewSet):
    serializer_class = serializers.GroupSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.groups_for(self.request.user)


@_documented(
    serializers.MeetingSerializer, "governance", "List meetings (members only)",
    "A meeting, with attendance counts and decisions", filtered=False,
)  # fmt: skip
class MeetingViewSet(ReadOnlyViewSet):
    serializer_class = serializers.MeetingSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.meetings_for(self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="List published indicator figures",
        tags=["outcomes"],
        responses={200: serializers.PublishedFigureSerializer, 401: BAD_TOKEN},
    ),
)
class PublishedFigureViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """Published, disclosure-controlled indicator figures: the same for every caller, as the
    public dashboard. `?partnership=<slug>` and `?indicator=<code>` narrow the list."""

    authentication_classes = [HashedTokenAuthentication, SessionAuthentication]
    pagination_class = StandardPagination
    serializer_class = serializers.PublishedFigureSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        figures = visibility.published_figures()
        partnership = self.request.query_params.get("partnership")
        if partnership:
            figures = figures.filter(publication__indicator__partnership__slug=partnership)
        indicator = self.request.query_params.get("indicator")
        if indicator:
            figures = figures.filter(publication__indicator__code=indicator)
        return figures
