"""How long importing a plan document takes, against merely opening the same file.

Importing is `read_document` (type sniffing, limits, the reader for the format) plus
`interpret` (turning blocks into themes, commitments and actions). Each document is also simply
opened the cheapest way its format allows — `docx.Document(io)` for Word, `load_workbook(io,
read_only=True)` and iterating every row for Excel, decoding and splitting lines for text —
in the same run, so the ratio says what the importer adds on top of the library and cancels
out most of the machine's speed and load. No database is used.

Documents: every reference document in the reference dir (text conversions of real plans), and
a generated 1,000-action plan as .docx and .xlsx in the layouts `vawdasv.plans.export`
writes (Word: a table per theme with the commitment cell merged down; Excel: one row per
action with a Theme column).
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.environment import BenchEnvironment
from benchmarks.suite import RunOptions, Suite, Table

THEMES, COMMITMENTS_PER_THEME, ACTIONS_PER_COMMITMENT = 10, 20, 5  # 1,000 actions
HEADER = ["Commitment", "Milestones/Actions", "Evidence of Achievement", "Timescale", "Lead"]
TIMESCALES = ("Mar 2026", "2025/26", "Q3 2024/25", "Ongoing", "Annually", "Sept 2027", "TBC")
LEADS = ("Regional Team", "SWP/PCC / Regional Team", "Regional Team / Providers", "HSG", "VoG")
RUNS_SMALL, RUNS_LARGE = 5, 3


@dataclass(frozen=True)
class Document:
    name: str
    data: bytes
    open_file: Callable[[bytes], object]
    opened_with: str


def _synthetic_rows() -> list[tuple[str, str, str, str, str, str, str]]:
    """(theme, ref, commitment or "", action, evidence, timescale, lead) for 1,000 actions."""
    rows: list[tuple[str, str, str, str, str, str, str]] = []
    number = 0
    for theme in range(1, THEMES + 1):
        for commitment in range(1, COMMITMENTS_PER_THEME + 1):
            ref = f"{theme}.{commitment}"
            text = (
                f"We will improve how partners work together on priority {ref}, so that "
                "survivors get the right support at the right time"
            )
            for action in range(ACTIONS_PER_COMMITMENT):
                number += 1
                rows.append(
                    (
                        f"THEME {theme}",
                        ref,
                        text if action == 0 else "",
                        f"Deliver milestone {number}: review the service pathway and publish "
                        f"the findings for area {number % 7} with partners.",
                        f"Report {number} presented to the Board and actions agreed.",
                        TIMESCALES[number % len(TIMESCALES)],
                        LEADS[number % len(LEADS)],
                    )
                )
    return rows


def generated_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Generated VAWDASV Implementation Plan 2025-2030", level=0)
    rows = _synthetic_rows()
    for theme in range(1, THEMES + 1):
        name = f"THEME {theme}"
        theme_rows = [row for row in rows if row[0] == name]
        document.add_heading(name, level=1)
        table = document.add_table(rows=1, cols=len(HEADER))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, HEADER, strict=True):
            cell.text = header
        # Rows added one by one with their own cells: `table.cell(r, c)` rebuilds the whole
        # grid on every call, which makes a 1,000-row table take minutes to write.
        first = None
        for number, (_theme, ref, text, *details) in enumerate(theme_rows):
            cells = table.add_row().cells
            if text:
                cells[0].text = f"{ref} {text}"
                first = cells[0]
            for cell, value in zip(cells[1:], details, strict=True):
                cell.text = value
            if first is not None and number % ACTIONS_PER_COMMITMENT == ACTIONS_PER_COMMITMENT - 1:
                first.merge(cells[0])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def generated_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "THEME 1"  # the first theme, as the exporter names the sheet
    sheet.append(["Theme", "Commitment", "Ref", "Action", "Evidence", "Timescale", "Lead"])
    previous_theme = ""
    for theme, ref, text, action, evidence, timescale, lead in _synthetic_rows():
        sheet.append(
            [
                theme if theme != previous_theme else "",
                text,
                ref if text else "",
                action,
                evidence,
                timescale,
                lead,
            ]
        )
        previous_theme = theme
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def open_docx(data: bytes) -> object:
    import docx

    return docx.Document(io.BytesIO(data))


def open_xlsx(data: bytes) -> object:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    count = sum(1 for sheet in workbook.worksheets for _row in sheet.iter_rows(values_only=True))
    workbook.close()
    return count


def open_text(data: bytes) -> object:
    return data.decode("utf-8-sig").splitlines()


def _median_seconds(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def documents() -> list[Document]:
    from vawdasv.demo.load import default_reference_dir

    found = [
        Document(path.name, path.read_bytes(), open_text, "decode + split lines")
        for path in sorted(default_reference_dir().glob("*"))
        if path.suffix in {".txt", ".md", ".docx", ".xlsx", ".csv", ".pdf"}
        and not path.name.upper().startswith("README")
    ]
    for document in list(found):
        if document.name.endswith(".docx"):
            found[found.index(document)] = Document(
                document.name, document.data, open_docx, "python-docx"
            )
        elif document.name.endswith(".xlsx"):
            found[found.index(document)] = Document(
                document.name, document.data, open_xlsx, "openpyxl read-only"
            )
    return [
        *found,
        Document("generated 1,000 actions.docx", generated_docx(), open_docx, "python-docx"),
        Document("generated 1,000 actions.xlsx", generated_xlsx(), open_xlsx, "openpyxl read-only"),
    ]


def run(environment: BenchEnvironment, options: RunOptions) -> list[Table]:
    from vawdasv.imports.interpret import interpret
    from vawdasv.imports.model import ParsedPlan
    from vawdasv.imports.readers import read_document

    table = Table(
        "Import time (read_document + interpret) against opening the file, median of "
        f"{RUNS_SMALL} runs ({RUNS_LARGE} for the generated plans)",
        [
            "document", "KB", "themes", "actions", "opened with", "open ms", "import ms",
            "import ÷ open", "actions/s",
        ],
    )  # fmt: skip
    started = time.perf_counter()
    chosen = documents()
    table.notes.append(
        f"  the reference documents were read and the two generated plans written in "
        f"{time.perf_counter() - started:.1f} s (not part of any figure)"
    )
    for document in chosen:
        runs = RUNS_LARGE if document.name.startswith("generated") else RUNS_SMALL

        def read_and_interpret(document: Document = document) -> ParsedPlan:
            return interpret(read_document(document.data, document.name))

        def open_only(document: Document = document) -> object:
            return document.open_file(document.data)

        counts = read_and_interpret().counts()
        opened = _median_seconds(open_only, runs)
        imported = _median_seconds(read_and_interpret, runs)
        table.rows.append(
            [
                document.name,
                round(len(document.data) / 1024, 1),
                counts.themes,
                counts.actions,
                document.opened_with,
                opened * 1000,
                imported * 1000,
                f"{imported / opened:,.1f}×" if opened else "-",
                round(counts.actions / imported) if imported and counts.actions else 0,
            ]
        )
    table.notes.append(
        "  text documents have no library to open them with; their baseline is decoding the "
        "bytes and splitting lines, so their ratio is large by construction"
    )
    return [table]


SUITE = Suite(
    name="imports",
    summary="import time per plan document against merely opening the file",
    run=run,
)
