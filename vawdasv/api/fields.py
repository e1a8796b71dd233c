"""Bilingual content in the API: one `{"en": …, "cy": …}` object per field.

Why an object rather than `_en`/`_cy` pairs: partners write every text twice, and a client almost
always wants "this field, in this language". Keeping the two languages together under the field's
own name means a client picks a language with one key (`action["text"][lang]`), every bilingual
field shares one schema component (`BilingualText`), and adding a field never adds two names.
Both keys are always present; a missing translation is an empty string, never a fallback to the
other language, so a client can tell translated text from untranslated.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vawdasv.lib.bilingual import LANGUAGE_CODES
from vawdasv.plans.timescales import label_of


class BilingualTextSerializer(serializers.Serializer[Any]):
    """Schema only: the shape of every bilingual value."""

    en = serializers.CharField(help_text="English text; empty when not written.")
    cy = serializers.CharField(help_text="Welsh text; empty when not yet translated.")

    class Meta:
        ref_name = "BilingualText"


class BilingualUrlSerializer(serializers.Serializer[Any]):
    """Schema only: the same page in English and in Welsh."""

    en = serializers.URLField(help_text="The page in English.")
    cy = serializers.URLField(help_text="The page in Welsh.")

    class Meta:
        ref_name = "BilingualUrl"


@extend_schema_field(BilingualTextSerializer)
class BilingualField(serializers.Field[Any, Any, Any, Any]):
    """Reads `<name>_en` and `<name>_cy` from the object into one object."""

    def __init__(self, name: str | None = None, **kwargs: Any) -> None:
        self.bilingual_name = name
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def bind(self, field_name: str, parent: Any) -> None:
        super().bind(field_name, parent)
        if self.bilingual_name is None:
            self.bilingual_name = field_name

    def to_representation(self, value: Any) -> dict[str, str]:
        return {
            lang: getattr(value, f"{self.bilingual_name}_{lang}", "") or ""
            for lang in LANGUAGE_CODES
        }


@extend_schema_field(BilingualUrlSerializer)
class PageUrlField(serializers.Field[Any, Any, Any, Any]):
    """The web page for the object (its `get_absolute_url`), in both languages, absolute.

    Pages live under i18n_patterns (English at `/…`, Welsh at `/cy/…`), so the address depends
    on the active language; both are given so a client need not know that rule.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        request = self.context.get("request")
        urls = {}
        for lang in LANGUAGE_CODES:
            with translation.override(lang):
                path = value.get_absolute_url()
            urls[lang] = request.build_absolute_uri(path) if request else path
        return urls


class TimescaleSerializer(serializers.Serializer[Any]):
    """Schema only: a timescale in both forms, as written and as understood."""

    text = serializers.CharField(help_text='As written in the plan, such as "Mar 2026".')
    kind = serializers.CharField(help_text="date, recurring, ongoing or unknown.")
    date = serializers.DateField(
        allow_null=True, help_text="The due date read from it; null when it names no date."
    )
    # The metaclass takes declared fields off the class, so this does not shadow Field.label.
    label = BilingualTextSerializer(  # type: ignore[assignment]
        help_text="How the platform shows it, in English and in Welsh (the original text when "
        "it could not be understood)."
    )

    class Meta:
        ref_name = "Timescale"


@extend_schema_field(TimescaleSerializer)
class TimescaleField(serializers.Field[Any, Any, Any, Any]):
    """An action's timescale: the original text, its kind and date, and a label per language."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, Any]:
        due = value.due_date
        return {
            "text": value.timescale_text,
            "kind": value.timescale_kind,
            "date": due.isoformat() if due else None,
            "label": {lang: label_of(value, lang) for lang in LANGUAGE_CODES},
        }
