"""Reading a plan from text: tab-separated table rows, pipe tables, HTML tables and prose.

This is how Word and PDF plans come through text conversion (see shared/reference/README.md).
The text reader (`readers.text.read_text`) turns the text into blocks and the interpreter
(`interpret.interpret`) applies the rules every format shares, so a pasted plan and an uploaded
Word file are read the same way. Kept as a module because the demo and older callers use
`parse(text)`.
"""

from __future__ import annotations

from collections.abc import Mapping

from vawdasv.imports.interpret import interpret
from vawdasv.imports.model import ParsedPlan
from vawdasv.imports.readers.text import read_text


def parse(text: str, mapping: Mapping[str, str] | None = None) -> ParsedPlan:
    """Read a plan from text. Never raises on odd input; problems become warnings."""
    return interpret(read_text(text.encode("utf-8", "surrogatepass"), "text"), mapping)
