from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from vawdasv.ops import health


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when all is well, 503 naming what is not."""
    healthy, body = health.report()
    return JsonResponse(body, status=200 if healthy else 503)
