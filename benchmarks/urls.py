"""The product's URLs plus `/bench/hello`, the cheapest page the same server can serve.

Every page's latency is read against this baseline: it passes through the same middleware,
worker and connection, but touches neither the database nor a template.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from vawdasv import urls as product_urls


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("bench/hello", hello, name="bench-hello"), *product_urls.urlpatterns]

handler403 = product_urls.handler403
handler404 = product_urls.handler404
handler500 = product_urls.handler500
