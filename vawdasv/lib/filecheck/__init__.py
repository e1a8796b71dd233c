"""One checker for every uploaded file: is it what it says, and is it safe to keep or read?

Evidence files, imported plans, meeting papers and review reports all pass through
`check_upload` before they are stored or parsed. It refuses, with a translated message naming
the file and the fault (`RefusedFile`):

- a kind not allowed here, an empty file, or bytes that are not the kind the name promises;
- for Office Open XML and OpenDocument packages: macros, embedded objects and programs,
  relationships to anything outside the document except hyperlinks, DDE fields and links,
  and zip bombs (declared and really unpacked size per member and in total, member count,
  packing ratio; see `archive`).

PDFs that will be parsed can also have their compressed streams measured (`check_pdf_streams`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from vawdasv.lib.filecheck import archive, odf, ooxml
from vawdasv.lib.filecheck.archive import check_declared as check_declared_sizes
from vawdasv.lib.filecheck.errors import Reason, RefusedFile
from vawdasv.lib.filecheck.kinds import (
    BY_EXTENSION,
    ODF_MIMETYPE,
    OOXML_MAIN_PART,
    PACKAGES,
    FileKind,
    kind_of_name,
    signature_matches,
)
from vawdasv.lib.filecheck.limits import MEGABYTE, PackageLimits, file_size
from vawdasv.lib.filecheck.names import clean_file_name
from vawdasv.lib.filecheck.pdf import check_streams as check_pdf_streams

__all__ = [
    "BY_EXTENSION",
    "MEGABYTE",
    "CheckedFile",
    "FileKind",
    "PackageLimits",
    "Reason",
    "RefusedFile",
    "check_declared_sizes",
    "check_package",
    "check_pdf_streams",
    "check_upload",
    "clean_file_name",
    "file_size",
    "kind_of_name",
]

# An OpenDocument's "mimetype" member is a few dozen bytes; anything bigger is not one.
_MIMETYPE_MEMBER_LIMIT = 200


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: FileKind
    size: int


def _wrong_kind(name: str, kind: FileKind) -> RefusedFile:
    extension = PurePosixPath(name).suffix.lower()
    if BY_EXTENSION.get(extension) == kind:
        message = _(
            "“%(name)s” is named %(extension)s but is not %(kind)s. Check it is the right "
            "file, or save it again in that format."
        ) % {"name": name, "extension": extension, "kind": describe(kind)}
    else:
        message = _(
            "“%(name)s” is not %(kind)s. Check it is the right file, or save it again in that "
            "format."
        ) % {"name": name, "kind": describe(kind)}
    return RefusedFile(message, Reason.WRONG_TYPE)


def describe(kind: FileKind) -> str:
    return {
        FileKind.PDF: _("a PDF"),
        FileKind.DOCX: _("a Word document"),
        FileKind.XLSX: _("an Excel workbook"),
        FileKind.PPTX: _("a PowerPoint presentation"),
        FileKind.ODT: _("an OpenDocument text"),
        FileKind.ODS: _("an OpenDocument spreadsheet"),
        FileKind.CSV: _("a CSV file"),
        FileKind.TXT: _("a text file"),
        FileKind.PNG: _("a PNG image"),
        FileKind.JPEG: _("a JPEG image"),
    }[kind]


def check_upload(
    name: str,
    data: bytes,
    allowed_kinds: Collection[FileKind],
    *,
    kind: FileKind | None = None,
    limits: PackageLimits | None = None,
) -> CheckedFile:
    """Check an upload; return what it is, or raise RefusedFile.

    `kind` is what the caller already knows the file to be (the importer tells from the
    bytes); otherwise the name's extension says what it claims to be.
    """
    claimed = kind or kind_of_name(name)
    if claimed is None or claimed not in allowed_kinds:
        raise RefusedFile(
            _("“%(name)s” is not a type of file that can be uploaded here.") % {"name": name},
            Reason.NOT_ALLOWED,
        )
    if not data:
        raise RefusedFile(_("“%(name)s” is empty.") % {"name": name}, Reason.EMPTY)
    if not signature_matches(data, claimed):
        raise _wrong_kind(name, claimed)
    if claimed in PACKAGES:
        check_package(name, data, claimed, limits or PackageLimits())
    return CheckedFile(name=name, kind=claimed, size=len(data))


def check_package(name: str, data: bytes, kind: FileKind, limits: PackageLimits) -> None:
    """The zip-based kinds: the right main part, sizes within limits, no active content."""
    with archive.open_zip(data, name) as package:
        archive.check_declared(package, name, limits)
        members = [member.filename for member in package.infolist()]
        _check_identity(package, members, name, kind)
        checks = ooxml if kind in OOXML_MAIN_PART else odf
        checks.check_names(members, name)
        parts = archive.inflate_all(package, name, limits, keep=checks.needs_reading)
    checks.check_parts(parts, name)


def _check_identity(
    package: zipfile.ZipFile, members: list[str], name: str, kind: FileKind
) -> None:
    """The part that makes the zip this kind of document (OOXML), or its "mimetype" (ODF)."""
    if kind in OOXML_MAIN_PART:
        if "[Content_Types].xml" not in members or OOXML_MAIN_PART[kind] not in members:
            raise _wrong_kind(name, kind)
        return
    try:
        info = package.getinfo("mimetype")
    except KeyError as exc:
        raise _wrong_kind(name, kind) from exc
    if info.file_size > _MIMETYPE_MEMBER_LIMIT:
        raise _wrong_kind(name, kind)
    try:
        mimetype = package.read(info).strip()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise archive.damaged(name) from exc
    if mimetype != ODF_MIMETYPE[kind]:
        raise _wrong_kind(name, kind)
