"""A file name safe to show on a page and to offer on download.

Every upload keeps its file under a hash and shows people a cleaned copy of the name it came
with, so a hostile name ("../../etc/passwd", "<script>.pdf", "CON.pdf", a right-to-left
override) never reaches disk, a page or a header.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 100

# Device names Windows will not open as files, whatever the extension ("CON.pdf").
_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}  # fmt: skip
_KEPT_PUNCTUATION = set(" -_.(),")


def _safe_characters(text: str) -> str:
    """Letters and digits of any script (so Welsh ŵ and ŷ stay), and a little punctuation.

    Anything else (slashes, quotes, angle brackets, control and direction-override characters)
    becomes a space, so "<script>" cannot survive into a page or a header.
    """
    kept = [ch if ch.isalnum() or ch in _KEPT_PUNCTUATION else " " for ch in text]
    return re.sub(r"\s+", " ", "".join(kept))


def clean_file_name(raw: str, fallback: str = "file") -> str:
    """A name safe to show and to offer on download, keeping the extension.

    Only the last part of a path is kept ("../../etc/passwd" → "passwd"); leading dots, reserved
    Windows names and trailing dots or spaces are dealt with; the result is at most 100
    characters; a name with nothing left becomes `fallback`.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    suffix = re.sub(r"[^0-9a-z]", "", suffix.lower())[:10]
    stem = _safe_characters(stem)
    stem = re.sub(r"\.{2,}", ".", stem).strip(" ._-")
    if stem.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        stem = f"{stem}_"
    extension = f".{suffix}" if suffix else ""
    stem = (stem or fallback)[: MAX_NAME_LENGTH - len(extension)].rstrip(" .")
    return f"{stem or fallback}{extension}"
