"""Opening a zip-based document without trusting what its headers say.

A zip's directory states each member's unpacked size, and a zip bomb lies, or tells the truth
about something enormous. So the declared sizes are checked first (nothing is inflated for an
honest bomb), and then every member is inflated through a bounded stream that counts the bytes
really produced, stopping as soon as a member or the whole exceeds its limit. Only the parts the
checks need to read (relationships, manifests, document text) are kept, each bounded too.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _

from vawdasv.lib.filecheck.errors import Reason, RefusedFile
from vawdasv.lib.filecheck.limits import PackageLimits, file_size

_CHUNK = 64 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError)


def damaged(name: str) -> RefusedFile:
    return RefusedFile(
        _(
            "“%(name)s” looks like an Office document but is damaged and cannot be opened. "
            "Open it, save a new copy and try again with that."
        )
        % {"name": name},
        Reason.DAMAGED,
    )


def _bomb(name: str, size: int) -> RefusedFile:
    return RefusedFile(
        _(
            "“%(name)s” would unpack to %(size)s, far more than a document of this kind, so it "
            "was not opened (it may be a “zip bomb”). Check it is the right file."
        )
        % {"name": name, "size": file_size(size)},
        Reason.TOO_BIG_UNPACKED,
    )


def _too_many(name: str, count: int, limit: int) -> RefusedFile:
    return RefusedFile(
        _(
            "“%(name)s” is made of %(count)s parts; a document of this kind has at most "
            "%(limit)s, so it was not opened. Check it is the right file."
        )
        % {"name": name, "count": f"{count:,}", "limit": f"{limit:,}"},
        Reason.TOO_BIG_UNPACKED,
    )


@contextmanager
def open_zip(data: bytes, name: str) -> Iterator[zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise damaged(name) from exc
    with archive:
        yield archive


def check_declared(archive: zipfile.ZipFile, name: str, limits: PackageLimits) -> None:
    """The sizes the directory states: an honest bomb is refused without inflating anything."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise _too_many(name, len(members), limits.max_members)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.max_member_bytes or _too_tight(
            member.file_size, member.compress_size, limits
        ):
            raise _bomb(name, max(total, member.file_size))
    if total > limits.max_unpacked_bytes:
        raise _bomb(name, total)


def _too_tight(unpacked: int, packed: int, limits: PackageLimits) -> bool:
    return unpacked > limits.ratio_floor and unpacked > max(packed, 1) * limits.max_ratio


def inflate_all(
    archive: zipfile.ZipFile,
    name: str,
    limits: PackageLimits,
    keep: Callable[[str], bool],
) -> dict[str, bytes]:
    """Inflate every member through a bounded stream; return the bytes of the members kept.

    The count is of bytes really produced, so a member whose header understates its size is
    caught too (zipfile stops at the stated size and the checksum then fails: damaged).
    """
    kept: dict[str, bytes] = {}
    total = 0
    for member in archive.infolist():
        if member.is_dir():
            continue
        wanted = keep(member.filename)
        chunks: list[bytes] = []
        produced = 0
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    produced += len(chunk)
                    total += len(chunk)
                    if produced > limits.max_member_bytes or total > limits.max_unpacked_bytes:
                        raise _bomb(name, max(total, produced))
                    if wanted and produced > limits.max_small_part_bytes and _is_small(member):
                        raise _bomb(name, produced)
                    if wanted:
                        chunks.append(chunk)
        except RefusedFile:
            raise
        except (*_ZIP_ERRORS, NotImplementedError, RuntimeError) as exc:
            # Unknown compression, encryption or a bad checksum: not a document we can vouch for.
            raise damaged(name) from exc
        if _too_tight(produced, member.compress_size, limits):
            raise _bomb(name, total)
        if wanted:
            kept[member.filename] = b"".join(chunks)
    return kept


def _is_small(member: zipfile.ZipInfo) -> bool:
    """Parts that are always small: relationships, manifests and content types."""
    lowered = member.filename.lower()
    return (
        lowered.endswith(".rels")
        or lowered.endswith("manifest.xml")
        or (lowered == "[content_types].xml")
    )
