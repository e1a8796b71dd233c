"""The shared file checker's own API: what it returns, what it allows, how it measures."""

from __future__ import annotations

import zlib

import pytest

from tests.security.test_hostile_files import ATTACKER, odf, plan_docx
from vawdasv.lib import filecheck
from vawdasv.lib.filecheck import FileKind, Reason, RefusedFile

OFFICE = {FileKind.DOCX, FileKind.XLSX, FileKind.ODT}


def pdf_with_stream(dictionary: bytes, raw: bytes) -> bytes:
    return (
        b"%PDF-1.4\n4 0 obj << " + dictionary + b" /Length " + str(len(raw)).encode() + b" >>"
        b"\nstream\n" + raw + b"\nendstream\nendobj\n%%EOF\n"
    )


def test_an_accepted_document_comes_back_as_what_it_is():
    checked = filecheck.check_upload("plan.docx", plan_docx(), OFFICE)
    assert checked == filecheck.CheckedFile(
        name="plan.docx", kind=FileKind.DOCX, size=len(plan_docx())
    )


def test_a_kind_not_allowed_here_is_refused_before_anything_is_opened():
    with pytest.raises(RefusedFile) as refused:
        filecheck.check_upload("plan.docx", plan_docx(), {FileKind.PDF})
    assert refused.value.reason is Reason.NOT_ALLOWED
    assert "is not a type of file that can be uploaded here" in refused.value.message


def test_the_kind_the_caller_knows_overrides_the_name():
    checked = filecheck.check_upload("upload.bin", plan_docx(), OFFICE, kind=FileKind.DOCX)
    assert checked.kind is FileKind.DOCX


def test_an_opendocument_with_a_chart_and_a_hyperlink_is_accepted():
    data = odf(
        {
            "Object 1/content.xml": b"<office:document-content/>",
            "ObjectReplacements/Object 1": b"\x00\x01 picture of the chart",
        },
        b'<text:p><text:a xlink:href="https://gov.wales/">Welsh Government</text:a></text:p>',
    )
    assert filecheck.check_upload("report.odt", data, OFFICE).kind is FileKind.ODT


def test_each_refusal_says_which_kind_of_danger_it_is():
    with pytest.raises(RefusedFile) as refused:
        filecheck.check_upload(
            "report.odt", odf({}, f'<draw:object xlink:href="{ATTACKER}"/>'.encode()), OFFICE
        )
    assert refused.value.reason is Reason.EXTERNAL
    assert ATTACKER in refused.value.message


def test_a_pdf_stream_compressed_twice_is_measured_through_both_stages():
    inner = zlib.compress(bytes(8 * 1024 * 1024), 9)
    data = pdf_with_stream(b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(inner, 9))
    with pytest.raises(RefusedFile, match="unpacks to more than 1 MB"):
        filecheck.check_pdf_streams(
            data, "plan.pdf", max_stream_bytes=1024 * 1024, max_total_bytes=10 * 1024 * 1024
        )


def test_many_pdf_streams_are_refused_by_their_total_even_if_each_is_within_its_limit():
    stream = pdf_with_stream(b"/Filter /FlateDecode", zlib.compress(bytes(600 * 1024), 9))
    with pytest.raises(RefusedFile, match="unpacks to more than 2 MB"):
        filecheck.check_pdf_streams(
            stream * 5, "plan.pdf", max_stream_bytes=1024 * 1024, max_total_bytes=2 * 1024 * 1024
        )


def test_image_streams_are_left_alone_because_reading_text_never_inflates_them():
    data = pdf_with_stream(
        b"/Type /XObject /Subtype /Image /Filter /FlateDecode",
        zlib.compress(bytes(8 * 1024 * 1024), 9),
    )
    filecheck.check_pdf_streams(
        data, "plan.pdf", max_stream_bytes=1024 * 1024, max_total_bytes=1024 * 1024
    )
