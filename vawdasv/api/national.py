"""Read endpoints for the national view: alignments, the roll-up per national objective and
the issued national annual reports.

The same rules as the pages: alignments of the actions the caller may read
(`visibility.actions_for`); the roll-up for those who may open the all-Wales view, counting
what `permissions.all_wales_strategies` counts for them; issued reports, which are public
documents, for everyone. `modified_since` and ETags as on every other list.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers as drf
from rest_framework import views
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from vawdasv.accounts.tokens import HashedTokenAuthentication
from vawdasv.api import conditional, visibility
from vawdasv.api.errors import BAD_TOKEN, INVALID_FILTER, NOT_FOUND, THROTTLED, ErrorSerializer
from vawdasv.api.viewsets import ReadOnlyViewSet, _documented
from vawdasv.audit.models import AuditEntry
from vawdasv.national import rollup
from vawdasv.national.models import NationalReport
from vawdasv.partnerships import permissions
from vawdasv.reference.models import Framework


class AlignedItemSerializer(drf.Serializer[Any]):
    framework = drf.CharField(source="framework.slug")
    code = drf.CharField()
    title_en = drf.CharField()
    title_cy = drf.CharField()


class ActionAlignmentSerializer(drf.Serializer[Any]):
    action = drf.IntegerField(source="pk")
    strategy = drf.CharField(source="commitment.theme.strategy.slug")
    partnership = drf.CharField(source="commitment.theme.strategy.partnership.slug")
    commitment = drf.IntegerField(source="commitment_id")
    carried_from_commitment = drf.SerializerMethodField(
        help_text="False when the action keeps an alignment set on it by hand."
    )
    items = AlignedItemSerializer(source="alignments", many=True)
    updated_at = drf.DateTimeField()

    def get_carried_from_commitment(self, action: Any) -> bool:
        return not hasattr(action, "own_alignment")


@_documented(
    ActionAlignmentSerializer, "national", "List the alignments of actions to national frameworks",
    "One action's alignments",
)  # fmt: skip
class AlignmentViewSet(ReadOnlyViewSet):
    """Each readable action with the framework items it is aligned to (an empty list: not
    aligned). `?strategy=<slug>` narrows the list; aligning a plan moves its actions'
    `updated_at`, which `modified_since` reads."""

    serializer_class = ActionAlignmentSerializer

    def get_queryset(self) -> QuerySet[Any]:
        actions = visibility.actions_for(self.request.user)
        strategy = self.request.query_params.get("strategy")
        if strategy:
            actions = actions.filter(commitment__theme__strategy__slug=strategy)
        return actions.select_related(
            "commitment__theme__strategy__partnership", "own_alignment"
        ).prefetch_related("alignments__framework")


class NationalReportSerializer(drf.ModelSerializer[NationalReport]):
    period = drf.SerializerMethodField()
    download = drf.SerializerMethodField()

    class Meta:
        model = NationalReport
        fields = [
            "id", "year", "period", "language", "format", "version", "issued_at", "file_name",
            "sha256", "download",
        ]  # fmt: skip

    def get_period(self, report: NationalReport) -> str:
        return rollup.year_label(report.year)

    def get_download(self, report: NationalReport) -> str:
        from django.urls import reverse

        url = reverse("national:report-download", args=[report.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


@_documented(
    NationalReportSerializer, "national", "List the issued national annual progress reports",
    "An issued national annual progress report",
)  # fmt: skip
class NationalReportViewSet(ReadOnlyViewSet):
    """Issued (frozen) national annual reports, newest first: public documents, the same for
    every caller. `download` is the file itself."""

    serializer_class = NationalReportSerializer
    modified_fields = ("issued_at",)

    def get_queryset(self) -> QuerySet[Any]:
        return NationalReport.objects.filter(state=NationalReport.State.DONE)


class RollUpCellSerializer(drf.Serializer[Any]):
    partnership = drf.SerializerMethodField()
    reported = drf.BooleanField(help_text="False: no approved update in the year (no report).")
    actions = drf.IntegerField()
    red = drf.IntegerField()
    amber = drf.IntegerField()
    green = drf.IntegerField()
    completed = drf.IntegerField()
    overdue = drf.IntegerField()
    percent_green = drf.IntegerField(allow_null=True)

    def get_partnership(self, cell: rollup.Cell) -> str | None:
        return cell.partnership.slug if cell.partnership is not None else None


class RollUpLineSerializer(drf.Serializer[Any]):
    code = drf.CharField(source="item.code")
    title_en = drf.CharField(source="item.title_en")
    title_cy = drf.CharField(source="item.title_cy")
    total = RollUpCellSerializer()
    regions = RollUpCellSerializer(source="cells", many=True)


class RollUpSerializer(drf.Serializer[Any]):
    framework = drf.CharField()
    year = drf.IntegerField()
    period = drf.CharField()
    items = RollUpLineSerializer(many=True)


FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="The caller may not open the all-Wales view (not signed in, or in no partnership).",
)


class RollUpView(conditional.ConditionalMixin, views.APIView):
    """The all-Wales roll-up per item of a national framework for a financial year."""

    authentication_classes = [HashedTokenAuthentication, SessionAuthentication]

    @extend_schema(
        summary="The all-Wales roll-up per national objective",
        tags=["national"],
        parameters=[
            OpenApiParameter("framework", str, description="A framework's slug (default: the "
                             "current national strategy's objectives)."),
            OpenApiParameter("year", int, description="The financial year's first calendar "
                             "year, e.g. 2025 for 2025/26 (default: the latest with rounds)."),
            OpenApiParameter("region", str, description="One partnership's slug."),
            OpenApiParameter(conditional.MODIFIED_SINCE, str, description="Only if something "
                             "the roll-up counts changed since then; otherwise no items."),
            conditional.IF_NONE_MATCH_PARAMETER, conditional.ETAG_HEADER,
        ],
        responses={200: RollUpSerializer, 304: conditional.NOT_MODIFIED, 400: INVALID_FILTER,
                   401: BAD_TOKEN, 403: FORBIDDEN, 404: NOT_FOUND, 429: THROTTLED},
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        user = request.user
        if not permissions.can_view_all_wales(user):
            raise PermissionDenied
        query = request.query_params
        framework = (
            get_object_or_404(Framework, slug=query["framework"]) if "framework" in query else None
        )
        region = None
        if "region" in query:
            region = get_object_or_404(
                permissions.all_wales_partnerships(user).filter(slug=query["region"])
            )
        year = query.get("year")
        if year is not None and not (year.isdigit() and 2000 <= int(year) <= 2100):
            raise ValidationError(
                {"year": [_("Enter the first calendar year of a financial year, such as 2025.")]}
            )
        scope = rollup.scope_for(
            user, framework=framework, year=int(year) if year else None, region=region
        )
        lines = rollup.roll_up(scope).lines
        if conditional.MODIFIED_SINCE in query:
            since = conditional.parse_modified_since(query[conditional.MODIFIED_SINCE])
            # Every write the roll-up could count goes through a service with an audit entry.
            if not AuditEntry.objects.filter(created_at__gte=since).exists():
                lines = []
        body = {
            "framework": scope.framework.slug, "year": scope.year, "period": scope.label,
            "items": lines,
        }  # fmt: skip
        return Response(RollUpSerializer(body).data)
