"""Checking a report before it is kept or read: a PDF or Word file, through the shared checker
(`vawdasv.lib.filecheck`, the same rules as evidence files and imported plans: the bytes are
what the name says, no macros, embedded objects, external links, DDE or zip bombs), and for a
PDF, compressed streams measured before any PDF library inflates them.

What stays here is only what is the reviews app's own: which kinds a report may be, its size
limit and the cleaned name it is shown under. The personal-data scan is `scan.py`.
"""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from vawdasv.lib import filecheck

KINDS = {".pdf": filecheck.FileKind.PDF, ".docx": filecheck.FileKind.DOCX}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# A long report's content streams together; one stream is a page or a font.
MAX_PDF_STREAM_BYTES = 64 * filecheck.MEGABYTE
MAX_PDF_TOTAL_STREAM_BYTES = 512 * filecheck.MEGABYTE


def max_bytes() -> int:
    """The largest report accepted (IMPORT_MAX_BYTES, under the request limit)."""
    return int(getattr(settings, "IMPORT_MAX_BYTES", 20 * 1024 * 1024))


def clean_file_name(raw: str) -> str:
    """The last part of the name, letters, digits and a little punctuation, at most 100
    characters; the stored file is named by its SHA-256, never by this."""
    name = re.split(r"[/\\]", unicodedata.normalize("NFC", raw or ""))[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = re.sub(r"[^\w\- ()]+", " ", stem, flags=re.UNICODE)
    stem = re.sub(r"\s+", " ", stem).strip(" ._-")[:90] or "report"
    suffix = re.sub(r"[^0-9a-z]", "", suffix.lower())[:10]
    return f"{stem}.{suffix}" if suffix else stem


def check_report(name: str, data: bytes) -> str:
    """The file's extension (".pdf" or ".docx") when it may be kept and read; ValidationError
    saying why not otherwise (the shared checker's message, naming the file and the fault)."""
    shown = clean_file_name(name)
    if filecheck.kind_of_name(shown) not in KINDS.values():
        raise ValidationError(_("A report must be a PDF or a Word (.docx) file."))
    if len(data) > max_bytes():
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes() // (1024 * 1024)}
        )
    try:
        checked = filecheck.check_upload(shown, data, set(KINDS.values()))
        if checked.kind == filecheck.FileKind.PDF:
            filecheck.check_pdf_streams(
                data,
                shown,
                max_stream_bytes=MAX_PDF_STREAM_BYTES,
                max_total_bytes=MAX_PDF_TOTAL_STREAM_BYTES,
            )
    except filecheck.RefusedFile as refused:
        raise ValidationError(refused.message) from refused
    return next(extension for extension, kind in KINDS.items() if kind == checked.kind)
