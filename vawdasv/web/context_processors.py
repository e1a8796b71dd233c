"""What the navigation offers the person reading the page (the site knows every app)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from vawdasv.web.landing import Navigation


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"nav": Navigation(getattr(request, "user", None))}
