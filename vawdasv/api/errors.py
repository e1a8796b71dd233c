"""Shapes of the error responses, so the schema documents every status a caller can get."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()

    class Meta:
        ref_name = "Error"


NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Not found, or not visible to the caller (drafts are hidden from outsiders). "
    "A list answers 404 for a page number past the end.",
)
BAD_TOKEN = OpenApiResponse(
    ErrorSerializer, description="The token in the Authorization header is not valid."
)
INVALID_FILTER = OpenApiResponse(
    {
        "type": "object",
        "description": "Each invalid query parameter with its messages.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description="A query parameter is not valid, for example a date that is not YYYY-MM-DD.",
)
THROTTLED = OpenApiResponse(
    ErrorSerializer,
    description="Too many requests: wait the number of seconds in the Retry-After header.",
)
