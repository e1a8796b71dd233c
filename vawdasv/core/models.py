"""The shell keeps one table of its own: when each Welsh text was written, against what English.

`translation_state` fills and reads it; see ADR 0033.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationMark(models.Model):
    """One bilingual field of one row: fingerprints of the English and the Welsh text at the
    moment the Welsh was last written. English whose fingerprint no longer matches has changed
    since it was translated. Rows of any model take part (a generic key), so no content table
    needs a column of its own."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of content")
    )
    object_id = models.PositiveBigIntegerField(_("row"))
    field = models.CharField(_("field"), max_length=60)
    english_sha256 = models.CharField(_("English fingerprint"), max_length=64)
    welsh_sha256 = models.CharField(_("Welsh fingerprint"), max_length=64)
    marked_at = models.DateTimeField(_("Welsh written"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="one_translation_mark_per_field"
            )
        ]
        verbose_name = _("translation mark")
        verbose_name_plural = _("translation marks")

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}:{self.field}"
