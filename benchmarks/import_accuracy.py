"""`python -m benchmarks.import_accuracy`: how many action fields the importer gets right.

Every document of the team's corpus (tests/imports/corpus: pasted text, and .docx/.xlsx/.pdf
built from specs) is read as an upload is (`read_document`, then `interpret`) and compared
with the actions a person found in it. For each expected action seven fields are scored: its
commitment, theme, timescale text, due date, timescale kind, leads and RAG. An action is found
when an imported action has the same text (ignoring case and spacing); a missed action counts
all seven fields as wrong. An imported action that matches no expected one is "invented" and
lowers precision. Field accuracy is reported per document and overall for each kind (files,
pasted text). No database is used and nothing is timed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.imports.corpus import CorpusDocument
    from vawdasv.imports.model import ParsedPlan

FIELDS = ("commitment", "theme", "timescale", "due_date", "timescale_kind", "leads", "rag")


@dataclass(frozen=True)
class Score:
    name: str
    kind: str
    right: int
    total: int
    expected: int
    found: int
    invented: int
    wrong: tuple[str, ...]

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def _key(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _imported(plan: ParsedPlan) -> list[dict[str, Any]]:
    rows = []
    for theme in plan.themes:
        for commitment in theme.commitments:
            for action in commitment.actions:
                rows.append(
                    {
                        **action.to_dict(),
                        "theme": theme.name,
                        "commitment": commitment.text,
                    }
                )
    return rows


def _same(field: str, expected: Any, got: Any) -> bool:
    if field == "leads":
        return [_key(x) for x in expected] == [_key(x) for x in got]
    if isinstance(expected, str) or isinstance(got, str):
        return _key(expected) == _key(got)
    return bool(expected == got)


def score(name: str, kind: str, plan: ParsedPlan, expected: dict[str, Any]) -> Score:
    imported = _imported(plan)
    unused = list(range(len(imported)))
    right = found = 0
    wrong: list[str] = []
    for want in expected["actions"]:
        match = next((i for i in unused if _key(imported[i]["text"]) == _key(want["text"])), None)
        if match is None:
            wrong.append(f"missed: {want['text']}")
            continue
        unused.remove(match)
        found += 1
        got = imported[match]
        for field in FIELDS:
            if _same(field, want[field], got[field]):
                right += 1
            else:
                wrong.append(f"{want['text'][:40]}… {field}: {got[field]!r} ≠ {want[field]!r}")
    wrong.extend(f"invented: {imported[i]['text']}" for i in unused)
    return Score(
        name=name,
        kind=kind,
        right=right,
        total=len(expected["actions"]) * len(FIELDS),
        expected=len(expected["actions"]),
        found=found,
        invented=len(unused),
        wrong=tuple(wrong),
    )


def score_document(document: CorpusDocument) -> Score:
    from vawdasv.imports.interpret import interpret
    from vawdasv.imports.readers import read_document

    plan = interpret(read_document(document.data, document.name))
    return score(document.name, document.kind, plan, document.expected)


def score_corpus() -> list[Score]:
    from tests.imports.corpus import documents

    return [score_document(document) for document in documents()]


@dataclass(frozen=True)
class Summary:
    kind: str  # "file" or "text"
    accuracy: float
    precision: float


def summarise(scores: Iterable[Score]) -> list[Summary]:
    result = []
    scores = list(scores)
    for kind in ("file", "text"):
        chosen = [s for s in scores if s.kind == kind]
        if not chosen:
            continue
        right = sum(s.right for s in chosen)
        total = sum(s.total for s in chosen)
        found = sum(s.found for s in chosen)
        invented = sum(s.invented for s in chosen)
        precision = found / (found + invented) if found + invented else 1.0
        result.append(Summary(kind, right / total if total else 1.0, precision))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.import_accuracy", description=__doc__
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong field")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vawdasv.settings")
    import django

    django.setup()
    scores = score_corpus()
    print(f"{'document':40} {'fields':>8} {'actions':>9} {'invented':>9}")
    for s in scores:
        print(f"{s.name:40} {s.accuracy:8.1%} {s.found:>4}/{s.expected:<4} {s.invented:>9}")
        if options.verbose:
            for line in s.wrong:
                print(f"    {line}")
    for summary in summarise(scores):
        label = "real files" if summary.kind == "file" else "pasted text"
        print(
            f"overall, {label:12} fields {summary.accuracy:.1%}, precision {summary.precision:.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
