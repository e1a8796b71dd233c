"""The dashboard's downloads are made by a worker (ops.exports): the page asks, the download's
page shows progress, the file downloads. Spreadsheet, Word and PDF, in English or Welsh."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import openpyxl
import pdfplumber
import pytest
from django.urls import reverse

from tests.outcomes.test_publication import by_sex
from vawdasv.ops.models import ExportJob, ExportState
from vawdasv.outcomes import downloads
from vawdasv.outcomes.services import framework


@pytest.fixture
def indicator(world, outcomes):
    return framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
    )  # fmt: skip


def _ask(client, **form):
    url = reverse("outcomes:dashboard-download", args=["cardiff-vale"])
    response = client.post(url, {"format": "xlsx", "language": "en", **form})
    assert response.status_code == 302
    return ExportJob.objects.get(kind=downloads.KIND), response["Location"]


def _file(client, job):
    response = client.get(reverse("core:export-file", kwargs={"token": job.token}))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_the_dashboard_offers_the_downloads(client, world, outcomes, indicator):
    client.force_login(world.board)
    page = client.get(reverse("outcomes:dashboard", args=["cardiff-vale"])).content.decode()
    assert 'action="/outcomes/cardiff-vale/dashboard/download/"' in page
    assert "One-page summary (PDF)" in page


def test_a_spreadsheet_is_made_in_the_background_and_downloads(client, world, outcomes, indicator):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    job, location = _ask(client)
    assert job.state == ExportState.DONE
    assert job.params == {"slug": "cardiff-vale", "format": "xlsx", "area": "", "theme": ""}
    page = client.get(location).content.decode()
    assert "Your file is ready" in page
    assert reverse("core:export-file", kwargs={"token": job.token}) in page
    _response, data = _file(client, job)
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows = list(book.worksheets[0].values)
    assert rows[2][:4] == ("marac_cases", "MARAC cases", "2025/26 Q2", 72)
    key = [row[0] for row in book.worksheets[2].values]
    assert "suppressed" in key and "denominator missing" in key


def test_a_state_is_written_as_its_words_never_as_a_number():
    assert downloads._cell("72") == Decimal(72)
    assert downloads._cell("suppressed") == "suppressed"
    assert downloads._cell("denominator missing") == "denominator missing"
    assert downloads._cell("NaN") == "NaN"


def test_a_waiting_download_says_so_and_offers_to_check_again(
    client, world, outcomes, indicator, settings
):
    # With the database queue the request only records the job; a worker makes the file.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(world.board)
    url = reverse("outcomes:dashboard-download", args=["cardiff-vale"])
    response = client.post(url, {"format": "pdf", "language": "en"})
    job = ExportJob.objects.get()
    assert job.state == ExportState.QUEUED and job.task_id
    page = client.get(response["Location"]).content.decode()
    assert "Check again" in page
    file_url = reverse("core:export-file", kwargs={"token": job.token})
    assert client.get(file_url).status_code == 404


def test_the_welsh_one_pager_in_word_has_the_chart_with_alternative_text_and_its_table(
    client, world, outcomes, indicator
):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    job, _location = _ask(client, format="docx", language="cy")
    _response, data = _file(client, job)
    assert job.file_name == "headline-data-cardiff-vale-cy.docx"
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Achosion MARAC" in text and "Allwedd" in text
    descr = document.inline_shapes[0]._inline.docPr.get("descr")
    assert descr.startswith("Achosion MARAC: 72")
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "2025/26 Q2" in cells and "72" in cells


def test_the_one_pager_as_a_pdf(client, world, outcomes, indicator):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    job, _location = _ask(client, format="pdf")
    response, data = _file(client, job)
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "StructTreeRoot" in pdf.doc.catalog  # tagged for screen readers
        text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
    assert "MARAC cases: 72 in 2025/26 Q2" in text and "denominator missing" in text


def test_another_partnership_cannot_ask_for_or_see_a_download(client, world, outcomes, indicator):
    client.force_login(world.board)
    job, location = _ask(client)
    client.force_login(world.outsider)
    assert client.get(location).status_code == 404
    file_url = reverse("core:export-file", kwargs={"token": job.token})
    assert client.get(file_url).status_code == 404
    url = reverse("outcomes:dashboard-download", args=["cardiff-vale"])
    assert client.post(url, {"format": "xlsx", "language": "en"}).status_code == 404
    assert ExportJob.objects.count() == 1


def test_the_file_is_for_the_area_the_dashboard_showed(client, world, outcomes, indicator):
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    client.force_login(world.board)
    job, _location = _ask(client, language="cy", area="W06000015")
    _response, data = _file(client, job)
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows = list(book.worksheets[0].values)
    assert rows[0][0] == "Data pennawd: Caerdydd"
    assert rows[2][3] == 43  # Cardiff alone


def test_a_download_that_fails_is_shown_as_failed_not_a_crashed_worker(
    client, world, outcomes, indicator, monkeypatch
):
    def broken(sheet, language):
        raise RuntimeError("typesetting failed")

    monkeypatch.setattr(downloads, "render_pdf", broken)
    client.force_login(world.board)
    job, location = _ask(client, format="pdf")
    assert job.state == ExportState.FAILED and not job.file
    page = client.get(location).content.decode()
    assert "Your file could not be made" in page
