"""The small test plan as a text file (tab-separated, as copied from Word)."""

from __future__ import annotations

from tests.imports.readers import builders


def plan_text() -> bytes:
    rows = [builders.HEADER, *builders.PREPARE_ROWS]
    return ("PREPARE\n" + "\n".join("\t".join(row) for row in rows) + "\n").encode("utf-8")
