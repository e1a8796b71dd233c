"""`vawdasv themes evaluate --labelled FILE.csv [--json] [--keywords FILE.csv]`

How good are machine-suggested themes on a set of coded texts? Reads a CSV (columns `text` and
`themes`, codes separated by ";", other columns ignored) and, without touching the database,
reports stratified k-fold cross-validation scores of the classifier and the keyword baseline.
Codebook keywords come from the seed codebook; `--keywords` (columns `theme`, `keywords`,
keywords separated by ";") adds keywords for other codes. Exit 2, with the reason on stderr,
for an unreadable file or fewer than two themes with enough examples.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vawdasv.reviews import learn
from vawdasv.reviews.seed import SEED_THEMES

MAX_FILE_BYTES = 50 * 1024 * 1024


def _rows(path: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}", returncode=2) from error
    if len(raw) > MAX_FILE_BYTES:
        raise CommandError(f"{path} is larger than 50 MB", returncode=2)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text", returncode=2) from error
    try:
        reader = csv.DictReader(io.StringIO(text))
        columns = [c.strip().lower() for c in (reader.fieldnames or [])]
        missing = [c for c in required if c not in columns]
        if missing:
            raise CommandError(
                f"{path} has no column {', '.join(missing)} (columns: {', '.join(columns)})",
                returncode=2,
            )
        return [
            {(k or "").strip().lower(): (v or "") for k, v in row.items() if isinstance(v, str)}
            for row in reader
        ]
    except csv.Error as error:
        raise CommandError(f"{path} is not a readable CSV: {error}", returncode=2) from error


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def keywords_for(extra_file: str | None) -> dict[str, list[str]]:
    keywords = {code: list(words) for code, _p, _en, _cy, words in SEED_THEMES if words}
    if extra_file:
        for row in _rows(extra_file, ("theme", "keywords")):
            theme = row["theme"].strip()
            if theme:
                keywords.setdefault(theme, []).extend(_split(row["keywords"]))
    return keywords


def _table(name: str, result: dict[str, Any]) -> list[str]:
    lines = [
        f"{name}: micro P {result['micro_precision']:.3f} R {result['micro_recall']:.3f} "
        f"F1 {result['micro_f1']:.3f}; macro P {result['macro_precision']:.3f} "
        f"R {result['macro_recall']:.3f} F1 {result['macro_f1']:.3f}"
    ]
    for theme, s in result["per_theme"].items():
        lines.append(
            f"  {theme:<28} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
            f"  ({s['support']} examples)"
        )
    return lines


class Command(BaseCommand):
    help = "Measure machine-suggested themes on a labelled CSV (no database)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        evaluate = actions.add_parser("evaluate", help="cross-validate classifier and keywords")
        evaluate.add_argument("--labelled", required=True, help="CSV with text and themes")
        evaluate.add_argument("--json", action="store_true", help="print one JSON object")
        evaluate.add_argument("--keywords", help="CSV with theme and keywords (';'-separated)")
        evaluate.add_argument("--folds", type=int, default=learn.FOLDS, help="k (default 5)")

    def handle(self, *args: Any, **options: Any) -> None:
        folds = int(options["folds"])
        if folds < 2:
            raise CommandError("--folds must be at least 2", returncode=2)
        rows = _rows(options["labelled"], ("text", "themes"))
        texts = [row["text"] for row in rows]
        labels = [set(_split(row["themes"])) for row in rows]
        try:
            result = learn.evaluate(
                texts, labels, keywords_for(options.get("keywords")), folds=folds
            )
        except learn.TooLittleData as error:
            raise CommandError(
                f"fewer than two themes have at least {folds} examples "
                f"(enough: {', '.join(error.args[0]) or 'none'})",
                returncode=2,
            ) from error
        if options["json"]:
            self.stdout.write(json.dumps(result, sort_keys=True))
            return
        self.stdout.write(f"{result['n_texts']} texts, {len(result['themes'])} themes, k={folds}")
        for line in _table("classifier", result["classifier"]):
            self.stdout.write(line)
        for line in _table("keyword baseline", result["keyword_baseline"]):
            self.stdout.write(line)
