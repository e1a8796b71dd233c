"""The kinds of file the platform accepts, and whether some bytes really are that kind."""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePosixPath


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ODT = "odt"
    ODS = "ods"
    CSV = "csv"
    TXT = "txt"
    PNG = "png"
    JPEG = "jpeg"


BY_EXTENSION: dict[str, FileKind] = {
    ".pdf": FileKind.PDF,
    ".docx": FileKind.DOCX,
    ".xlsx": FileKind.XLSX,
    ".pptx": FileKind.PPTX,
    ".odt": FileKind.ODT,
    ".ods": FileKind.ODS,
    ".csv": FileKind.CSV,
    ".txt": FileKind.TXT,
    ".png": FileKind.PNG,
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
}

# The part that makes a zip each kind of Office Open XML document.
OOXML_MAIN_PART = {
    FileKind.DOCX: "word/document.xml",
    FileKind.XLSX: "xl/workbook.xml",
    FileKind.PPTX: "ppt/presentation.xml",
}
# What an OpenDocument's "mimetype" member holds.
ODF_MIMETYPE = {
    FileKind.ODT: b"application/vnd.oasis.opendocument.text",
    FileKind.ODS: b"application/vnd.oasis.opendocument.spreadsheet",
}
PACKAGES = frozenset(OOXML_MAIN_PART) | frozenset(ODF_MIMETYPE)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
ZIP_SIGNATURE = b"PK\x03\x04"


def kind_of_name(name: str) -> FileKind | None:
    return BY_EXTENSION.get(PurePosixPath(name).suffix.lower())


def is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def signature_matches(data: bytes, kind: FileKind) -> bool:
    """For kinds that are not packages: the bytes start as that kind of file starts."""
    if kind is FileKind.PDF:
        return data.startswith(b"%PDF-")
    if kind is FileKind.PNG:
        return data.startswith(PNG_SIGNATURE)
    if kind is FileKind.JPEG:
        return data.startswith(JPEG_SIGNATURE)
    if kind in (FileKind.CSV, FileKind.TXT):
        return is_plain_text(data)
    return data.startswith(ZIP_SIGNATURE)
