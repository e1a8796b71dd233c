"""A plan import: one document a partnership uploaded, what was chosen for it, and its result.

The document itself is kept (in the file storage under imports/, named by its SHA-256, never by
the name the person gave it) so the preview can be re-read with a corrected column mapping and
so the history can always say exactly which file a strategy came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vawdasv.imports.enums import ImportStatus
from vawdasv.plans.enums import StrategyStatus

STORAGE_FOLDER = "imports"


def stored_name(sha256: str) -> str:
    """Where a document is kept: its content hash, so a hostile file name is never used."""
    return f"{STORAGE_FOLDER}/{sha256}"


class PlanImportQuerySet(models.QuerySet["PlanImport"]):
    def waiting(self) -> PlanImportQuerySet:
        return self.filter(status=ImportStatus.PREVIEWED)


class PlanImport(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="plan_imports",
        verbose_name=_("partnership"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="plan_imports",
        verbose_name=_("uploaded by"),
    )
    original_filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("document"), upload_to=STORAGE_FOLDER, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    # Header text → field, as the person corrected it; empty means "as the importer read it".
    column_mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    # Corrections to single actions laid over the reading (see `imports.corrections`).
    corrections = models.JSONField(_("corrections"), default=list, blank=True)
    strategy = models.ForeignKey(
        "plans.Strategy",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_imports",
        verbose_name=_("strategy"),
    )
    # The strategy details chosen on the preview page (the document rarely says them all).
    title = models.CharField(_("title"), max_length=300, blank=True)
    slug = models.SlugField(_("short name for web addresses"), max_length=120, blank=True)
    start_year = models.PositiveIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveIntegerField(_("last year"), null=True, blank=True)
    strategy_status = models.CharField(
        _("strategy status"),
        max_length=20,
        choices=StrategyStatus.choices,
        default=StrategyStatus.DRAFT,
    )

    # Why the background reading refused the document, in the uploader's language (stored, as
    # the person reads it later on the import's page).
    refusal = models.TextField(_("why it could not be read"), blank=True)
    # The queued task reading the document (imports.tasks.read_import).
    task_id = models.CharField(_("task"), max_length=64, blank=True)

    objects = PlanImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")

    def __str__(self) -> str:
        return self.original_filename

    def get_absolute_url(self) -> str:
        # A revision names its strategy from its upload (a new import only gets one on commit);
        # until it is applied it is read, refused or checked on the revision page.
        if self.strategy_id and not self.is_imported and self.strategy is not None:
            return reverse(
                "imports:revise-preview",
                kwargs={"strategy_slug": self.strategy.slug, "pk": self.pk},
            )
        return reverse("imports:preview", kwargs={"pk": self.pk})

    @property
    def is_reading(self) -> bool:
        return self.status == ImportStatus.READING

    @property
    def is_refused(self) -> bool:
        return self.status == ImportStatus.REFUSED

    @property
    def is_imported(self) -> bool:
        return self.status == ImportStatus.IMPORTED

    @property
    def is_waiting(self) -> bool:
        return self.status == ImportStatus.PREVIEWED
