"""Fetching changes only: `modified_since` on every list, and ETag / If-None-Match everywhere.

`modified_since` (ISO 8601 date and time; UTC when no offset is given) keeps the objects whose
representation may have changed at or after that moment: the object itself, or anything it
shows from related rows (`modified_fields` on each viewset, for example a strategy's counts
move when one of its actions changes). The bound is inclusive, so a caller that passes the time
it started its previous fetch misses nothing. Deletions are not reported: a caller that needs
them compares the full list, which the ETag makes cheap.

The ETag is weak and computed from the serialised body, so it differs per caller whenever what
they may see differs, per page, and per filter; a matching If-None-Match answers 304 with no
body. It costs no database query beyond building the response.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

MODIFIED_SINCE = "modified_since"

# A string rather than `format: date-time`: RFC 3339 requires an offset, and ISO 8601 callers
# often leave it out (read as UTC here).
MODIFIED_SINCE_PARAMETER = OpenApiParameter(
    MODIFIED_SINCE,
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description="Only objects changed at or after this moment (ISO 8601, for example "
    "2026-04-01T00:00:00Z; UTC when no offset is given). Deleted objects are not listed.",
)
IF_NONE_MATCH_PARAMETER = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag of a response you already hold: 304 if it is still current.",
)
ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 304],
    description="A weak validator for this response, as seen by this caller.",
)
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the ETag in If-None-Match is still current. No body."
)


def parse_modified_since(raw: str) -> datetime.datetime:
    """The moment asked for, aware; a 400 naming the parameter when it is not one."""
    try:
        value = parse_datetime(raw.strip())
    except ValueError:  # well formed but impossible, such as month 13
        value = None
    if value is None:
        raise ValidationError(
            {
                MODIFIED_SINCE: [
                    _("Enter a date and time in ISO 8601 format, such as 2026-04-01T00:00:00Z.")
                ]
            }
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def modified_since_q(queryset: QuerySet[Any], fields: tuple[str, ...], since: Any) -> Q:
    """Objects whose own field, or a related row's, changed at or after `since`.

    Related paths become `pk IN (subquery)` rather than joins, so no duplicates arise and the
    list's order and counts (annotations) stay as they were.
    """
    condition = Q()
    for field in fields:
        if "__" not in field:
            condition |= Q(**{f"{field}__gte": since})
        else:
            changed = queryset.model._default_manager.filter(**{f"{field}__gte": since})
            condition |= Q(pk__in=changed.order_by().values("pk"))
    return condition


def weak_etag(data: Any) -> str:
    body = json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False)
    return 'W/"' + hashlib.sha256(body.encode("utf-8")).hexdigest()[:40] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    # Weak comparison (RFC 9110 §8.8.3.2), as If-None-Match requires.
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == opaque for tag in parse_etags(if_none_match))


class ConditionalMixin:
    """For read-only viewsets: `modified_since` on lists, ETag and 304 on every 200."""

    # What a change to shows in this object's representation; a viewset adds related paths.
    modified_fields: tuple[str, ...] = ("updated_at",)

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)  # type: ignore[misc]
        raw = self.request.query_params.get(MODIFIED_SINCE)  # type: ignore[attr-defined]
        if getattr(self, "action", None) == "list" and raw is not None:
            since = parse_modified_since(raw)
            queryset = queryset.filter(modified_since_q(queryset, self.modified_fields, since))
        return queryset

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and isinstance(response, Response)
        ):
            etag = weak_etag(response.data)
            response["ETag"] = etag
            # What a caller sees depends on who they are.
            patch_vary_headers(response, ("Authorization", "Cookie"))
            if _matches(request.headers.get("If-None-Match", ""), etag):
                response.status_code = status.HTTP_304_NOT_MODIFIED
                response.data = None
        return response
