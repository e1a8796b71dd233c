"""The child process that reads one import document: `python -m vawdasv.imports.parse_worker`.

Started only by `vawdasv.imports.sandbox`. It limits itself (CPU time, address space) before
reading anything, configures a Django that can translate and nothing else, reads the pickled
request from standard input (written by our own server process), and writes one JSON answer:
{"status": "ok", "document": ...}, {"status": "unreadable", "message": ...} or
{"status": "memory"}. Exceeding the CPU limit ends it by signal; the parent reports that.
"""

from __future__ import annotations

import json
import pickle
import resource
import sys
from typing import Any

MEGABYTE = 1024 * 1024
# Grace between the soft CPU limit (SIGXCPU) and the hard one (SIGKILL).
_CPU_GRACE_SECONDS = 2


def _limit(cpu_seconds: int, memory_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + _CPU_GRACE_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MEGABYTE, memory_mb * MEGABYTE))
    # A crash must not leave a core file of someone's document behind.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _configure(request: dict[str, Any]) -> None:
    import django
    from django.conf import settings

    settings.configure(
        USE_I18N=True,
        LANGUAGE_CODE="en",
        LANGUAGES=request["languages"],
        LOCALE_PATHS=request["locale_paths"],
        INSTALLED_APPS=[],
    )
    django.setup()
    from django.utils import translation

    translation.activate(request["language"])


def _out_of_memory(error: BaseException | None) -> bool:
    """Whether a reader failed for want of memory under the limit, not on a damaged file.

    Python says MemoryError; libxml2 says "Memory allocation failed", or, when even its error
    message cannot be allocated, "unknown error".
    """
    while error is not None:
        text = str(error).lower()
        if isinstance(error, MemoryError) or "memory" in text:
            return True
        if type(error).__name__ == "XMLSyntaxError" and "unknown error" in text:
            return True
        error = error.__cause__ or error.__context__
    return False


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    from vawdasv.imports.document import UnreadableDocument
    from vawdasv.imports.readers import read_document
    from vawdasv.imports.sandbox import document_to_plain

    try:
        document = read_document(request["data"], request["name"], limits=request["limits"])
    except MemoryError:
        return {"status": "memory"}
    except UnreadableDocument as problem:
        if _out_of_memory(problem.__cause__):
            return {"status": "memory"}
        return {"status": "unreadable", "message": str(problem)}
    return {"status": "ok", "document": document_to_plain(document)}


def main() -> int:
    # The request comes from our own server process, so unpickling it is safe. The limits are
    # set before any reader touches the document.
    raw = sys.stdin.buffer.read()
    request = pickle.loads(raw)
    del raw
    _limit(int(request["cpu_seconds"]), int(request["memory_mb"]))
    _configure(request)
    try:
        answer = _answer(request)
    except MemoryError:
        answer = {"status": "memory"}
    del request
    sys.stdout.write(json.dumps(answer, ensure_ascii=True))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
