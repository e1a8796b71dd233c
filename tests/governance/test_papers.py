"""Meeting papers and the terms-of-reference document: checked files, kept under their hash,
downloaded as attachments, removed after confirming, every change audited."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from vawdasv.audit.models import AuditEntry
from vawdasv.governance import papers
from vawdasv.governance.models import MeetingPaper, TermsDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def _docx(text: str = "Quarterly performance report") -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _with_macros() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/vbaProject.bin", b"macro")
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_paper_is_kept_under_its_hash_with_a_clean_name_and_one_audit_entry(world, gov):
    before = AuditEntry.objects.count()
    paper = papers.add_paper(
        actor=world.admin, meeting=gov.june,
        data={"title_en": "Performance report", "title_cy": "Adroddiad perfformiad"},
        uploaded_file=upload("../../<script>Report.pdf", PDF),
    )  # fmt: skip
    assert paper.file_name == "script Report.pdf"
    assert paper.file.name.startswith(f"governance/papers/{gov.june.pk}/{paper.sha256[:12]}")
    assert default_storage.open(paper.file.name).read() == PDF
    assert paper.content_type == "application/pdf" and paper.size == len(PDF)
    assert AuditEntry.objects.count() == before + 1


def test_a_paper_without_a_title_takes_the_file_name(world, gov):
    paper = papers.add_paper(
        actor=world.admin, meeting=gov.june, data={}, uploaded_file=upload("Budget.docx", _docx())
    )
    assert paper.title_en == "Budget.docx"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("program.pdf", EXE, "is not a PDF"),
        ("macro.docx", _with_macros(), "macro"),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "is not a type of file that can be added"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_a_refused_file_says_why_and_leaves_nothing_behind(world, gov, name, data, message):
    with pytest.raises(ValidationError) as refused:
        papers.add_paper(
            actor=world.admin, meeting=gov.june, data={}, uploaded_file=upload(name, data)
        )
    assert message in " ".join(refused.value.message_dict["file"])
    assert not MeetingPaper.objects.exists()
    assert not default_storage.exists(f"governance/papers/{gov.june.pk}")


def test_the_same_file_twice_and_one_too_many_are_refused(world, gov, settings):
    settings.GOVERNANCE_MAX_PAPERS = 2
    papers.add_paper(actor=world.admin, meeting=gov.june, data={},
                     uploaded_file=upload("a.pdf", PDF))  # fmt: skip
    with pytest.raises(ValidationError, match="already a paper for this meeting"):
        papers.add_paper(actor=world.admin, meeting=gov.june, data={},
                         uploaded_file=upload("copy.pdf", PDF))  # fmt: skip
    papers.add_paper(actor=world.admin, meeting=gov.june, data={},
                     uploaded_file=upload("b.docx", _docx()))  # fmt: skip
    with pytest.raises(ValidationError, match="the most it can hold"):
        papers.add_paper(actor=world.admin, meeting=gov.june, data={},
                         uploaded_file=upload("c.docx", _docx("Another")))  # fmt: skip


def test_a_file_larger_than_the_limit_is_refused(world, gov, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="Files must be"):
        papers.add_paper(
            actor=world.admin, meeting=gov.june, data={}, uploaded_file=upload("a.pdf", PDF)
        )


def test_only_the_regional_team_may_add_papers(world, gov):
    with pytest.raises(PermissionDenied):
        papers.add_paper(
            actor=world.lead, meeting=gov.june, data={}, uploaded_file=upload("a.pdf", PDF)
        )


def test_removing_a_paper_deletes_its_file_after_the_commit(
    world, gov, django_capture_on_commit_callbacks
):
    paper = papers.add_paper(
        actor=world.admin, meeting=gov.june, data={}, uploaded_file=upload("a.pdf", PDF)
    )
    name, pk = paper.file.name, paper.pk
    with django_capture_on_commit_callbacks(execute=True):
        papers.remove_paper(actor=world.admin, paper=paper)
    assert not MeetingPaper.objects.exists()
    assert not default_storage.exists(name)
    assert AuditEntry.objects.filter(verb="deleted", object_id=pk).exists()


def test_a_new_terms_document_replaces_the_old_one_and_both_changes_are_audited(
    world, gov, django_capture_on_commit_callbacks
):
    first = papers.set_terms_document(
        actor=world.admin, group=gov.group, uploaded_file=upload("Terms 2025.pdf", PDF)
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = papers.set_terms_document(
            actor=world.admin, group=gov.group, uploaded_file=upload("Terms 2026.docx", _docx())
        )
    assert list(TermsDocument.objects.values_list("file_name", flat=True)) == ["Terms 2026.docx"]
    assert not default_storage.exists(first.file.name)
    assert default_storage.exists(second.file.name)


def test_the_meeting_page_lists_papers_and_the_upload_form_works_without_javascript(world, gov):
    client = _client(world.admin)
    response = client.post(
        f"/governance/meetings/{gov.june.pk}/papers/new/",
        {"title_en": "Performance report", "title_cy": "Adroddiad perfformiad",
         "file": upload("report.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/governance/meetings/{gov.june.pk}/").content.decode()
    assert "Performance report" in page and "report.pdf" in page
    welsh = client.get(f"/cy/governance/meetings/{gov.june.pk}/").content.decode()
    assert "Adroddiad perfformiad" in welsh


def test_a_refused_upload_is_shown_on_the_form_with_a_400(world, gov):
    response = _client(world.admin).post(
        f"/governance/meetings/{gov.june.pk}/papers/new/",
        {"title_en": "x", "file": upload("program.pdf", EXE)},
    )
    assert response.status_code == 400
    assert "is not a PDF" in response.content.decode()
    assert not MeetingPaper.objects.exists()


def test_a_paper_downloads_as_an_attachment_that_the_browser_may_not_sniff(world, gov):
    paper = papers.add_paper(
        actor=world.admin, meeting=gov.june, data={}, uploaded_file=upload("report.pdf", PDF)
    )
    response = _client(world.board).get(f"/governance/papers/{paper.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert _client(world.outsider).get(f"/governance/papers/{paper.pk}/").status_code == 404


def test_removing_a_paper_asks_first_and_removes_only_on_post(world, gov):
    paper = papers.add_paper(
        actor=world.admin, meeting=gov.june, data={}, uploaded_file=upload("report.pdf", PDF)
    )
    client = _client(world.admin)
    confirm = client.get(f"/governance/papers/{paper.pk}/remove/")
    assert confirm.status_code == 200 and "Remove this paper?" in confirm.content.decode()
    assert MeetingPaper.objects.exists()
    assert client.post(f"/governance/papers/{paper.pk}/remove/").status_code == 302
    assert not MeetingPaper.objects.exists()


def test_the_terms_document_is_offered_on_the_group_page_and_downloads(world, gov):
    client = _client(world.admin)
    response = client.post(
        f"/governance/groups/{gov.group.pk}/terms/new/", {"file": upload("Terms.pdf", PDF)}
    )
    assert response.status_code == 302
    page = client.get(f"/governance/groups/{gov.group.pk}/").content.decode()
    assert "Terms.pdf" in page
    download = _client(world.board).get(f"/governance/groups/{gov.group.pk}/terms/")
    assert download["Content-Disposition"].startswith("attachment")
    assert client.post(f"/governance/groups/{gov.group.pk}/terms/remove/").status_code == 302
    assert not TermsDocument.objects.exists()


def test_the_meeting_pack_lists_the_papers_by_title_in_the_packs_language(world, gov):
    from vawdasv.governance.pack import gather, render_docx

    papers.add_paper(
        actor=world.admin, meeting=gov.june,
        data={"title_en": "Performance report", "title_cy": "Adroddiad perfformiad"},
        uploaded_file=upload("report.pdf", PDF),
    )  # fmt: skip
    assert gather(gov.june, "cy").papers == ["Adroddiad perfformiad (report.pdf)"]
    text = "\n".join(
        p.text for p in Document(io.BytesIO(render_docx(gather(gov.june, "en")))).paragraphs
    )
    assert "Performance report (report.pdf)" in text
