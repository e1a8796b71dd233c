"""The dashboard's downloads are made by a worker: the page asks, a job page shows progress,
the file downloads. Spreadsheet, Word and PDF, in English or Welsh."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import openpyxl
import pdfplumber
import pytest
from django.urls import reverse

from tests.outcomes.test_publication import by_sex
from vawdasv.outcomes import downloads
from vawdasv.outcomes.enums import DownloadState
from vawdasv.outcomes.models import DashboardDownload
from vawdasv.outcomes.services import framework


@pytest.fixture
def indicator(world, outcomes):
    return framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
    )  # fmt: skip


def _ask(client, django_capture_on_commit_callbacks, **form):
    url = reverse("outcomes:dashboard-download", args=["cardiff-vale"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"format": "xlsx", "language": "en", **form})
    assert response.status_code == 302
    return DashboardDownload.objects.get(), response["Location"]


def test_the_dashboard_offers_the_downloads(client, world, outcomes, indicator):
    client.force_login(world.board)
    page = client.get(reverse("outcomes:dashboard", args=["cardiff-vale"])).content.decode()
    assert 'action="/outcomes/cardiff-vale/dashboard/download/"' in page
    assert "One-page summary (PDF)" in page


def test_a_spreadsheet_is_made_in_the_background_and_downloads(
    client, world, outcomes, indicator, django_capture_on_commit_callbacks
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    job, location = _ask(client, django_capture_on_commit_callbacks)
    assert job.state == DownloadState.DONE
    page = client.get(location).content.decode()
    assert "Ready" in page and reverse("outcomes:download-file", args=[job.pk]) in page
    response = client.get(reverse("outcomes:download-file", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.worksheets[0].values)
    assert rows[2][:4] == ("marac_cases", "MARAC cases", "2025/26 Q2", 72)
    key = [row[0] for row in book.worksheets[2].values]
    assert "suppressed" in key and "denominator missing" in key


def test_a_state_is_written_as_its_words_never_as_a_number():
    assert downloads._cell("72") == Decimal(72)
    assert downloads._cell("suppressed") == "suppressed"
    assert downloads._cell("denominator missing") == "denominator missing"
    assert downloads._cell("NaN") == "NaN"


def test_a_waiting_download_says_so_and_offers_to_check_again(client, world, outcomes, indicator):
    client.force_login(world.board)
    url = reverse("outcomes:dashboard-download", args=["cardiff-vale"])
    response = client.post(url, {"format": "pdf", "language": "en"})  # not yet committed
    job = DashboardDownload.objects.get()
    assert job.state == DownloadState.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert "Check again" in page
    assert client.get(reverse("outcomes:download-file", args=[job.pk])).status_code == 404


def test_the_welsh_one_pager_in_word_has_the_chart_with_alternative_text_and_its_table(
    client, world, outcomes, indicator, django_capture_on_commit_callbacks
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    job, _location = _ask(client, django_capture_on_commit_callbacks, format="docx",
                          language="cy")  # fmt: skip
    response = client.get(reverse("outcomes:download-file", args=[job.pk]))
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Achosion MARAC" in text and "Allwedd" in text
    descr = document.inline_shapes[0]._inline.docPr.get("descr")
    assert descr.startswith("Achosion MARAC: 72")
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "2025/26 Q2" in cells and "72" in cells


def test_the_one_pager_as_a_pdf(
    client, world, outcomes, indicator, django_capture_on_commit_callbacks
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    job, _location = _ask(client, django_capture_on_commit_callbacks, format="pdf")
    response = client.get(reverse("outcomes:download-file", args=[job.pk]))
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as pdf:
        assert "StructTreeRoot" in pdf.doc.catalog  # tagged for screen readers
        text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
    assert "MARAC cases: 72 in 2025/26 Q2" in text and "denominator missing" in text


def test_another_partnership_cannot_see_a_download(
    client, world, outcomes, indicator, django_capture_on_commit_callbacks
):
    client.force_login(world.board)
    job, location = _ask(client, django_capture_on_commit_callbacks)
    client.force_login(world.outsider)
    assert client.get(location).status_code == 404
    assert client.get(reverse("outcomes:download-file", args=[job.pk])).status_code == 404


def test_the_file_is_for_the_area_the_dashboard_showed(
    client, world, outcomes, indicator, django_capture_on_commit_callbacks
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    job, _location = _ask(
        client, django_capture_on_commit_callbacks, language="cy", area="W06000015"
    )
    response = client.get(reverse("outcomes:download-file", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.worksheets[0].values)
    assert rows[0][0] == "Data pennawd: Caerdydd"
    assert rows[2][3] == 43  # Cardiff alone


def test_a_download_that_fails_is_shown_as_failed_not_a_crashed_worker(
    client, world, outcomes, indicator, monkeypatch
):
    def broken(job):
        raise RuntimeError("typesetting failed")

    client.force_login(world.board)
    client.post(
        reverse("outcomes:dashboard-download", args=["cardiff-vale"]),
        {"format": "pdf", "language": "en"},
    )
    job = DashboardDownload.objects.get()
    monkeypatch.setattr(downloads, "render", broken)
    assert downloads.make(job.pk) is False
    job.refresh_from_db()
    assert job.state == DownloadState.FAILED and not job.stored_as
    page = client.get(reverse("outcomes:download", args=[job.pk])).content.decode()
    assert "The file could not be made" in page
    assert downloads.make(job.pk) is False  # a finished job is never made again
