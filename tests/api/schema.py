"""Check API responses against the OpenAPI schema the API itself publishes.

The schema is generated in-process by drf-spectacular (the same generator behind /api/schema/)
and tightened before use: every object that lists its properties is closed
(`additionalProperties: false`), so a response carrying a field the schema does not describe
fails just as a response missing a required field does. openapi-core then validates each
response, and raises on any mismatch, which fails the test.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from django.http import HttpResponse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict


@functools.cache
def published_schema() -> dict[str, Any]:
    """The schema exactly as /api/schema/ serves it, as plain JSON data."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


def closed(schema: Any) -> Any:
    """A copy in which no object schema with listed properties accepts extra properties."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


@functools.cache
def strict_openapi() -> OpenAPI:
    return OpenAPI.from_dict(closed(published_schema()))


class _Request:
    """The request a Django test response answered, in the shape openapi-core reads.

    openapi-core's own Django adapter derives the path template from the URL resolver's route,
    which DRF's regex router patterns confuse; matching the plain path against the schema's
    paths is exact here.
    """

    def __init__(self, response: HttpResponse) -> None:
        request = response.wsgi_request  # type: ignore[attr-defined]
        self.host_url = f"{request.scheme}://{request.get_host()}"
        self.path = request.path
        self.method = request.method.lower()
        self.body = b""
        self.content_type = ""
        self.parameters = RequestParameters(
            query=ImmutableMultiDict([(k, v) for k, vs in request.GET.lists() for v in vs]),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(dict(request.COOKIES)),
        )


class _Response:
    def __init__(self, response: HttpResponse) -> None:
        self.status_code = response.status_code
        self.data = response.content
        self.headers = Headers(list(response.headers.items()))
        self.content_type = response.headers.get("Content-Type", "")


def assert_matches_schema(response: HttpResponse) -> None:
    """Raise if the response (status, headers, body) is not one the schema documents."""
    strict_openapi().validate_response(_Request(response), _Response(response))


def assert_request_matches_schema(response: HttpResponse) -> None:
    """Raise if the query parameters sent are not valid by the schema."""
    strict_openapi().validate_request(_Request(response))
