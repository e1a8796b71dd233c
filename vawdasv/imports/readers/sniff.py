"""What a file really is, from its bytes rather than its name.

People rename files, e-mail systems change extensions, and a password-protected Word document
is not a zip at all. Recognising the real type first lets the importer say exactly what is
wrong ("named .docx but is not a Word document") instead of failing deep inside a library.

Word and Excel files are zip packages; they go through the shared file checker
(`vawdasv.lib.filecheck`) before any library opens them, so a zip bomb, macros, embedded
objects, outside links and DDE fields are refused with a message saying which.
"""

from __future__ import annotations

import csv
import io
import zipfile
from enum import StrEnum
from pathlib import PurePath

from django.utils.translation import gettext as _

from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.readers.encoding import decode_text
from vawdasv.imports.readers.limits import ReadLimits
from vawdasv.lib import filecheck

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted .docx/.xlsx is wrapped in, as named (UTF-16) in the OLE2 directory.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OFFICE_EXTENSIONS = {".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".xltx"}
TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".htm", ".html"}
CSV_EXTENSIONS = {".csv", ".tsv"}


class Kind(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"
    PDF = "pdf"
    CSV = "csv"
    TEXT = "text"


_FILE_KINDS = {Kind.DOCX: filecheck.FileKind.DOCX, Kind.XLSX: filecheck.FileKind.XLSX}


def describe(kind: Kind) -> str:
    return {
        Kind.DOCX: _("a Word document"),
        Kind.XLSX: _("an Excel workbook"),
        Kind.PDF: _("a PDF"),
        Kind.CSV: _("a CSV file"),
        Kind.TEXT: _("a text file"),
    }[kind]


# What a file's extension promises. Text and CSV names promise nothing we hold them to.
_PROMISED = {
    ".docx": Kind.DOCX,
    ".docm": Kind.DOCX,
    ".dotx": Kind.DOCX,
    ".xlsx": Kind.XLSX,
    ".xlsm": Kind.XLSX,
    ".xltx": Kind.XLSX,
    ".pdf": Kind.PDF,
}


def extension(name: str) -> str:
    return PurePath(name).suffix.lower()


def _damaged(name: str) -> UnreadableDocument:
    return UnreadableDocument(
        _(
            "“%(name)s” looks like a Word or Excel file but is damaged and cannot be opened. "
            "Open it in Word or Excel, save a new copy and import that."
        )
        % {"name": name}
    )


def _zip_kind(data: bytes, name: str, limits: ReadLimits) -> Kind:
    """A Word or Excel package, checked by the shared file checker before any library opens it.

    The checker refuses zip bombs (declared and really unpacked sizes), macros, embedded
    objects, outside links and DDE fields, with a message for the person importing.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # Sizes first, from the directory alone: a bomb is refused whatever it claims to be.
            filecheck.check_declared_sizes(archive, name, limits.package())
            members = set(archive.namelist())
    except filecheck.RefusedFile as refused:
        raise UnreadableDocument(refused.message) from refused
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged(name) from exc
    if "word/document.xml" in members:
        kind = Kind.DOCX
    elif "xl/workbook.xml" in members:
        kind = Kind.XLSX
    elif "content.xml" in members and "mimetype" in members:
        raise UnreadableDocument(
            _(
                "“%(name)s” is an OpenDocument file. Save it from LibreOffice as Word (.docx) "
                "or Excel (.xlsx) and import that."
            )
            % {"name": name}
        )
    else:
        raise UnreadableDocument(
            _("“%(name)s” is a zip archive, not a Word or Excel document.") % {"name": name}
        )
    try:
        filecheck.check_package(name, data, _FILE_KINDS[kind], limits.package())
    except filecheck.RefusedFile as refused:
        if refused.reason is filecheck.Reason.DAMAGED:
            raise _damaged(name) from refused
        raise UnreadableDocument(refused.message) from refused
    return kind


def _ole2(data: bytes, name: str) -> UnreadableDocument:
    """An OLE2 compound file: an encrypted .docx/.xlsx, or an old .doc/.xls."""
    if ENCRYPTED_PACKAGE in data or extension(name) in OFFICE_EXTENSIONS:
        return UnreadableDocument(
            _(
                "This document is password-protected (“%(name)s”), so it cannot be read. "
                "Open it, remove the password (File › Info › Protect), save and import it again."
            )
            % {"name": name}
        )
    return UnreadableDocument(
        _(
            "“%(name)s” is an older Word (.doc) or Excel (.xls) file. Open it and save it as "
            ".docx or .xlsx, then import that."
        )
        % {"name": name}
    )


def _looks_like_csv(text: str) -> bool:
    """A file of comma- or semicolon-separated rows of the same width (no tabs, no pipes)."""
    lines = [line for line in text.splitlines() if line.strip()][:20]
    if len(lines) < 2 or any("\t" in line or "|" in line for line in lines):
        return False
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;")
    except csv.Error:
        return False
    widths = {len(row) for row in csv.reader(lines, dialect)}
    return len(widths) == 1 and widths.pop() >= 3


def detect_kind(data: bytes, name: str, limits: ReadLimits) -> Kind:
    """The real type of the file, refusing one whose name promises another."""
    if data.startswith(OLE2_SIGNATURE):
        raise _ole2(data, name)
    if data.startswith(ZIP_SIGNATURES):
        kind = _zip_kind(data, name, limits)
    elif b"%PDF-" in data[:1024]:
        kind = Kind.PDF
    else:
        suffix = extension(name)
        promised = _PROMISED.get(suffix)
        if promised is not None:
            raise UnreadableDocument(
                _("This file is named %(extension)s but is not %(kind)s (“%(name)s”).")
                % {"extension": suffix, "kind": describe(promised), "name": name}
            )
        text = decode_text(data, name)
        if suffix in CSV_EXTENSIONS or (suffix not in TEXT_EXTENSIONS and _looks_like_csv(text)):
            kind = Kind.CSV
        else:
            kind = Kind.TEXT
    promised = _PROMISED.get(extension(name))
    if promised is not None and promised != kind:
        raise UnreadableDocument(
            _(
                "This file is named %(extension)s but is not %(kind)s: it is %(actual)s "
                "(“%(name)s”). Rename it or save it in the right format."
            )
            % {
                "extension": extension(name),
                "kind": describe(promised),
                "actual": describe(kind),
                "name": name,
            }
        )
    return kind
