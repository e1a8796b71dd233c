"""Checking a report before it is kept: a PDF or Word file whose bytes are what its name says,
with no macros or embedded programs. The same rules as evidence files (progress/evidence.py),
kept here because a sibling app may not import another; when the shared checker lands in
lib/filecheck this module becomes a call to it.
"""

from __future__ import annotations

import fnmatch
import io
import re
import unicodedata
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_ACTIVE_PATTERNS = ("*vbaproject.bin", "*/embeddings/*", "*/activex/*")
_MAX_MEMBERS = 5_000
_MAX_UNPACKED = 256 * 1024 * 1024


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


def _docx_is_clean(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            if len(infos) > _MAX_MEMBERS or sum(i.file_size for i in infos) > _MAX_UNPACKED:
                return False
            names = [i.filename.lower() for i in infos]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    if "word/document.xml" not in names:
        return False
    return not any(fnmatch.fnmatch(n, p) for n in names for p in _ACTIVE_PATTERNS)


def check_report(name: str, data: bytes) -> str:
    """The file's extension (".pdf" or ".docx") when it may be kept; ValidationError saying
    why not otherwise."""
    extension = PurePosixPath(name or "").suffix.lower()
    if extension not in CONTENT_TYPES:
        raise ValidationError(_("A report must be a PDF or a Word (.docx) file."))
    if not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > max_bytes():
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes() // (1024 * 1024)}
        )
    ok = data.startswith(b"%PDF-") if extension == ".pdf" else _docx_is_clean(data)
    if not ok:
        raise ValidationError(
            _(
                "The file is not a PDF or Word document its name says it is, or it holds "
                "macros or embedded programs."
            )
        )
    return extension
