"""Content held in English and Welsh.

Every text a partnership writes is stored twice, as `<name>_en` and `<name>_cy` columns. Reading
it in the active language falls back to the other language when a translation is missing; the
result says so, so the page can show a visible "not yet translated" marker. See
docs/adr/0003-bilingual-content.md for why these are plain columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import get_language, gettext

LANGUAGE_CODES = ("en", "cy")


def current_language() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in LANGUAGE_CODES else "en"


def other_language(lang: str) -> str:
    return "cy" if lang == "en" else "en"


def not_translated(wanted: str) -> str:
    """The marker said beside a text shown in the other language than the `wanted` one, in
    the active language (pages, documents and reports use the same words)."""
    if wanted == "cy":
        return gettext("Not yet translated into Welsh")
    return gettext("Not yet translated into English")


@dataclass(frozen=True)
class BilingualText:
    """One field read in a language: the text shown and whether it fell back."""

    text: str
    language: str  # the language the text is actually in
    wanted: str  # the language the reader asked for

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.wanted

    @property
    def is_missing(self) -> bool:
        return not self.text

    def __str__(self) -> str:
        return self.text


def read(obj: Any, field: str, lang: str | None = None) -> BilingualText:
    wanted = lang or current_language()
    text = getattr(obj, f"{field}_{wanted}", "") or ""
    if text:
        return BilingualText(text, wanted, wanted)
    other = other_language(wanted)
    return BilingualText(getattr(obj, f"{field}_{other}", "") or "", other, wanted)


class BilingualModel(models.Model):
    """Mixin for models with `<name>_en` / `<name>_cy` pairs listed in `bilingual_fields`."""

    bilingual_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def text(self, field: str, lang: str | None = None) -> BilingualText:
        return read(self, field, lang)

    def missing_translations(self) -> list[str]:
        """Field names with text in one language but not the other."""
        missing = []
        for field in self.bilingual_fields:
            en = getattr(self, f"{field}_en", "") or ""
            cy = getattr(self, f"{field}_cy", "") or ""
            if bool(en) != bool(cy):
                missing.append(field)
        return missing


@dataclass(frozen=True)
class TranslationProgress:
    translated: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.translated / self.total)


def translation_progress(objects: Iterable[BilingualModel]) -> TranslationProgress:
    """Count filled field pairs: a field counts once it has both English and Welsh text."""
    translated = total = 0
    for obj in objects:
        for field in obj.bilingual_fields:
            en = getattr(obj, f"{field}_en", "") or ""
            cy = getattr(obj, f"{field}_cy", "") or ""
            if not (en or cy):
                continue
            total += 1
            translated += bool(en and cy)
    return TranslationProgress(translated, total)
