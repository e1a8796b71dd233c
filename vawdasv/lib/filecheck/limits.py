"""How far the checker will unpack a zip-based document before calling it a zip bomb.

Office documents pack their XML roughly 10:1 and a real plan, report or set of minutes unpacks
to a few megabytes. The defaults are generous for those and far below what would hurt a
server; each caller may pass tighter or looser limits (imports take theirs from settings).
"""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class PackageLimits:
    # All members together, counted as they are really unpacked (not as the headers claim).
    max_unpacked_bytes: int = 256 * MEGABYTE
    # Any one member.
    max_member_bytes: int = 128 * MEGABYTE
    max_members: int = 5_000
    # Unpacked size over packed size. Members below `ratio_floor` are never a bomb on their own.
    max_ratio: int = 200
    ratio_floor: int = MEGABYTE
    # Relationship and manifest files are tiny; one this big is an attack on the parser.
    max_small_part_bytes: int = 4 * MEGABYTE


def file_size(size: int) -> str:
    """A size as people read it: "300 MB", "12 KB", "900 bytes"."""
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"
