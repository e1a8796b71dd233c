"""Meeting papers and a group's terms-of-reference document: files checked before they are kept.

The same rules as evidence files (progress/evidence.py), through the same shared pieces in
lib.filecheck: the bytes must be the kind the name promises, office documents may carry no
macros, embedded programs or outside links, and zip bombs are refused. A file is kept under its
owner and its SHA-256; the name shown and offered on download is a cleaned copy of the one it
came with. Every change runs in one transaction, checks the governance rule and leaves one
audit entry through the write kernel. Stored files are deleted after the deleting transaction
commits (governance.signals).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.governance.models import Group, Meeting, MeetingPaper, StoredFile, TermsDocument
from vawdasv.lib import filecheck
from vawdasv.partnerships import permissions

PAPER_FIELDS = ("title_en", "title_cy", "file_name", "content_type", "size", "sha256")
TERMS_FIELDS = ("file_name", "content_type", "size", "sha256")
MAX_TITLE_LENGTH = 200

# Papers are documents people read, not data or pictures.
CONTENT_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
KINDS = frozenset(filecheck.BY_EXTENSION[extension] for extension in CONTENT_TYPES)
UNPACKED_LIMITS = filecheck.PackageLimits(
    max_unpacked_bytes=100 * filecheck.MEGABYTE, max_member_bytes=64 * filecheck.MEGABYTE
)


def max_bytes() -> int:
    """The largest paper: the evidence limit, which the request-size limit already allows for."""
    return int(settings.EVIDENCE_MAX_BYTES)


def max_papers() -> int:
    return int(getattr(settings, "GOVERNANCE_MAX_PAPERS", 20))


def allowed_types_text() -> str:
    return ", ".join(extension.lstrip(".").upper() for extension in CONTENT_TYPES)


def _too_large(name: str, size: int) -> ValidationError:
    return ValidationError(
        {
            "file": _("“%(name)s” is %(size)s. Files must be %(limit)s or smaller.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        }
    )


def read_checked(uploaded_file: UploadedFile[bytes]) -> tuple[str, bytes, str]:
    """The cleaned name, the bytes and the content type of an acceptable upload.

    Refuses (ValidationError on "file", naming the file) a type not allowed, an empty or too
    large file, or one whose bytes are not what its name says or that carries active content.
    """
    name = filecheck.clean_file_name(uploaded_file.name or "", fallback="paper")
    content_type = CONTENT_TYPES.get(PurePosixPath(name).suffix.lower())
    if content_type is None:
        raise ValidationError(
            {
                "file": _("“%(name)s” is not a type of file that can be added. Add %(types)s.")
                % {"name": name, "types": allowed_types_text()}
            }
        )
    if uploaded_file.size is not None and uploaded_file.size > max_bytes():
        raise _too_large(name, uploaded_file.size)
    uploaded_file.seek(0)
    data = b"".join(uploaded_file.chunks())
    if len(data) > max_bytes():
        raise _too_large(name, len(data))
    try:
        filecheck.check_upload(name, data, KINDS, limits=UNPACKED_LIMITS)
    except filecheck.RefusedFile as refused:
        raise ValidationError({"file": refused.message}) from refused
    return name, data, content_type


def _fill(stored: StoredFile, actor: Any, name: str, data: bytes, content_type: str) -> None:
    stored.file_name, stored.content_type = name, content_type
    stored.size, stored.sha256 = len(data), hashlib.sha256(data).hexdigest()
    stored.added_by = actor if getattr(actor, "is_authenticated", False) else None


def _store_and_save(stored: StoredFile, data: bytes) -> None:
    """Write the file, then the row; a failed save takes the written file away again."""
    meta: Any = stored._meta  # `file` is declared by each concrete model, not by StoredFile
    field = meta.get_field("file")
    path = field.generate_filename(stored, "")
    stored.file.name = default_storage.save(path, ContentFile(data))  # type: ignore[attr-defined]
    try:
        stored.save()
    except Exception:
        default_storage.delete(stored.file.name)  # type: ignore[attr-defined]
        raise


def _title(value: Any) -> str:
    return str(value or "").strip()[:MAX_TITLE_LENGTH]


@transaction.atomic
def add_paper(
    *, actor: Any, meeting: Meeting, data: Mapping[str, Any], uploaded_file: UploadedFile[bytes]
) -> MeetingPaper:
    """A checked paper for the meeting, titled in English and/or Welsh (the file's name when
    neither is given). The same file twice, or more than the limit, is refused."""
    partnership = meeting.group.partnership
    kernel.require(permissions.can_manage_governance(actor, partnership.pk))
    locked = kernel.lock(meeting)
    name, content, content_type = read_checked(uploaded_file)
    paper = MeetingPaper(meeting=locked)
    _fill(paper, actor, name, content, content_type)
    same = locked.papers.filter(sha256=paper.sha256).first()
    if same is not None:
        raise ValidationError(
            {
                "file": _("“%(name)s” is already a paper for this meeting, as “%(title)s”.")
                % {"name": name, "title": same.text("title").text or same.file_name}
            }
        )
    if locked.papers.count() >= max_papers():
        raise ValidationError(
            {
                "file": _(
                    "This meeting already has %(count)s papers, the most it can hold. Remove "
                    "one to add “%(name)s”."
                )
                % {"count": max_papers(), "name": name}
            }
        )
    paper.title_en, paper.title_cy = _title(data.get("title_en")), _title(data.get("title_cy"))
    if not paper.title_en and not paper.title_cy:
        paper.title_en = name
    _store_and_save(paper, content)
    kernel.created(actor=actor, instance=paper, fields=PAPER_FIELDS, partnership=partnership)
    return paper


@transaction.atomic
def remove_paper(*, actor: Any, paper: MeetingPaper) -> None:
    partnership = paper.meeting.group.partnership
    kernel.require(permissions.can_manage_governance(actor, partnership.pk))
    kernel.delete(actor=actor, instance=paper, partnership=partnership, fields=PAPER_FIELDS)


@transaction.atomic
def set_terms_document(
    *, actor: Any, group: Group, uploaded_file: UploadedFile[bytes]
) -> TermsDocument:
    """The group's terms of reference as a checked document, replacing any earlier one (whose
    removal is audited too, so the history shows which file was in force when)."""
    kernel.require(permissions.can_manage_governance(actor, group.partnership_id))
    locked = kernel.lock(group)
    name, content, content_type = read_checked(uploaded_file)
    old = TermsDocument.objects.filter(group=locked).first()
    if old is not None:
        kernel.delete(
            actor=actor, instance=old, partnership=locked.partnership, fields=TERMS_FIELDS
        )
    document = TermsDocument(group=locked)
    _fill(document, actor, name, content, content_type)
    _store_and_save(document, content)
    kernel.created(
        actor=actor, instance=document, fields=TERMS_FIELDS, partnership=locked.partnership
    )
    return document


@transaction.atomic
def remove_terms_document(*, actor: Any, document: TermsDocument) -> None:
    group = document.group
    kernel.require(permissions.can_manage_governance(actor, group.partnership_id))
    kernel.delete(
        actor=actor, instance=document, partnership=group.partnership, fields=TERMS_FIELDS
    )
