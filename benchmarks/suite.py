"""What a benchmark suite is, and the table each one prints.

A suite is a name, a one-line summary and a function that takes the run's environment and
options and returns its tables. `benchmarks/__main__.py` keeps the list of suites; adding one
(for example import or report-generation times) is a new module with a `SUITE` and one line
in that list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.environment import BenchEnvironment


@dataclass(frozen=True)
class RunOptions:
    requests: int = 200  # measured requests per page and client count, after the warm-up
    # Enough for each of the server's 8 threads (2 workers × 4) to serve the page a few times:
    # a thread's first requests open its database connection and read the page's data into
    # that connection's page cache (15-17 ms against 9-10 ms after, for the all-Wales outcomes
    # dashboard). With 20, a few cold threads were still among the timed requests, at p95.
    warmup: int = 50
    # A measurement stops early after this long (with at least `min_requests` done), which
    # bounds the run on a slow or busy machine; the table shows how many requests were timed.
    max_seconds: float = 20.0
    min_requests: int = 50


@dataclass
class Table:
    title: str
    columns: Sequence[str]
    rows: list[Sequence[object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        cells = [[str(c) for c in self.columns]] + [[_cell(v) for v in row] for row in self.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.columns))]

        def line(row: Sequence[str]) -> str:
            # Text left-aligned, figures right-aligned, as in a printed table.
            parts = [
                value.rjust(width) if _is_figure(value) else value.ljust(width)
                for value, width in zip(row, widths, strict=True)
            ]
            return "  ".join(parts).rstrip()

        rule = "  ".join("-" * w for w in widths)
        body = [line(cells[0]), rule, *(line(row) for row in cells[1:])]
        return "\n".join([f"== {self.title} ==", *body, *self.notes])


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _is_figure(value: str) -> bool:
    return value.replace(",", "").replace(".", "").replace("×", "").replace("-", "").isdigit()


@dataclass(frozen=True)
class Suite:
    name: str
    summary: str
    run: Callable[[BenchEnvironment, RunOptions], list[Table]]
