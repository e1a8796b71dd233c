"""A PDF's compressed streams, measured before any PDF library inflates them.

A PDF of a few hundred kilobytes can hold a content stream that inflates to hundreds of
megabytes, and a PDF library inflates it whole into memory when it reads the page. So each
Flate stream is inflated here through a bounded decompressor that stops at the limit, before
the library sees the file. Image streams are skipped: text extraction never inflates them.
Streams compressed more than once are followed through each stage.
"""

from __future__ import annotations

import re
import zlib

from django.utils.translation import gettext as _

from vawdasv.lib.filecheck.errors import Reason, RefusedFile
from vawdasv.lib.filecheck.limits import file_size

_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_CHUNK = 64 * 1024
_MAX_STAGES = 4
_DICTIONARY_REACH = 4096


def _too_big(name: str, limit: int) -> RefusedFile:
    return RefusedFile(
        _(
            "“%(name)s” holds compressed content that unpacks to more than %(limit)s, far more "
            "than a document of this kind, so it was not read. If you have the Word version, "
            "upload that instead."
        )
        % {"name": name, "limit": file_size(limit)},
        Reason.TOO_BIG_UNPACKED,
    )


def _stream_dictionary(data: bytes, start: int) -> bytes:
    found = data.rfind(b"obj", max(0, start - _DICTIONARY_REACH), start)
    return data[found if found >= 0 else max(0, start - _DICTIONARY_REACH) : start]


def _inflate_bounded(data: bytes, budget: int) -> tuple[int, bytes]:
    """(size, the first bytes of the output, kept to follow a second stage) within the budget."""
    inflater = zlib.decompressobj()
    produced = 0
    head = b""
    pending = data
    while pending and produced <= budget:
        out = inflater.decompress(pending, min(_CHUNK, budget + 1 - produced))
        if len(head) < _CHUNK:
            head += out[: _CHUNK - len(head)]
        produced += len(out)
        pending = inflater.unconsumed_tail
        if not out:
            break
    return produced, head


def check_streams(data: bytes, name: str, *, max_stream_bytes: int, max_total_bytes: int) -> None:
    """Refuse the PDF when any stream, or all of them, would inflate past the limits."""
    total = 0
    for match in _STREAM_START.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        dictionary = _stream_dictionary(data, match.start())
        if b"/Image" in dictionary or b"/Fl" not in dictionary:
            continue  # "/Fl" is FlateDecode written short, as inline filters may be
        budget = max(0, min(max_stream_bytes, max_total_bytes - total))
        size = _stream_size(data[start:end], budget)
        total += size
        if size > max_stream_bytes:
            raise _too_big(name, max_stream_bytes)
        if total > max_total_bytes:
            raise _too_big(name, max_total_bytes)


def _stream_size(raw: bytes, budget: int) -> int:
    """The stream's inflated size (past the budget means too big), following nested stages."""
    size = 0
    for _stage in range(_MAX_STAGES):
        try:
            size, head = _inflate_bounded(raw, budget)
        except zlib.error:
            return size
        if size > budget or not head.startswith((b"x\x01", b"x\x5e", b"x\x9c", b"x\xda")):
            return size
        # Inflated again: the second stage is only as big as the first one lets it be, so
        # measure the first stage whole (within the budget) and go on.
        try:
            raw = zlib.decompressobj().decompress(raw, budget + 1)
        except zlib.error:
            return size
    return size
