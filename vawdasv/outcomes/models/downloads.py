"""A download of the headline-data dashboard someone asked for, made by a worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vawdasv.outcomes.enums import DownloadFormat, DownloadState


class DashboardDownload(models.Model):
    """The dashboard as a spreadsheet or a one-page summary, in English or Welsh. The row is
    the job: the page that shows its progress reads it; the file is kept through Django's
    storage API once the worker has made it."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    format = models.CharField(_("format"), max_length=4, choices=DownloadFormat.choices)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    # area (a GSS code or the partnership's slug) and theme (a pk): the dashboard's filters.
    filters = models.JSONField(default=dict)
    state = models.CharField(
        _("state"), max_length=10, choices=DownloadState.choices, default=DownloadState.QUEUED
    )
    stored_as = models.CharField(max_length=300, blank=True, editable=False)
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"headline data {self.format} {self.pk}"
