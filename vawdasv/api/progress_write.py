"""Writing progress updates through the API, for a partner's own system (issue 16).

`PUT /api/v1/rounds/<round>/actions/<action>/update/` saves a draft (creating it if need be);
`POST …/update/submit/` saves and sends it for review. Both call the same services as the form
(`progress.services.save_draft` / `submit_update`), so the same permission rules, validation,
audit entry and optimistic locking apply.

Only a personal token made with the "progress" scope may write (`permissions.
token_allows_progress_writes`), and it writes as its owner: what the owner may not do on the
pages answers 403. A round or action the owner may not read answers 404, as on the pages.

Every request carries `version`: the version the caller last saw, or null for an update it
believes does not exist yet. If somebody has saved since, the answer is 409 with both the
current update and what the caller sent, so the caller's system can merge and try again.
Fields left out keep their current values.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from vawdasv.accounts.tokens import HashedTokenAuthentication
from vawdasv.api.errors import BAD_TOKEN, NOT_FOUND, THROTTLED, ErrorSerializer
from vawdasv.api.filters import ID_MAX
from vawdasv.api.throttling import UserThrottle
from vawdasv.lib.text import normalise_text
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Action
from vawdasv.progress import services
from vawdasv.progress.enums import RagStatus
from vawdasv.progress.models import ProgressRound, ProgressUpdate

# A version no update ever has (they start at 1): passed to the service when the caller says
# "there is no update yet", so an existing one is reported as a conflict, not overwritten.
NO_VERSION_SEEN = 0

TEXT_FIELDS = (
    "narrative_en", "narrative_cy", "proposed_timescale_reason", "proposed_text_en",
    "proposed_text_cy", "proposed_new_action_en", "proposed_new_action_cy",
)  # fmt: skip


class ProgressUpdateWriteSerializer(serializers.Serializer[Any]):
    """What a caller sends: the version it last saw, and the fields it sets."""

    version = serializers.IntegerField(
        allow_null=True,
        min_value=1,
        help_text="The version you last saw, or null if you believe no update exists yet.",
    )
    rag = serializers.ChoiceField(choices=RagStatus.choices, allow_blank=True, required=False)
    completed = serializers.BooleanField(required=False)
    proposed_timescale_text = serializers.CharField(
        max_length=100, allow_blank=True, required=False, trim_whitespace=False
    )
    proposed_no_longer_relevant = serializers.BooleanField(required=False)
    proposed_new_action_timescale = serializers.CharField(
        max_length=100, allow_blank=True, required=False, trim_whitespace=False
    )

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        for name in TEXT_FIELDS:
            fields[name] = serializers.CharField(
                allow_blank=True, required=False, trim_whitespace=False
            )
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise ValidationError({name: [_("This field cannot be set here.")] for name in unknown})
        return {
            name: normalise_text(value) if isinstance(value, str) else value
            for name, value in attrs.items()
        }


class ProgressUpdateResultSerializer(serializers.ModelSerializer[ProgressUpdate]):
    """The update as saved, with the version to send next time."""

    round = serializers.IntegerField(source="progress_round_id", read_only=True)
    action = serializers.IntegerField(source="action_id", read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "round", "action", "version", "state", "rag", "completed", "narrative_en",
            "narrative_cy", "proposed_timescale_text", "proposed_timescale_reason",
            "proposed_text_en", "proposed_text_cy", "proposed_no_longer_relevant",
            "proposed_new_action_en", "proposed_new_action_cy", "proposed_new_action_timescale",
            "review_comment", "submitted_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ConflictSerializer(serializers.Serializer[Any]):
    """Somebody saved the update since the caller last saw it: both versions."""

    detail = serializers.CharField()
    current = ProgressUpdateResultSerializer()
    yours = ProgressUpdateWriteSerializer()

    class Meta:
        ref_name = "ProgressUpdateConflict"


INVALID_UPDATE = OpenApiResponse(
    {
        "type": "object",
        "description": "Each field in error with its messages; `non_field_errors` for the "
        "update as a whole (for example a closed round).",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description="The update is not valid, or cannot be changed now.",
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="The token may only read, or its owner may not write this action's update.",
)
CONFLICT = OpenApiResponse(
    ConflictSerializer, description="Somebody else saved the update since your version."
)


class TokenMayWriteProgress(drf_permissions.BasePermission):
    message = _(
        "This token may only read. Create a token that may write progress updates on your "
        "API tokens page."
    )

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        return permissions.token_allows_progress_writes(request.auth)


class ProgressWriteThrottle(ScopedRateThrottle):
    scope_attr = "throttle_scope"


def _errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


class UpdateWriteView(APIView):
    authentication_classes = [HashedTokenAuthentication]
    permission_classes = [TokenMayWriteProgress]
    throttle_classes = [UserThrottle, ProgressWriteThrottle]
    throttle_scope = "progress_write"
    submit = False

    def _target(self, request: Request, round_id: int, action_id: int) -> tuple[Any, Any]:
        # What the caller may not read does not exist for them (404), as on the pages.
        if max(round_id, action_id) > ID_MAX:  # beyond a database id: refused before a query
            raise Http404
        visible = permissions.visible_strategies(request.user).order_by().values("pk")
        progress_round = get_object_or_404(
            ProgressRound.objects.select_related("strategy__partnership").filter(
                strategy__in=visible
            ),
            pk=round_id,
        )
        action = get_object_or_404(
            Action.objects.select_related("commitment__theme__strategy"),
            pk=action_id,
            commitment__theme__strategy=progress_round.strategy,
        )
        return progress_round, action

    def write(self, request: Request, round_id: int, action_id: int) -> Response:
        progress_round, action = self._target(request, round_id, action_id)
        incoming = ProgressUpdateWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        version = data.pop("version")
        existed = ProgressUpdate.objects.filter(
            progress_round=progress_round, action=action
        ).exists()
        write = services.submit_update if self.submit else services.save_draft
        try:
            update = write(
                actor=request.user,
                progress_round=progress_round,
                action=action,
                data=data,
                expected_version=NO_VERSION_SEEN if version is None else version,
            )
        except services.ConcurrentEditError as conflict:
            return Response(
                {
                    "detail": str(conflict),
                    "current": ProgressUpdateResultSerializer(
                        cast(ProgressUpdate, conflict.current)
                    ).data,
                    "yours": incoming.data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except DjangoValidationError as error:
            return Response(_errors(error), status=status.HTTP_400_BAD_REQUEST)
        return Response(
            ProgressUpdateResultSerializer(update).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


RESPONSES: dict[int, Any] = {
    400: INVALID_UPDATE, 401: BAD_TOKEN, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT,
    429: THROTTLED,
}  # fmt: skip


class SaveDraftView(UpdateWriteView):
    @extend_schema(
        summary="Save a progress update as a draft",
        description="Creates the action's update for the round, or changes the draft or "
        "returned update. Fields left out keep their values.",
        tags=["progress updates"],
        request=ProgressUpdateWriteSerializer,
        responses={
            200: ProgressUpdateResultSerializer,
            201: ProgressUpdateResultSerializer,
            **RESPONSES,
        },
    )
    def put(self, request: Request, round_id: int, action_id: int) -> Response:
        return self.write(request, round_id, action_id)


class SubmitView(UpdateWriteView):
    submit = True

    @extend_schema(
        summary="Save a progress update and send it for review",
        description="As saving a draft, then checks the update is complete (a RAG status and "
        "a narrative) and submits it. Submitting an update already submitted changes nothing.",
        tags=["progress updates"],
        request=ProgressUpdateWriteSerializer,
        responses={
            200: ProgressUpdateResultSerializer,
            201: ProgressUpdateResultSerializer,
            **RESPONSES,
        },
    )
    def post(self, request: Request, round_id: int, action_id: int) -> Response:
        return self.write(request, round_id, action_id)
