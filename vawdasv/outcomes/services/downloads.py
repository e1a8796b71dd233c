"""Asking for a download of the headline-data dashboard: a row now, the file made by a worker
(outcomes/downloads.py, queued as `outcomes.tasks.make_dashboard_download`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from vawdasv.audit import kernel
from vawdasv.outcomes import tasks
from vawdasv.outcomes.enums import DownloadFormat
from vawdasv.outcomes.models import DashboardDownload
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership

LANGUAGES = ("en", "cy")


@transaction.atomic
def request_download(
    *,
    actor: Any,
    partnership: Partnership,
    format: str,
    language: str,
    filters: Mapping[str, Any],
) -> DashboardDownload:
    """Record the request and queue the file in one transaction: the task runs only once the
    row is committed. Filters are the dashboard's area and theme, as codes and numbers."""
    kernel.require(permissions.can_view_outcomes(actor, partnership.pk))
    if format not in DownloadFormat.values or language not in LANGUAGES:
        raise ValueError(f"No dashboard download as {format!r} in {language!r}")
    job = DashboardDownload.objects.create(
        partnership=partnership,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        format=format,
        language=language,
        filters={k: str(v)[:40] for k, v in filters.items() if k in ("area", "theme") and v},
    )
    kernel.created(
        actor=actor, instance=job, fields=("format", "language", "filters"),
        partnership=partnership,
    )  # fmt: skip
    job_id = job.pk
    transaction.on_commit(lambda: tasks.make_dashboard_download.enqueue(job_id))
    return job
