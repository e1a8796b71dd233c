"""Files that cannot be a plan: each is refused with a message saying what is wrong."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.imports.readers import builders
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.readers import ReadLimits, read_document
from vawdasv.imports.readers.sniff import OLE2_SIGNATURE


def refused(data: bytes, name: str, **kwargs) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(data, name, **kwargs)
    return str(caught.value)


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n"])
def test_an_empty_file_is_refused(data):
    assert refused(data, "plan.docx") == "“plan.docx” is empty."


def test_a_text_file_named_docx_is_refused_as_not_a_word_document():
    message = refused(b"PREPARE\tWe will plan\n", "plan.docx")
    assert message.startswith("This file is named .docx but is not a Word document")


def test_a_pdf_named_xlsx_says_what_it_really_is():
    message = refused(builders.plan_pdf(), "plan.xlsx")
    assert "named .xlsx but is not an Excel workbook: it is a PDF" in message


def test_a_word_document_named_pdf_is_refused():
    assert "is not a PDF: it is a Word document" in refused(builders.plan_docx(), "plan.pdf")


def test_a_corrupt_zip_is_refused_as_damaged():
    data = builders.plan_docx()[:400]  # cut off: the zip directory is missing
    assert "is damaged and cannot be opened" in refused(data, "plan.docx")


def test_a_word_package_with_broken_xml_is_refused_as_damaged():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document>")
    message = refused(buffer.getvalue(), "plan.docx")
    assert "Word document that cannot be opened" in message


def test_a_zip_that_is_not_office_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/plan.jpg", b"not really")
    assert "is a zip archive, not a Word or Excel document" in refused(buffer.getvalue(), "a.zip")


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """About 300 KB that would unpack to 300 MB: one member of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            zeros = bytes(1024 * 1024)
            for _megabyte in range(300):
                member.write(zeros)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(zip_bomb, monkeypatch):
    assert len(zip_bomb) < 1024 * 1024

    def never(*args, **kwargs):
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    message = refused(zip_bomb, "plan.docx")
    assert "would unpack to 300 MB" in message
    assert "zip bomb" in message


def test_a_package_of_many_small_members_adding_up_too_far_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(12):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", bytes(100_000))
    limits = ReadLimits(max_unpacked_bytes=1_000_000)
    assert "would unpack to" in refused(buffer.getvalue(), "plan.xlsx", limits=limits)


def test_an_encrypted_office_document_is_refused_as_password_protected():
    data = OLE2_SIGNATURE + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    for name in ("plan.docx", "plan.xlsx", "plan"):
        assert refused(data, name).startswith("This document is password-protected")


def test_an_old_word_document_is_refused_with_how_to_save_it_as_docx():
    data = OLE2_SIGNATURE + bytes(1024)
    assert "older Word (.doc) or Excel (.xls)" in refused(data, "plan.doc")


def test_binary_junk_named_txt_is_refused():
    data = bytes(range(256)) * 4
    assert "is not a Word, Excel, PDF, CSV or text document" in refused(data, "plan.txt")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1000
    message = refused(builders.plan_csv() * 5, "plan.csv")
    assert message == (
        "“plan.csv” is 3 KB; the largest document that can be imported is 1000 bytes."
    )


def test_an_enormous_csv_table_is_refused_at_the_row_limit():
    limit = ReadLimits().max_rows
    assert read_document(builders.big_csv(limit - 1), "plan.csv")
    message = refused(builders.big_csv(limit), "plan.csv")
    assert "has enormous tables (more than 20,000 rows" in message


def test_an_enormous_word_table_is_refused_at_the_row_limit():
    limits = ReadLimits(max_rows=5)
    assert "has enormous tables" in refused(builders.plan_docx(), "plan.docx", limits=limits)


def test_an_enormous_workbook_is_refused_at_the_cell_limit():
    limits = ReadLimits(max_cells=10)
    assert "has enormous tables" in refused(builders.plan_xlsx(), "plan.xlsx", limits=limits)


def test_a_word_document_with_no_text_is_refused():
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert "has no text or tables in it" in refused(buffer.getvalue(), "blank.docx")
