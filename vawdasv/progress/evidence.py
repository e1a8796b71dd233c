"""Evidence of achievement on a progress update: links, and files checked before they are kept.

Lead officers attach reports, minutes and photographs to show what an action achieved. A file
is accepted only when its name promises an allowed type AND its bytes are that type, so a
program renamed "minutes.pdf" is refused, and so is an office document carrying macros,
embedded programs, outside links, DDE fields or a zip bomb (the shared checker,
`vawdasv.lib.filecheck`, used by every upload). Each update keeps its own copy of a file,
stored under the update and the file's SHA-256, so removing evidence from one update can never
take a file from another. The name people see and download with is a cleaned copy of the
original, so a hostile name never reaches disk or a page. Every change runs in one transaction
with an audit entry, like progress.services.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.audit import kernel
from vawdasv.lib import filecheck
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Action
from vawdasv.progress import services
from vawdasv.progress.enums import EvidenceKind
from vawdasv.progress.models import ProgressRound, ProgressUpdate, UpdateEvidence

__all__ = [
    "ALLOWED_TYPES",
    "add_evidence_file",
    "add_evidence_link",
    "allowed_extensions",
    "clean_file_name",
    "remove_evidence",
]

AUDITED_FIELDS = ("kind", "title", "url", "file_name", "content_type", "size", "sha256")
MAX_TITLE_LENGTH = 200
MAX_URL_LENGTH = 500


@dataclass(frozen=True)
class FileType:
    """An allowed kind of evidence file: what people call it, and how it is served back."""

    label: Any  # a lazy translated string
    content_type: str


ALLOWED_TYPES: dict[str, FileType] = {
    ".pdf": FileType(gettext_lazy("a PDF"), "application/pdf"),
    ".docx": FileType(
        gettext_lazy("a Word document"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xlsx": FileType(
        gettext_lazy("an Excel workbook"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ".pptx": FileType(
        gettext_lazy("a PowerPoint presentation"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ".odt": FileType(
        gettext_lazy("an OpenDocument text"), "application/vnd.oasis.opendocument.text"
    ),
    ".ods": FileType(
        gettext_lazy("an OpenDocument spreadsheet"),
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    ".csv": FileType(gettext_lazy("a CSV file"), "text/csv"),
    ".txt": FileType(gettext_lazy("a text file"), "text/plain"),
    ".png": FileType(gettext_lazy("a PNG image"), "image/png"),
    ".jpg": FileType(gettext_lazy("a JPEG image"), "image/jpeg"),
    ".jpeg": FileType(gettext_lazy("a JPEG image"), "image/jpeg"),
}

# What each allowed extension is, for the shared checker (vawdasv.lib.filecheck).
KINDS = {extension: filecheck.BY_EXTENSION[extension] for extension in ALLOWED_TYPES}
# Evidence files are at most EVIDENCE_MAX_BYTES; an office document that unpacks to more
# than this is a zip bomb, not a report.
UNPACKED_LIMITS = filecheck.PackageLimits(
    max_unpacked_bytes=100 * filecheck.MEGABYTE, max_member_bytes=64 * filecheck.MEGABYTE
)


def allowed_extensions() -> list[str]:
    return list(ALLOWED_TYPES)


def max_bytes() -> int:
    return int(settings.EVIDENCE_MAX_BYTES)


def max_files() -> int:
    return int(settings.EVIDENCE_MAX_FILES)


# Names -----------------------------------------------------------------------------------


def clean_file_name(raw: str) -> str:
    """A name safe to show and to offer on download (the shared rule in lib.filecheck).

    The stored file never uses this name: it is kept under its SHA-256.
    """
    return filecheck.clean_file_name(raw, fallback="evidence")


def extension_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


# Content ---------------------------------------------------------------------------------


def allowed_types_text() -> str:
    return ", ".join(sorted({ext.lstrip(".").upper() for ext in ALLOWED_TYPES}))


def check_file(name: str, data: bytes) -> FileType:
    """Refuse a file that is empty, too large, of a type not allowed, or not what it says.

    Messages name the file (its cleaned name) so the lead officer knows which one to fix.
    """
    extension = extension_of(name)
    file_type = ALLOWED_TYPES.get(extension)
    if file_type is None:
        raise ValidationError(
            {
                "file": _("“%(name)s” is not a type of file that can be added. Add %(types)s.")
                % {"name": name, "types": allowed_types_text()}
            }
        )
    if not data:
        raise ValidationError({"file": _("“%(name)s” is empty.") % {"name": name}})
    if len(data) > max_bytes():
        raise ValidationError(
            {
                "file": _("“%(name)s” is %(size)s. Files must be %(limit)s or smaller.")
                % {
                    "name": name,
                    "size": filesizeformat(len(data)),
                    "limit": filesizeformat(max_bytes()),
                }
            }
        )
    try:
        filecheck.check_upload(name, data, set(KINDS.values()), limits=UNPACKED_LIMITS)
    except filecheck.RefusedFile as refused:
        raise ValidationError({"file": refused.message}) from refused
    return file_type


def check_link(url: str) -> str:
    """Only web addresses: javascript:, data: and file: links could run code or leak files."""
    url = (url or "").strip()
    message = _("Enter a web address starting with http:// or https://")
    if not url or len(url) > MAX_URL_LENGTH:
        raise ValidationError({"url": message})
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ValidationError({"url": message})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ValidationError({"url": message}) from error
    return url


# Services --------------------------------------------------------------------------------


def _editable_update(actor: Any, progress_round: ProgressRound, action: Action) -> ProgressUpdate:
    """The update to attach evidence to, locked; checks permission and that the round is open.

    Returns an unsaved update when the action has none yet: it is saved as a draft only once the
    evidence has passed its checks, so a refused file leaves nothing behind.
    """
    update = services.writable_update(actor, progress_round, action)
    if update.pk and not update.is_editable:
        raise ValidationError(
            _("This update has been %(state)s, so its evidence cannot be changed.")
            % {"state": update.get_state_display().lower()}
        )
    return update


def _saved(actor: Any, update: ProgressUpdate) -> ProgressUpdate:
    if update.pk is None:
        return services.write_update(actor=actor, update=update, data={}, expected_version=None)
    return update


def _record_created(actor: Any, evidence: UpdateEvidence) -> None:
    kernel.created(
        actor=actor,
        instance=evidence,
        fields=AUDITED_FIELDS,
        partnership=evidence.update.progress_round.strategy.partnership,
    )


def _title(title: str, fallback: str) -> str:
    return (title or "").strip()[:MAX_TITLE_LENGTH] or fallback[:MAX_TITLE_LENGTH]


@transaction.atomic
def add_evidence_link(
    *, actor: Any, progress_round: ProgressRound, action: Action, title: str, url: str
) -> UpdateEvidence:
    """Attach a web link (a published report, a news item) to the action's update.

    Adding the same address again changes nothing and returns the link already there.
    """
    update = _editable_update(actor, progress_round, action)
    url = check_link(url)
    if not (title or "").strip():
        raise ValidationError({"title": _("Describe what the link shows")})
    if update.pk:
        # A double click, or the form sent twice: the first link stands, nothing is repeated.
        existing = update.evidence.filter(kind=EvidenceKind.LINK, url=url).first()
        if existing is not None:
            return existing
    update = _saved(actor, update)
    evidence = UpdateEvidence.objects.create(
        update=update, kind=EvidenceKind.LINK, title=_title(title, url), url=url,
        added_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    _record_created(actor, evidence)
    return evidence


def _read(uploaded_file: UploadedFile, name: str) -> bytes:
    """The file's bytes, refusing before reading when the upload says it is too large."""
    if uploaded_file.size is not None and uploaded_file.size > max_bytes():
        raise ValidationError(
            {
                "file": _("“%(name)s” is %(size)s. Files must be %(limit)s or smaller.")
                % {
                    "name": name,
                    "size": filesizeformat(uploaded_file.size),
                    "limit": filesizeformat(max_bytes()),
                }
            }
        )
    uploaded_file.seek(0)
    return b"".join(uploaded_file.chunks())


def _store(evidence: UpdateEvidence, data: bytes) -> None:
    """Write this update's own copy of the file, under the update and the file's hash.

    Nothing is shared between updates, so a removal can delete its file without asking who
    else uses it. Should a stray file already sit at that path (a removal whose clean-up has
    not run yet), the storage picks a fresh name rather than reusing a file about to go.
    """
    path = evidence.file.field.generate_filename(evidence, "")
    evidence.file.name = default_storage.save(path, ContentFile(data))


@transaction.atomic
def add_evidence_file(
    *,
    actor: Any,
    progress_round: ProgressRound,
    action: Action,
    title: str,
    uploaded_file: UploadedFile,
) -> UpdateEvidence:
    """Attach a checked file to the action's update, creating the draft update if need be."""
    update = _editable_update(actor, progress_round, action)
    name = clean_file_name(uploaded_file.name or "")
    data = _read(uploaded_file, name)
    file_type = check_file(name, data)
    sha256 = hashlib.sha256(data).hexdigest()
    if update.pk:
        files = update.evidence.filter(kind=EvidenceKind.FILE)  # type: ignore[attr-defined]
        same = files.filter(sha256=sha256).first()
        if same is not None:
            raise ValidationError(
                {
                    "file": _("“%(name)s” is already attached to this update as “%(title)s”.")
                    % {"name": name, "title": same.title}
                }
            )
        if files.count() >= max_files():
            raise ValidationError(
                {
                    "file": _(
                        "This update already has %(count)s files, the most it can hold. "
                        "Remove one to add “%(name)s”."
                    )
                    % {"count": max_files(), "name": name}
                }
            )
    update = _saved(actor, update)
    evidence = UpdateEvidence(
        update=update, kind=EvidenceKind.FILE, title=_title(title, name), file_name=name,
        content_type=file_type.content_type, size=len(data), sha256=sha256,
        added_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    _store(evidence, data)
    try:
        evidence.save()
        _record_created(actor, evidence)
    except Exception:
        default_storage.delete(evidence.file.name or "")
        raise
    return evidence


@transaction.atomic
def remove_evidence(*, actor: Any, evidence: UpdateEvidence) -> None:
    """Take evidence off an update.

    The stored file is deleted once the removal commits, by the post_delete receiver in
    progress.signals, the same way as when a round or an action is deleted with its evidence.
    """
    update = evidence.update
    _editable_update(actor, update.progress_round, update.action)
    kernel.delete(
        actor=actor,
        instance=evidence,
        partnership=update.progress_round.strategy.partnership,
        fields=AUDITED_FIELDS,
    )


def can_change_evidence(
    user: Any, update: ProgressUpdate | None, progress_round: ProgressRound, action: Action
) -> bool:
    """Whether to offer the add and remove controls (the services check again on every write)."""
    return permissions.can_change_update_now(
        user,
        action,
        progress_round.strategy.partnership_id,
        round_is_open=progress_round.is_open,
        update_state=update.state if update is not None and update.pk else None,
    )
