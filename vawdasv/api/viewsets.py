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
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.serializers import BaseSerializer

from vawdasv.api import filters, serializers, visibility
from vawdasv.api.errors import BAD_TOKEN, INVALID_FILTER, NOT_FOUND
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
    list_responses: dict[int, Any] = {200: serializer, 401: BAD_TOKEN, 404: NOT_FOUND}
    if filtered:
        list_responses[400] = INVALID_FILTER
    return extend_schema_view(
        list=extend_schema(summary=list_summary, tags=[tag], responses=list_responses),
        retrieve=extend_schema(
            summary=detail_summary,
            tags=[tag],
            responses={200: serializer, 401: BAD_TOKEN, 404: NOT_FOUND},
        ),
    )


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    # Token first: DRF answers a failed sign-in with the first scheme's challenge, so a wrong
    # token gets 401 with `WWW-Authenticate: Token` rather than a bare 403.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    pagination_class = StandardPagination


@_documented(
    serializers.PartnershipSerializer,
    "partnerships",
    "List partnerships",
    "A partnership, with its visible strategies",
    filtered=False,
)
class PartnershipViewSet(ReadOnlyViewSet):
    """Partnerships with a published strategy, plus those the caller belongs to."""

    serializer_class = serializers.PartnershipSerializer
    lookup_field = "slug"

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
    filterset_class = filters.StrategyFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.strategies_for(self.request.user)


@_documented(serializers.ThemeSerializer, "themes", "List themes", "A theme")
class ThemeViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ThemeSerializer
    filterset_class = filters.ThemeFilter

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.themes_for(self.request.user)


@_documented(serializers.CommitmentSerializer, "commitments", "List commitments", "A commitment")
class CommitmentViewSet(ReadOnlyViewSet):
    serializer_class = serializers.CommitmentSerializer
    filterset_class = filters.CommitmentFilter

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.commitments_for(self.request.user)


@_documented(serializers.ActionSerializer, "actions", "List actions", "An action")
class ActionViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ActionSerializer
    filterset_class = filters.ActionFilter

    def get_queryset(self) -> QuerySet[Any]:
        return visibility.actions_for(self.request.user)


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

    authentication_classes = [TokenAuthentication, SessionAuthentication]
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
