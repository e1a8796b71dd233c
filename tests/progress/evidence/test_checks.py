"""Evidence names are cleaned, and files are accepted only when their bytes match their name."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.progress.evidence.conftest import EXE, JPEG, PDF, PNG, docx_bytes, zip_bytes
from vawdasv.progress.evidence import check_file, check_link, clean_file_name


def _message(error: ValidationError) -> str:
    return " ".join(error.message_dict["file"])


# Names -----------------------------------------------------------------------------------


def test_a_path_in_the_name_keeps_only_its_last_part():
    assert clean_file_name("../../etc/passwd") == "passwd"
    assert clean_file_name("..\\..\\Windows\\system.ini") == "system.ini"
    assert clean_file_name("/var/www/../../report.pdf") == "report.pdf"


def test_a_reserved_windows_name_is_changed_so_windows_can_save_it():
    assert clean_file_name("CON.pdf") == "CON_.pdf"
    assert clean_file_name("lpt1.txt") == "lpt1_.txt"
    assert clean_file_name("Console.pdf") == "Console.pdf"


def test_markup_in_a_name_is_taken_out():
    cleaned = clean_file_name("<script>alert(1)</script>.pdf")
    assert "<" not in cleaned and ">" not in cleaned
    assert cleaned.endswith(".pdf")
    assert clean_file_name("<script>.pdf") == "script.pdf"


def test_welsh_letters_are_kept():
    assert (
        clean_file_name("Adroddiad ŵyr a ŷd – Caerdydd.docx") == "Adroddiad ŵyr a ŷd Caerdydd.docx"
    )


def test_leading_dots_and_control_characters_are_removed():
    assert clean_file_name(".htaccess.txt") == "htaccess.txt"
    assert clean_file_name("minutes\x00\r\n.pdf") == "minutes.pdf"


def test_a_right_to_left_override_cannot_disguise_the_extension():
    # "report\u202efdp.exe" displays as "reportexe.pdf" in many file managers.
    assert clean_file_name("report\u202efdp.exe") == "reportfdp.exe"


def test_a_long_name_is_shortened_but_keeps_its_extension():
    cleaned = clean_file_name("a" * 300 + ".PDF")
    assert len(cleaned) == 100
    assert cleaned.endswith(".pdf")


def test_a_name_with_nothing_safe_left_gets_a_plain_name():
    assert clean_file_name("<>.pdf") == "evidence.pdf"
    assert clean_file_name("") == "evidence"


# Content ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("photo.png", PNG, "image/png"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        ("photo.JPG", JPEG, "image/jpeg"),
        ("figures.csv", b"Ardal,Nifer\nCaerdydd,40\n", "text/csv"),
        ("notes.txt", "Cyfarfod – ŵyr".encode(), "text/plain"),
    ],
)
def test_each_allowed_type_is_accepted_when_its_content_matches(name, data, content_type):
    assert check_file(name, data).content_type == content_type


def test_a_real_word_document_is_accepted():
    file_type = check_file("evaluation.docx", docx_bytes())
    assert file_type.content_type.endswith("wordprocessingml.document")


def test_an_opendocument_text_is_recognised_by_its_mimetype_member():
    odt = zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
    )
    assert check_file("minutes.odt", odt).content_type == "application/vnd.oasis.opendocument.text"
    with pytest.raises(ValidationError):
        check_file("minutes.ods", odt)


def test_a_program_renamed_pdf_is_refused_with_the_file_named():
    with pytest.raises(ValidationError) as refused:
        check_file("minutes.pdf", EXE)
    assert "“minutes.pdf” is named .pdf but is not a PDF" in _message(refused.value)


def test_a_word_document_renamed_xlsx_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_file("figures.xlsx", docx_bytes())
    assert "figures.xlsx" in _message(refused.value)


def test_a_plain_zip_named_docx_is_refused():
    with pytest.raises(ValidationError):
        check_file("report.docx", zip_bytes({"readme.txt": b"hello"}))


def test_a_word_document_with_macros_is_refused():
    members = {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        "word/vbaProject.bin": b"\x00" * 16,
    }
    with pytest.raises(ValidationError) as refused:
        check_file("report.docx", zip_bytes(members))
    assert "macros" in _message(refused.value)


def test_an_opendocument_text_with_basic_macros_is_refused_with_the_file_named():
    odt = zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<x/>",
            "Basic/Standard/Module1.xml": b"<script:module/>",
        }
    )
    with pytest.raises(ValidationError) as refused:
        check_file("minutes.odt", odt)
    assert "“minutes.odt” contains macros" in _message(refused.value)


def test_an_opendocument_spreadsheet_with_scripts_is_refused():
    ods = zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<x/>",
            "Scripts/python/run.py": b"import os",
        }
    )
    with pytest.raises(ValidationError) as refused:
        check_file("figures.ods", ods)
    assert "“figures.ods” contains macros" in _message(refused.value)


def test_an_opendocument_with_a_picture_is_still_accepted():
    odt = zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<x/>",
            "Pictures/basic-training.png": PNG,
        }
    )
    assert check_file("minutes.odt", odt).content_type.endswith("opendocument.text")


@pytest.mark.parametrize(
    "embedded", ["word/embeddings/oleObject1.bin", "word/embeddings/Macro_Worksheet.xlsm"]
)
def test_a_word_document_with_an_embedded_ole_object_is_refused_with_the_file_named(embedded):
    members = {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        embedded: b"\xd0\xcf\x11\xe0" + b"\x00" * 16,
    }
    with pytest.raises(ValidationError) as refused:
        check_file("report.docx", zip_bytes(members))
    assert "“report.docx” contains embedded objects or controls" in _message(refused.value)


def test_a_workbook_with_an_activex_control_is_refused():
    members = {
        "[Content_Types].xml": b"<Types/>",
        "xl/workbook.xml": b"<workbook/>",
        "xl/activeX/activeX1.xml": b"<ax:ocx/>",
    }
    with pytest.raises(ValidationError) as refused:
        check_file("figures.xlsx", zip_bytes(members))
    assert "“figures.xlsx” contains embedded objects or controls" in _message(refused.value)


def test_a_word_document_with_an_embedded_workbook_is_still_accepted():
    # A plain .xlsx cannot hold macros; an OLE .bin can wrap any program.
    members = {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK",
    }
    assert check_file("report.docx", zip_bytes(members)).content_type.endswith("document")


def test_text_with_nul_bytes_or_not_utf8_is_refused():
    with pytest.raises(ValidationError):
        check_file("notes.txt", b"abc\x00def")
    with pytest.raises(ValidationError):
        check_file("notes.csv", "caf\u00e9".encode("latin-1"))


def test_a_type_not_on_the_list_is_refused_even_if_harmless():
    with pytest.raises(ValidationError) as refused:
        check_file("page.html", b"<p>hello</p>")
    message = _message(refused.value)
    assert "“page.html” is not a type of file that can be added" in message
    assert "PDF" in message and "DOCX" in message


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_file("report.pdf", b"")
    assert "is empty" in _message(refused.value)


def test_a_file_over_the_limit_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        check_file("report.pdf", PDF + b"x" * 200)
    assert "100\xa0bytes or smaller" in _message(refused.value)


# Links -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "ftp://example.org/report.pdf",
        "//example.org/report",
        "not a link",
        "",
    ],
)
def test_only_web_links_are_accepted(url):
    with pytest.raises(ValidationError) as refused:
        check_link(url)
    assert "http:// or https://" in " ".join(refused.value.message_dict["url"])


def test_a_web_link_is_accepted_without_surrounding_spaces():
    assert check_link("  https://www.gov.wales/vawdasv-strategy  ") == (
        "https://www.gov.wales/vawdasv-strategy"
    )
