"""Issuing a progress report: the service that freezes the exact files the board receives.

"Issue this report" makes the report of a period in English and Welsh, as a Word document, a
PDF and a standalone HTML page, and stores the six files through Django's storage API with the
date, the person and the period. Issued files are never written again: a later change to the
plan, an update or the report's wording never alters them, and issuing the period again makes
the next version beside the old one. The files are made while the request waits (a board's
report is a few dozen pages, made in seconds); the whole issue is one transaction and one audit
entry.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy
from vawdasv.progress.models import IssuedReport, IssuedReportFile
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import FORMATS, file_name, render
from vawdasv.progress.report.data import gather

LANGUAGES = ("en", "cy")
ISSUED_FORMATS = ("pdf", "docx", "html")
ISSUED_FIELDS = ("strategy", "period_label", "version", "issued_by_name")
PUBLIC_FIELDS = ("public",)


def _person(actor: Any) -> str:
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return str(full or getattr(actor, "email", "") or actor)[:200]


@transaction.atomic
def issue_report(
    *, actor: Any, strategy: Strategy, period_label: str, today: datetime.date | None = None
) -> IssuedReport:
    """Freeze the period's report in both languages and three formats, as the next version."""
    kernel.require(permissions.can_issue_reports(actor, strategy.partnership_id))
    period = parse_period(period_label)
    if period is None:
        raise ValidationError(_("The reporting period is not valid."))
    # Holding the strategy's row numbers two simultaneous issues one after the other.
    Strategy.objects.select_for_update().filter(pk=strategy.pk).first()
    latest = IssuedReport.objects.filter(strategy=strategy, period_label=period.label).aggregate(
        latest=Max("version")
    )["latest"]
    issued = IssuedReport.objects.create(
        strategy=strategy,
        period_label=period.label,
        version=(latest or 0) + 1,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        issued_by_name=_person(actor),
    )
    for language in LANGUAGES:
        report = gather(strategy, period, language=language, today=today)
        for format_name in ISSUED_FORMATS:
            content = render(report, format_name)
            name = file_name(report, format_name)
            stored = IssuedReportFile(
                issued_report=issued,
                language=language,
                format=format_name,
                file_name=name,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
            )
            stored.file.save(name, ContentFile(content), save=False)
            stored.save()
    kernel.created(
        actor=actor,
        instance=issued,
        fields=ISSUED_FIELDS,
        partnership=strategy.partnership,
    )
    return issued


@transaction.atomic
def set_public(*, actor: Any, issued: IssuedReport, public: bool) -> IssuedReport:
    """Offer an issued report's files on the public pages, or take them off (audited). The
    files themselves never change."""
    kernel.require(permissions.can_issue_reports(actor, issued.strategy.partnership_id))
    locked = kernel.lock(issued)
    before = audit.snapshot(locked, PUBLIC_FIELDS)
    locked.public = public
    kernel.save_changes(
        actor=actor,
        instance=locked,
        before=before,
        fields=PUBLIC_FIELDS,
        partnership=issued.strategy.partnership,
    )
    return locked


def public_issued_reports(strategy: Strategy) -> list[IssuedReport]:
    """The issued reports anyone may download (`permissions.issued_report_is_public`)."""
    return [
        issued
        for issued in issued_reports(strategy).filter(public=True).select_related("strategy")
        if permissions.issued_report_is_public(issued)
    ]


def public_issued_file(pk: int) -> IssuedReportFile:
    """One file of a public issued report, for anyone; 404 for any other."""
    found = IssuedReportFile.objects.filter(pk=pk).select_related("issued_report__strategy").first()
    if found is None or not permissions.issued_report_is_public(found.issued_report):
        raise Http404
    return found


def issued_reports(strategy: Strategy) -> QuerySet[IssuedReport]:
    """Every issued report of the strategy, newest first, with its files (two queries)."""
    return (
        IssuedReport.objects.filter(strategy=strategy)
        .order_by("-issued_at", "-version", "-pk")
        .prefetch_related(
            Prefetch("files", queryset=IssuedReportFile.objects.order_by("language", "format"))
        )
    )


def issued_file(strategy: Strategy, pk: int) -> IssuedReportFile:
    """One issued file of this strategy (never another strategy's, whatever the number)."""
    found = (
        IssuedReportFile.objects.filter(pk=pk, issued_report__strategy=strategy)
        .select_related("issued_report")
        .first()
    )
    if found is None:
        raise Http404
    return found


def content_type(stored: IssuedReportFile) -> str:
    return FORMATS[stored.format].content_type
