"""Issuing the national annual report: a row now, the file made by a worker, then frozen.

Issuing records the request (one audit entry) and queues `national.tasks.make_national_report`
once the row is committed. The worker gathers, renders and stores the file through Django's
storage API; from then on the row and its file never change. Issuing again makes the next
version, so an earlier issue stays exactly as it was published.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vawdasv.audit import kernel
from vawdasv.audit.origins import Origin, OriginKind
from vawdasv.national.models import NationalReport
from vawdasv.national.report import data, docx, pdf
from vawdasv.ops import queue
from vawdasv.partnerships import permissions

logger = logging.getLogger(__name__)
FORMATS = ("docx", "pdf")
LANGUAGES = ("en", "cy")
FIELDS = ("year", "language", "format", "version")


def issue(*, actor: Any, year: int, language: str, format: str) -> NationalReport:
    kernel.require(permissions.can_issue_national_report(actor))
    if format not in FORMATS or language not in LANGUAGES:
        raise ValueError(f"No national report as {format!r} in {language!r}")
    from vawdasv.national.tasks import make_national_report  # the task module imports this one

    with transaction.atomic():
        # Two people issuing at once queue here, so versions never collide.
        list(NationalReport.objects.select_for_update().filter(year=year))
        latest = NationalReport.objects.filter(
            year=year, language=language, format=format
        ).aggregate(latest=Max("version"))["latest"]
        report = NationalReport.objects.create(
            year=year, language=language, format=format, version=(latest or 0) + 1,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )  # fmt: skip
        kernel.created(
            actor=actor,
            instance=report,
            fields=FIELDS,
            partnership=None,
            origin=Origin(OriginKind.NATIONAL_REPORT, report, str(year)),
        )
        queue.enqueue_with(report, make_national_report, report.pk)
    queue.enqueue_after(report, make_national_report, report.pk)
    return report


def make(report_id: int) -> bool:
    """Make the file of a queued issue; False when it is not queued (made already, failed)."""
    report = NationalReport.objects.filter(pk=report_id, state=NationalReport.State.QUEUED).first()
    if report is None:
        return False
    try:
        gathered = data.gather(report.year, report.language)
        render = pdf.render_pdf if report.format == "pdf" else docx.render_docx
        content = render(gathered)
        name = (
            f"national-progress-report-{report.year}-{report.language}-v{report.version}"
            f".{report.format}"
        )
        report.file.save(name, ContentFile(content), save=False)
        report.file_name = name
        report.sha256 = hashlib.sha256(content).hexdigest()
        report.state = NationalReport.State.DONE
        report.issued_at = timezone.now()
    except Exception as exc:  # the issue says it failed; the person can issue again
        logger.exception("National report %s failed", report_id)
        report.state = NationalReport.State.FAILED
        report.error = type(exc).__name__
    report.save()
    return report.state == NationalReport.State.DONE


def issued() -> list[NationalReport]:
    return list(NationalReport.objects.filter(state=NationalReport.State.DONE))
