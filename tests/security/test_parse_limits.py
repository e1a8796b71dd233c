"""Bounded import parsing: limits on what a document may unpack to, and a limited child process.

Low limits are set in each test so the refusal comes quickly; the documents are generated here.
Every import here really runs the parse worker process (one test proves the parent does not
read the document itself).
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from tests.imports.readers import builders
from vawdasv.imports import sandbox, uploads
from vawdasv.imports.document import SourceDocument, Table, TableRow, TextLine, UnreadableDocument
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.models import PlanImport

MEGABYTE = 1024 * 1024


def docx_with_paragraphs(count: int) -> bytes:
    """A Word document of `count` distinct paragraphs, its XML written directly (fast to build)."""
    document = docx.Document()
    document.add_paragraph("Implementation plan")
    base = io.BytesIO()
    document.save(base)
    paragraphs = b"".join(
        b"<w:p><w:r><w:t>Action %d: map %x services in area %o</w:t></w:r></w:p>"
        % (n, n * 7919, n * 31)
        for n in range(count)
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", paragraphs + b"<w:sectPr", 1)
            target.writestr(info.filename, data)
    return out.getvalue()


def pdf_with_content_stream(unpacked: int) -> bytes:
    """A one-page PDF whose content stream inflates to `unpacked` bytes (packed far smaller)."""
    import zlib

    line = b"BT /F1 12 Tf 72 712 Td (We will map services) Tj ET\n"
    packed = zlib.compress(line * (unpacked // len(line) + 1), 9)
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> "
        b"endobj\n4 0 obj << /Length " + str(len(packed)).encode() + b" /Filter /FlateDecode >>"
        b"\nstream\n" + packed + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def upload(client: Client, url: str, name: str, data: bytes):
    return client.post(url, {"document": SimpleUploadedFile(name, data), "pasted_text": ""})


@pytest.fixture(autouse=True)
def _no_document_read_before():
    """Each test reads its documents afresh in the worker, not from the last test's cache."""
    sandbox.clear_cache()


@pytest.fixture
def admin(world) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client


@pytest.fixture
def runs(monkeypatch) -> list[list[str]]:
    """The worker processes started, recorded as they really run."""
    started: list[list[str]] = []
    real_run = subprocess.run

    def recording(command, *args, **kwargs):
        # subprocess.run is patched for the whole process; count only the parse worker.
        if list(command)[1:] == ["-m", sandbox.WORKER_MODULE]:
            started.append(list(command))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(sandbox.subprocess, "run", recording)
    return started


def _nothing_saved(settings) -> None:
    assert not PlanImport.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "imports").exists()


def _refused_page(admin, response, strategy=None) -> str:
    """An upload is read by the background task (run at once in tests): the import is kept as
    refused, nothing is written to a plan, and its page gives the reason. A revision names the
    strategy it was uploaded to revise from the start."""
    assert response.status_code == 302
    plan_import = PlanImport.objects.get()
    assert plan_import.status == ImportStatus.REFUSED
    assert plan_import.strategy == strategy
    return admin.get(response.url).content.decode()


def test_a_docx_of_huge_xml_is_refused_by_its_unpacked_size_naming_it(admin, settings, runs):
    settings.IMPORT_MAX_MEMBER_BYTES = MEGABYTE
    response = upload(
        admin, "/imports/new/cardiff-vale/", "plan.docx", docx_with_paragraphs(30_000)
    )
    assert "would unpack to 2 MB" in _refused_page(admin, response)
    assert len(runs) == 1


def test_a_docx_of_too_many_paragraphs_is_refused_naming_the_limit(admin, settings, runs):
    settings.IMPORT_MAX_PARAGRAPHS = 500
    response = upload(admin, "/imports/new/cardiff-vale/", "plan.docx", docx_with_paragraphs(2_000))
    assert "more than 500 paragraphs or lines" in _refused_page(admin, response)
    assert len(runs) == 1


def test_a_pdf_with_a_very_large_compressed_stream_is_refused_naming_the_limit(
    admin, settings, runs
):
    settings.IMPORT_PDF_MAX_STREAM_BYTES = MEGABYTE
    data = pdf_with_content_stream(40 * MEGABYTE)
    assert len(data) < MEGABYTE
    response = upload(admin, "/imports/new/cardiff-vale/", "plan.pdf", data)
    assert "unpacks to more than 1 MB" in _refused_page(admin, response)
    assert len(runs) == 1


def test_a_document_needing_more_cpu_time_than_allowed_is_stopped_naming_the_limit(world, settings):
    settings.IMPORT_PARSE_CPU_SECONDS = 1
    with pytest.raises(UnreadableDocument) as refused:
        uploads.create_import(
            actor=world.admin,
            partnership=world.partnership,
            filename="plan.docx",
            data=docx_with_paragraphs(15_000),
        )
    assert "limit of 1 seconds of processing" in str(refused.value)
    _nothing_saved(settings)


def test_a_document_needing_more_memory_than_allowed_is_stopped_naming_the_limit(world, settings):
    settings.IMPORT_PARSE_MEMORY_MB = 200
    settings.IMPORT_MAX_PARAGRAPHS = 10_000_000
    with pytest.raises(UnreadableDocument) as refused:
        uploads.create_import(
            actor=world.admin,
            partnership=world.partnership,
            filename="plan.docx",
            data=docx_with_paragraphs(400_000),
        )
    assert "200 MB of memory" in str(refused.value)
    _nothing_saved(settings)


def test_a_document_taking_longer_than_the_wall_clock_limit_is_stopped(world, settings):
    settings.IMPORT_PARSE_WALL_SECONDS = 2
    with pytest.raises(UnreadableDocument) as refused:
        uploads.create_import(
            actor=world.admin,
            partnership=world.partnership,
            filename="plan.docx",
            data=docx_with_paragraphs(30_000),
        )
    assert "took longer than the limit of 2 seconds" in str(refused.value)
    _nothing_saved(settings)


def test_the_refusal_is_given_in_welsh_to_a_welsh_reader(world, settings):
    settings.IMPORT_MAX_PARAGRAPHS = 500
    with translation.override("cy"), pytest.raises(UnreadableDocument) as refused:
        uploads.create_import(
            actor=world.admin,
            partnership=world.partnership,
            filename="plan.docx",
            data=docx_with_paragraphs(2_000),
        )
    message = str(refused.value)
    assert "500" in message
    assert "paragraphs" not in message


def test_a_normal_plan_still_imports_through_the_worker_and_the_parent_never_parses_it(
    admin, monkeypatch, runs
):
    def parent_must_not_parse(*args, **kwargs):
        raise AssertionError("the document was read in the web process")

    monkeypatch.setattr("vawdasv.imports.readers.read_document", parent_must_not_parse)
    monkeypatch.setattr("vawdasv.imports.readers.docx.read_docx", parent_must_not_parse)
    response = upload(admin, "/imports/new/cardiff-vale/", "plan.docx", builders.plan_docx())
    assert response.status_code == 302
    assert PlanImport.objects.get().original_filename == "plan.docx"
    assert len(runs) == 1


def test_the_revise_journey_reads_in_the_worker_and_refuses_past_the_limits(
    admin, world, settings, runs
):
    settings.IMPORT_PDF_MAX_STREAM_BYTES = MEGABYTE
    url = f"/imports/revise/{world.strategy.slug}/"
    response = upload(admin, url, "plan.pdf", pdf_with_content_stream(40 * MEGABYTE))
    assert "unpacks to more than 1 MB" in _refused_page(admin, response, world.strategy)
    assert len(runs) == 1


def test_the_import_plan_command_reads_in_the_worker_and_refuses_past_the_limits(
    world, settings, tmp_path, runs
):
    settings.IMPORT_PDF_MAX_STREAM_BYTES = MEGABYTE
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_with_content_stream(40 * MEGABYTE))
    with pytest.raises(CommandError, match="unpacks to more than 1 MB"):
        call_command("import_plan", str(path), "--dry-run")
    assert len(runs) == 1


def test_the_reimport_plan_command_reads_in_the_worker_and_refuses_past_the_limits(
    world, settings, tmp_path, runs
):
    settings.IMPORT_MAX_PARAGRAPHS = 500
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_with_paragraphs(2_000))
    with pytest.raises(CommandError, match="more than 500 paragraphs"):
        call_command("reimport_plan", str(path), "--strategy", world.strategy.slug)
    assert len(runs) == 1


def test_a_document_read_again_is_not_parsed_again_but_a_changed_one_is(world, runs):
    data = builders.plan_docx()  # built once: Word files carry the time they were saved
    first = uploads.read_plan(data, "plan.docx")
    again = uploads.read_plan(data, "plan.docx")
    assert again == first
    assert len(runs) == 1
    uploads.read_plan(builders.plan_xlsx(), "plan.xlsx")
    assert len(runs) == 2


def test_when_every_worker_is_busy_the_person_is_asked_to_try_again(world, settings, monkeypatch):
    import threading

    settings.IMPORT_PARSE_WALL_SECONDS = 0
    busy = threading.BoundedSemaphore(1)
    busy.acquire()
    monkeypatch.setattr(sandbox, "_slot", lambda limits: busy)
    with pytest.raises(UnreadableDocument, match="The server is busy reading other documents"):
        uploads.read_plan(builders.plan_docx(), "plan.docx")


def test_a_worker_that_cannot_start_gives_a_message_not_a_server_error(admin, monkeypatch):
    def cannot_start(*args, **kwargs):
        raise FileNotFoundError("python3.11")

    monkeypatch.setattr(sandbox.subprocess, "run", cannot_start)
    response = upload(admin, "/imports/new/cardiff-vale/", "plan.docx", builders.plan_docx())
    assert "Documents cannot be read just now" in _refused_page(admin, response)


def test_a_source_document_crosses_the_process_boundary_as_plain_data_and_back():
    document = SourceDocument(
        name="plan.docx",
        blocks=[
            TextLine(text="PREPARE", location="paragraph 1", style="heading"),
            # The words in bold or italics name the section a report's paragraph is about.
            TextLine("Needs Assessment is ongoing.", "paragraph 2", "body", ("Needs Assessment",)),
            Table(rows=[TableRow(cells=["a", ""], location="table 1, row 1")], location="table 1"),
            # What the importer reads from a file must survive the boundary too: cell shading
            # (RAG shown as colour only), how a pasted table was split, and the file's title.
            Table(
                rows=[TableRow(cells=["b", ""], location="table 2, row 1", fills={1: "FF0000"})],
                location="table 2",
                split_by_spaces=True,
            ),
            Table(
                rows=[TableRow(cells=["c"], location="table 3, row 1")],
                location="table 3",
                split_by_shapes=True,
            ),
        ],
        title="Safer Together Plan 2030",
    )
    import json

    plain = json.loads(json.dumps(sandbox.document_to_plain(document)))
    assert sandbox.document_from_plain(plain) == document


@pytest.mark.parametrize(
    "plain",
    [
        {"name": "x", "blocks": [{"line": ["t", "l", "<script>"]}]},
        {"name": "x", "blocks": [{"line": [1, "l", "body"]}]},
        {"name": "x", "blocks": [{"line": ["t", "l", "body", "bold words"]}]},
        {"name": "x", "blocks": [{"line": ["t", "l", "body", [1]]}]},
        {"name": "x", "blocks": [{"table": {"location": "t", "rows": [["cells", "r"]]}}]},
        {"name": "x", "blocks": [{"eval": "os.system"}]},
        {"blocks": []},
    ],
)
def test_anything_from_the_worker_not_shaped_like_a_document_is_refused(plain):
    with pytest.raises(ValueError):
        sandbox.document_from_plain(plain)
