"""Values every page needs: the language toggle and the service name."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import translate_url

from vawdasv.core.landing import Navigation
from vawdasv.lib.bilingual import current_language, other_language

LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


def site(request: HttpRequest) -> dict[str, Any]:
    lang = current_language()
    other = other_language(lang)
    return {
        "current_language": lang,
        "languages": [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": translate_url(request.get_full_path(), code),
                "current": code == lang,
            }
            for code in ("en", "cy")
        ],
        "other_language_url": translate_url(request.get_full_path(), other),
        "nav": Navigation(getattr(request, "user", None)),
    }
