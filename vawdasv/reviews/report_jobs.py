"""Making a thematic report job's file: the worker's half of `services.request_thematic_report`."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from vawdasv.reviews import thematic
from vawdasv.reviews.models import ThematicReportJob

log = logging.getLogger(__name__)
DONE, FAILED = "done", "failed"


def make(job_id: int) -> bool:
    """Render and store the file; False when there was no queued job by that id."""
    with transaction.atomic():
        job = (
            ThematicReportJob.objects.select_for_update().filter(pk=job_id, state="queued").first()
        )
        if job is None:
            return False
        try:
            gathered = thematic.gather(job.partnership_id, dict(job.filters))
            render = (
                thematic.render_pdf if job.filters.get("format") == "pdf" else thematic.render_docx
            )
            data = render(gathered, job.language)
        except Exception:  # a failed report is shown as failed, never a crashed worker
            log.exception("thematic report %s failed", job_id)
            job.state = FAILED
            job.save(update_fields=["state"])
            return False
        job.stored_as = default_storage.save(
            f"reviews/thematic/{job.pk}-{job.language}.{extension(job)}", ContentFile(data)
        )
        job.state = DONE
        job.save(update_fields=["state", "stored_as"])
        return True


def extension(job: ThematicReportJob) -> str:
    return "pdf" if job.filters.get("format") == "pdf" else "docx"
