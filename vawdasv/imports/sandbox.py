"""Reading an uploaded document in a separate process, with limits on what it may use.

Parsing libraries do what a document asks of them: a .docx of 157 MB of XML kept a worker busy
for twelve minutes at 1.7 GB, a small PDF with a 400 MB content stream took 920 MB. The readers
have their own limits (unpacked sizes, stream sizes, rows, paragraphs, pages), but a library can
still be slow or greedy in ways no count foresees. So every import reads its document in a
child process (`python -m vawdasv.imports.parse_worker`) that:

- runs with a CPU-time limit (RLIMIT_CPU, IMPORT_PARSE_CPU_SECONDS) and an address-space limit
  (RLIMIT_AS, IMPORT_PARSE_MEMORY_MB) it sets on itself before reading the request;
- is killed after a wall-clock timeout (IMPORT_PARSE_WALL_SECONDS), if it is waiting rather
  than computing;
- gets no secrets: its environment holds only PATH and the project's path, and it configures a
  minimal Django (translations only), never the project settings or the database;
- hands back plain JSON, checked here field by field, never a pickle, so even a subverted
  parser can only return a document.

At most IMPORT_PARSE_CONCURRENCY documents are read at once by each server process; others wait
their turn for up to the wall-clock limit. ADR 0011 explains the choice.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

import vawdasv
from vawdasv.imports.document import (
    Block,
    SourceDocument,
    Table,
    TableRow,
    TextLine,
    UnreadableDocument,
)
from vawdasv.imports.readers.limits import ReadLimits

__all__ = [
    "SandboxLimits",
    "clear_cache",
    "document_from_plain",
    "document_to_plain",
    "read_document_isolated",
]

logger = logging.getLogger(__name__)
WORKER_MODULE = "vawdasv.imports.parse_worker"
_STYLES = ("heading", "bullet", "body")
_PROJECT_ROOT = str(Path(vawdasv.__file__).resolve().parent.parent)
_slots_lock = threading.Lock()
_CACHE_SIZE = 4
_cache: OrderedDict[tuple[Any, ...], SourceDocument] = OrderedDict()
_cache_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


@dataclass(frozen=True)
class SandboxLimits:
    cpu_seconds: int = 60
    memory_mb: int = 1024
    wall_seconds: int = 120
    concurrency: int = 2

    @classmethod
    def from_settings(cls) -> SandboxLimits:
        return cls(
            cpu_seconds=int(getattr(settings, "IMPORT_PARSE_CPU_SECONDS", cls.cpu_seconds)),
            memory_mb=int(getattr(settings, "IMPORT_PARSE_MEMORY_MB", cls.memory_mb)),
            wall_seconds=int(getattr(settings, "IMPORT_PARSE_WALL_SECONDS", cls.wall_seconds)),
            concurrency=int(getattr(settings, "IMPORT_PARSE_CONCURRENCY", cls.concurrency)),
        )


# Plain data across the process boundary ------------------------------------------------------


def document_to_plain(document: SourceDocument) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for block in document.blocks:
        if isinstance(block, TextLine):
            line: list[Any] = [block.text, block.location, block.style]
            if block.emphasis:
                line.append(list(block.emphasis))
            blocks.append({"line": line})
        else:
            rows = [
                [row.cells, row.location, {str(k): v for k, v in row.fills.items()}]
                for row in block.rows
            ]
            blocks.append(
                {
                    "table": {
                        "location": block.location,
                        "rows": rows,
                        "split_by_spaces": block.split_by_spaces,
                        "split_by_shapes": block.split_by_shapes,
                    }
                }
            )
    return {"name": document.name, "blocks": blocks, "title": document.title}


class _Malformed(ValueError):
    pass


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Malformed(type(value).__name__)
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Malformed(type(value).__name__)
    return value


def _fills(plain: Any) -> dict[int, str]:
    """Cell shading: column index → "RRGGBB" (JSON keeps the indexes as strings)."""
    if not isinstance(plain, dict):
        raise _Malformed("fills")
    return {int(column): _text(colour) for column, colour in plain.items()}


def _block(plain: Any) -> Block:
    if not isinstance(plain, dict) or len(plain) != 1:
        raise _Malformed("block")
    if "line" in plain:
        text, location, style, *rest = plain["line"]
        if style not in _STYLES or len(rest) > 1:
            raise _Malformed(f"style {style!r}")
        emphasis = rest[0] if rest else []
        if not isinstance(emphasis, list):
            raise _Malformed("emphasis")
        return TextLine(
            text=_text(text),
            location=_text(location),
            style=style,
            emphasis=tuple(_text(words) for words in emphasis),
        )
    table = plain["table"]
    rows = []
    for cells, location, fills in table["rows"]:
        if not isinstance(cells, list):
            raise _Malformed("cells")
        rows.append(
            TableRow(
                cells=[_text(cell) for cell in cells],
                location=_text(location),
                fills=_fills(fills),
            )
        )
    return Table(
        rows=rows,
        location=_text(table["location"]),
        split_by_spaces=_flag(table["split_by_spaces"]),
        split_by_shapes=_flag(table["split_by_shapes"]),
    )


def document_from_plain(plain: Any) -> SourceDocument:
    """A SourceDocument from the worker's JSON; ValueError for anything not shaped like one."""
    try:
        title = plain["title"]
        return SourceDocument(
            name=_text(plain["name"]),
            blocks=[_block(block) for block in plain["blocks"]],
            title=None if title is None else _text(title),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _Malformed(str(exc)) from exc


# Running the worker ----------------------------------------------------------------------------


def _request(data: bytes, name: str, limits: ReadLimits, sandbox: SandboxLimits) -> bytes:
    return pickle.dumps(
        {
            "data": data,
            "name": name,
            "limits": limits,
            "cpu_seconds": sandbox.cpu_seconds,
            "memory_mb": sandbox.memory_mb,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
            "languages": [(code, str(label)) for code, label in settings.LANGUAGES],
            "locale_paths": [str(path) for path in settings.LOCALE_PATHS],
        },
        protocol=pickle.HIGHEST_PROTOCOL,
    )


def _environment() -> dict[str, str]:
    """Only what Python needs to find the project: no settings module, no secrets."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": _PROJECT_ROOT,
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
    }


def _too_complex(name: str, sandbox: SandboxLimits) -> UnreadableDocument:
    return UnreadableDocument(
        _(
            "“%(name)s” is too large or complex to import: reading it needed more than the "
            "limit of %(seconds)s seconds of processing or %(memory)s MB of memory. Check it is "
            "the right file, or save the plan part on its own and import that."
        )
        % {"name": name, "seconds": sandbox.cpu_seconds, "memory": sandbox.memory_mb}
    )


def _slot(sandbox: SandboxLimits) -> threading.BoundedSemaphore:
    with _slots_lock:
        if sandbox.concurrency not in _slots:
            _slots[sandbox.concurrency] = threading.BoundedSemaphore(sandbox.concurrency)
        return _slots[sandbox.concurrency]


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def read_document_isolated(
    data: bytes,
    filename: str,
    *,
    limits: ReadLimits | None = None,
    sandbox: SandboxLimits | None = None,
) -> SourceDocument:
    """`readers.read_document`, run in the limited worker process; UnreadableDocument if not.

    The preview pages read the stored document again on every request; the last few documents
    read are kept (by content hash, name, language and limits) so that does not start a
    process each time. Only documents read successfully are kept.
    """
    limits = limits or ReadLimits.from_settings()
    sandbox = sandbox or SandboxLimits.from_settings()
    key = (
        hashlib.sha256(data).hexdigest(),
        filename,
        translation.get_language() or "",
        limits,
        sandbox,
    )
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return copy.deepcopy(cached)
    document = _read_in_worker(data, filename, limits, sandbox)
    with _cache_lock:
        _cache[key] = copy.deepcopy(document)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return document


def _read_in_worker(
    data: bytes, filename: str, limits: ReadLimits, sandbox: SandboxLimits
) -> SourceDocument:
    name = Path(filename).name or _("the document")
    slot = _slot(sandbox)
    if not slot.acquire(timeout=sandbox.wall_seconds):
        raise UnreadableDocument(
            _("The server is busy reading other documents. Try again in a few minutes.")
        )
    try:
        completed = subprocess.run(
            [sys.executable, "-m", WORKER_MODULE],
            input=_request(data, filename, limits, sandbox),
            capture_output=True,
            timeout=sandbox.wall_seconds,
            env=_environment(),
            cwd=_PROJECT_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise UnreadableDocument(
            _(
                "“%(name)s” took longer than the limit of %(seconds)s seconds to read, so it "
                "was stopped. It may be too large or complex to import; check it is the right "
                "file."
            )
            % {"name": name, "seconds": sandbox.wall_seconds}
        ) from exc
    except OSError as exc:
        # The worker could not be started at all (a broken installation): say so plainly
        # rather than fail with a server error; the log has the cause.
        logger.error("Could not start the import worker: %s", exc)
        raise _not_now() from exc
    finally:
        slot.release()
    return _outcome(completed, name, sandbox)


def _not_now() -> UnreadableDocument:
    return UnreadableDocument(
        _(
            "Documents cannot be read just now because of a problem on the server. Try again "
            "later; if it keeps happening, tell your regional team."
        )
    )


def _outcome(
    completed: subprocess.CompletedProcess[bytes], name: str, sandbox: SandboxLimits
) -> SourceDocument:
    if completed.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise _too_complex(name, sandbox)
    try:
        answer = json.loads(completed.stdout.decode("utf-8"))
        status = answer["status"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        said = completed.stderr.decode("utf-8", "replace")[-2000:]
        logger.warning("Import worker for %s ended with %s: %s", name, completed.returncode, said)
        # Killed by a signal (a library crashing when an allocation fails under the memory
        # limit) or out of memory in Python: the document's fault, so name the limits.
        # Anything else is a fault of ours, not of the document.
        if completed.returncode < 0 or "MemoryError" in said:
            raise _too_complex(name, sandbox) from None
        raise _not_now() from None
    if status == "unreadable":
        raise UnreadableDocument(str(answer.get("message", "")))
    if status != "ok":
        raise _too_complex(name, sandbox)
    try:
        return document_from_plain(answer["document"])
    except (KeyError, ValueError) as exc:
        raise _too_complex(name, sandbox) from exc
