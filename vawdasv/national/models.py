"""Alignment of regional plans to the national frameworks, and what a region marks public.

A commitment's alignment is chosen once (usually on the bulk alignment page) and carried to its
actions' `alignments`, except for actions marked as keeping their own alignment. What a region
marks as a highlight or as public about an approved update lives here, not on the update, so the
progress app stays unaware of national reporting.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentAlignment(models.Model):
    """One framework item a commitment is aligned to (confirmed by a person)."""

    commitment = models.ForeignKey(
        "plans.Commitment",
        on_delete=models.CASCADE,
        related_name="national_alignments",
        verbose_name=_("commitment"),
    )
    item = models.ForeignKey(
        "reference.FrameworkItem",
        on_delete=models.CASCADE,
        related_name="commitment_alignments",
        verbose_name=_("framework item"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commitment", "item"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "item"], name="one_alignment_per_item")
        ]
        verbose_name = _("commitment alignment")
        verbose_name_plural = _("commitment alignments")

    def __str__(self) -> str:
        return f"{self.commitment_id} → {self.item_id}"


class OwnAlignment(models.Model):
    """An action that keeps the alignment set on it by hand: its commitment's is not carried."""

    action = models.OneToOneField(
        "plans.Action",
        on_delete=models.CASCADE,
        related_name="own_alignment",
        verbose_name=_("action"),
    )

    class Meta:
        verbose_name = _("action keeping its own alignment")
        verbose_name_plural = _("actions keeping their own alignment")

    def __str__(self) -> str:
        return str(self.action_id)


class UpdateMark(models.Model):
    """What the regional team says about an approved update: a highlight for the national
    report, and whether its narrative may be shown on the public pages."""

    update = models.OneToOneField(
        "progress.ProgressUpdate",
        on_delete=models.CASCADE,
        related_name="national_mark",
        verbose_name=_("progress update"),
    )
    highlight = models.BooleanField(_("highlight for the national report"), default=False)
    public = models.BooleanField(_("show the narrative on the public pages"), default=False)

    class Meta:
        verbose_name = _("mark on an update")
        verbose_name_plural = _("marks on updates")

    def __str__(self) -> str:
        return str(self.update_id)


def report_upload_to(instance: NationalReport, filename: str) -> str:
    return f"national-reports/{instance.year}/{filename}"


class NationalReport(models.Model):
    """One issue of the national annual progress report: made once in the background, then
    frozen (its file is never rewritten; issuing again makes the next version)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        DONE = "done", _("Issued")
        FAILED = "failed", _("Failed")

    year = models.PositiveIntegerField(_("financial year (first calendar year)"))
    language = models.CharField(_("language"), max_length=5)
    format = models.CharField(_("format"), max_length=10)
    version = models.PositiveIntegerField(_("version"), default=1)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="queued")
    file = models.FileField(_("file"), upload_to=report_upload_to, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # The queued task making the file (ops.queue): an issue whose task is lost is failed on view.
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-version", "language", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "language", "format", "version"], name="one_national_report_issue"
            )
        ]
        verbose_name = _("national annual report")
        verbose_name_plural = _("national annual reports")

    def __str__(self) -> str:
        return f"{self.year} v{self.version} ({self.format}, {self.language})"
