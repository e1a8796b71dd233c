"""The import accuracy corpus: plans written by the team, with the actions a correct import finds.

`documents()` gives every document as bytes with its expected result: the pasted-text plans in
`text/` (each `NAME.txt` beside `NAME.expected.json`) and the .docx/.xlsx/.pdf files built from
the specs in `generated.py`. `benchmarks.import_accuracy` scores the importer on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.imports.corpus.generated import BUILDERS, SPECS

TEXT_DIR = Path(__file__).parent / "text"


@dataclass(frozen=True)
class CorpusDocument:
    name: str  # file name, e.g. "spaced-columns.txt", "shaded-rag.docx"
    kind: str  # "text" (pasted or converted text) or "file" (.docx, .xlsx, .pdf)
    data: bytes
    expected: dict[str, Any]


def documents() -> Iterator[CorpusDocument]:
    for path in sorted(TEXT_DIR.glob("*.txt")):
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        yield CorpusDocument(path.name, "text", path.read_bytes(), expected)
    for spec in SPECS:
        for extension in spec.formats:
            yield CorpusDocument(
                f"{spec.name}.{extension}",
                "file",
                spec.custom() if spec.custom else BUILDERS[extension](spec),
                {"title": spec.title, "actions": spec.actions},
            )
