"""One table of audit entries, written by the service layer for every change to content."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("updated")
    DELETED = "deleted", _("deleted")


class AuditEntry(models.Model):
    """Who changed what, when, from which source, with the values before and after.

    `changes` maps a field name to {"before": value, "after": value}; values are JSON-friendly
    (text, ISO dates, lists of names for many-to-many fields).
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who (as recorded)"), max_length=200, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    verb = models.CharField(_("change"), max_length=10, choices=Verb.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("item"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict)
    # Where the change came from, as data (audit/origins.py): the kind, the object when there
    # is one, and in `source` facts that read the same in every language (a file name and hash,
    # a period label). Entries written before origins existed may hold a sentence in `source`.
    # One of OriginKind's values. Not declared as choices: apps add kinds as they come (a meeting,
    # a review), and a new kind must not need a migration of the audit table.
    origin_kind = models.CharField(_("origin"), max_length=30, blank=True, db_index=True)
    origin_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_content_type", "origin_object_id")
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("For example an import file.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["origin_content_type", "origin_object_id"]),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.verb} {self.object_repr}"
