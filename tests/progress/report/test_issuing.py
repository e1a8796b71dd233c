"""Issuing a report freezes its files: both languages, every format, never changed afterwards."""

from __future__ import annotations

import hashlib
import io

import docx
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests import factories
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.plans import services as plan_services
from vawdasv.progress.models import IssuedReport, IssuedReportFile
from vawdasv.progress.report.issuing import issue_report


def _files(issued) -> dict[tuple[str, str], IssuedReportFile]:
    return {(f.language, f.format): f for f in issued.files.all()}


def _bytes(stored: IssuedReportFile) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def test_issuing_stores_word_pdf_and_html_in_both_languages_with_one_audit_entry(plan, world):
    issued = issue_report(actor=world.admin, strategy=plan.strategy, period_label="2018/19")

    files = _files(issued)
    assert set(files) == {(lang, fmt) for lang in ("en", "cy") for fmt in ("pdf", "docx", "html")}
    assert issued.version == 1
    assert issued.issued_by == world.admin
    assert _bytes(files[("en", "pdf")]).startswith(b"%PDF")
    welsh = docx.Document(io.BytesIO(_bytes(files[("cy", "docx")])))
    assert "Erbyn" in [cell.text for table in welsh.tables for cell in table.rows[0].cells]
    for stored in files.values():
        content = _bytes(stored)
        assert stored.size == len(content)
        assert stored.sha256 == hashlib.sha256(content).hexdigest()
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(IssuedReport), verb=Verb.CREATED
    )
    assert [e.changes["version"]["after"] for e in entries] == [1]


def test_a_later_change_to_the_plan_never_alters_an_issued_report(plan, world):
    issued = issue_report(actor=world.admin, strategy=plan.strategy, period_label="2018/19")
    before = {key: _bytes(stored) for key, stored in _files(issued).items()}

    plan_services.update_action(
        actor=world.admin, action=plan.matac, data={"text_en": "Changed after issuing"}
    )
    again = issue_report(actor=world.admin, strategy=plan.strategy, period_label="2018/19")

    assert again.version == 2
    assert {key: _bytes(stored) for key, stored in _files(issued).items()} == before
    assert b"Changed after issuing" not in before[("en", "html")]
    assert IssuedReport.objects.filter(strategy=plan.strategy).count() == 2


def test_only_the_regional_team_may_issue_a_report(plan, world):
    with pytest.raises(PermissionDenied):
        issue_report(actor=world.lead, strategy=plan.strategy, period_label="2018/19")
    assert not IssuedReport.objects.exists()


def test_the_report_page_issues_lists_and_downloads_the_frozen_files(plan, world, client):
    client.force_login(world.admin)
    url = reverse("progress:report-issue", kwargs={"slug": plan.strategy.slug})

    response = client.post(url, {"period": "2018/19"})

    assert response.status_code == 302
    issued = IssuedReport.objects.get()
    page = client.get(response["Location"])
    assert "Issue this report" in page.content.decode()
    stored = _files(issued)[("cy", "pdf")]
    assert stored.file_name in page.content.decode()
    client.force_login(world.board)
    download = client.get(
        reverse("progress:report-issued-file", kwargs={"slug": plan.strategy.slug, "pk": stored.pk})
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == _bytes(stored)
    assert "Issue this report" not in client.get(response["Location"]).content.decode()


def test_a_bad_period_is_refused_with_a_message_and_nothing_is_issued(plan, world, client):
    client.force_login(world.admin)
    url = reverse("progress:report-issue", kwargs={"slug": plan.strategy.slug})

    response = client.post(url, {"period": "not a period"}, follow=True)

    assert "The reporting period is not valid." in response.content.decode()
    assert not IssuedReport.objects.exists()


def test_another_partnerships_administrator_cannot_download_an_issued_file(plan, world, client):
    issued = issue_report(actor=world.admin, strategy=plan.strategy, period_label="2018/19")
    stored = _files(issued)[("en", "docx")]
    client.force_login(world.outsider)

    response = client.get(
        reverse("progress:report-issued-file", kwargs={"slug": plan.strategy.slug, "pk": stored.pk})
    )

    assert response.status_code == 403  # as for the report page itself


def test_the_report_page_shows_translation_progress_before_issuing(plan, world, client):
    factories.ActionFactory(
        commitment=plan.data_collection.commitment, text_en="Only in English",
        timescale_text="Ongoing", due_date=None,
    )  # fmt: skip
    client.force_login(world.admin)

    page = client.get(
        reverse("progress:report", kwargs={"slug": plan.strategy.slug}), {"period": "2018/19"}
    ).content.decode()

    assert "Welsh edition: 1 texts not yet translated." in page
