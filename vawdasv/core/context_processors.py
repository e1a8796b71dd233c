"""Values every page needs: the language toggle and the service name."""

from __future__ import annotations

import functools
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import translate_url

from vawdasv.lib.bilingual import current_language, other_language

LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


@functools.lru_cache(maxsize=2048)
def _in_both_languages(path: str, active: str) -> dict[str, str]:
    """A page's address in each language, read with `active` the active language (reading the
    path depends on it): the same for every request to it (the URL patterns do not change
    while the site runs), so remembered, for the most recent pages."""
    return {code: translate_url(path, code) for code in ("en", "cy")}


@receiver(setting_changed)
def _forget_addresses(*, setting: str, **kwargs: Any) -> None:
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):  # tests change these
        _in_both_languages.cache_clear()


def site(request: HttpRequest) -> dict[str, Any]:
    lang = current_language()
    path = request.get_full_path()
    # A long address (a long query) is worked out, not remembered: the memo stays small.
    urls = (
        _in_both_languages(path, lang)
        if len(path) <= 200
        else _in_both_languages.__wrapped__(path, lang)
    )
    return {
        "current_language": lang,
        "languages": [
            {"code": code, "name": LANGUAGE_NAMES[code], "url": url, "current": code == lang}
            for code, url in urls.items()
        ],
        "other_language_url": urls[other_language(lang)],
    }
