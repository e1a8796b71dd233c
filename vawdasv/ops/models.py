"""What the workers say about themselves, and which scheduled runs have been queued."""

from __future__ import annotations

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
