"""What the workers say about themselves, and which scheduled runs have been queued."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per worker process, its `beat_at` renewed every few seconds while it lives.

    A task "running" on a worker whose beat is older than WORKER_LOST_AFTER_SECONDS was lost
    with its process (ops.recovery), and /healthz reports the latest beat.
    """

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"))
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ScheduledRun(models.Model):
    """A scheduled task queued for one day; the unique pair makes several workers queue it once."""

    name = models.CharField(_("name"), max_length=100)
    due_on = models.DateField(_("day"))
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    enqueued_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "due_on"], name="one_scheduled_run_per_day")
        ]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self) -> str:
        return f"{self.name} {self.due_on}"


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def export_upload_to(instance: ExportJob, filename: str) -> str:
    return f"exports/{instance.token}/{filename}"


class ExportJob(models.Model):
    """A download (a plan as Word or Excel, every update as a spreadsheet) made by a worker.

    What is made is named by `kind` (registered by the app that owns it, ops.exports) and its
    `params`; the builder runs as the person who asked, so it sees what they may see when the
    file is made. The job's page is found by its unguessable token, and only by the person who
    asked when someone signed in asked.
    """

    token = models.UUIDField(_("token"), unique=True)
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("what to make"), default=dict)
    language = models.CharField(_("language"), max_length=5)
    state = models.CharField(
        _("state"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED
    )
    file = models.FileField(_("file"), upload_to=export_upload_to, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.kind} {self.params} ({self.language})"

    @property
    def finished(self) -> bool:
        return self.state in (ExportState.DONE, ExportState.FAILED)
