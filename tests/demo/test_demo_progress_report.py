"""The demo's 2018/19 progress report carries every action of the partnership's own report.

The expected actions come straight from the reference document, read by the importer's reader
and interpreter, not from the database: if the demo, the round or the report dropped or moved an
action, the two would disagree. Actions the report reports on are expected in their theme's
table, those under "Future activity" in its future activity table, each with its section, its
"We will" text and its "By" timescale.

Where the 2018/19 round changed an action (a date amended, an activity reworded), the report
shows the plan as changed and says what the change was: the timescale as the reference wrote it
is then expected in the change line ("Timescale amended from April 2019 to March 2020").
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from docx import Document

from vawdasv.demo.history import PREVIOUS_STRATEGY_SLUG, REPORT_FILE
from vawdasv.demo.load import default_reference_dir
from vawdasv.imports.interpret import interpret
from vawdasv.imports.readers.text import read_text
from vawdasv.plans.models import Strategy
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import render
from vawdasv.progress.report.data import ProgressReport, ReportRow, gather

PERIOD = "2018/19"


@pytest.fixture(autouse=True)
def _demo_runs_in_development(settings):
    # load-demo refuses without DEBUG (issue 8, finding 11); these tests are a developer's demo.
    settings.DEBUG = True


@dataclass(frozen=True)
class ReferenceAction:
    theme: str
    section: str
    we_will: str
    by: str
    future: bool


def reference_actions() -> list[ReferenceAction]:
    """Every action of the reference report, in document order, read without the database."""
    path = Path(default_reference_dir()) / REPORT_FILE
    parsed = interpret(read_text(path.read_bytes(), path.name))
    return [
        ReferenceAction(theme.name, commitment.text, action.text, action.timescale or "",
                        action.future_activity)
        for theme in parsed.themes
        for commitment in theme.commitments
        for action in commitment.actions
    ]  # fmt: skip


@pytest.fixture
def report(db) -> ProgressReport:
    call_command("load_demo", stdout=StringIO())
    strategy = Strategy.objects.get(slug=PREVIOUS_STRATEGY_SLUG)
    period = parse_period(PERIOD)
    assert period is not None
    return gather(strategy, period, language="en")


def rewording(row: ReportRow) -> tuple[str, str] | None:
    """(old, new) wording when the round reworded the action ("Activity changed from …")."""
    with translation.override("en"):
        pattern = translation.gettext("Activity changed from “%(before)s” to: %(after)s")
    regex = re.escape(pattern).replace(re.escape("%(before)s"), "(.*)")
    regex = regex.replace(re.escape("%(after)s"), "(.*)")
    for line in row.changes:
        if match := re.fullmatch(regex, line):
            return match.group(1), match.group(2)
    return None


def reworded_to(row: ReportRow) -> str | None:
    change = rewording(row)
    return change[1] if change else None


def shows_reference_timescale(row: ReportRow, expected: ReferenceAction) -> bool:
    """The row's By is the reference's, or its change line says it was amended from it."""
    return row.by == expected.by or any(
        f"from {expected.by} to {row.by}" in line for line in row.changes
    )


def shows_reference_text(row: ReportRow, expected: ReferenceAction) -> bool:
    """The row's We will is the reference's, or the round reworded it from the reference's."""
    return row.we_will.text == expected.we_will or rewording(row) == (
        expected.we_will,
        row.we_will.text,
    )


def test_the_reference_report_has_actions_reported_on_and_future_activity() -> None:
    actions = reference_actions()
    assert len(actions) == 65
    assert 0 < sum(a.future for a in actions) < len(actions)


def test_the_demo_report_has_every_action_of_the_reference_in_its_theme_and_section(
    report: ProgressReport,
) -> None:
    expected: dict[tuple[str, bool], list[ReferenceAction]] = defaultdict(list)
    for action in reference_actions():
        expected[(action.theme, action.future)].append(action)
    assert [t.name.text for t in report.themes] == list(dict.fromkeys(t for t, _ in expected))

    for theme in report.themes:
        for future, rows in ((False, theme.rows), (True, theme.future)):
            wanted = expected[(theme.name.text, future)]
            where = f"{theme.name.text} {'future activity' if future else 'reported on'}"
            assert len(rows) == len(wanted), where
            for row, action in zip(rows, wanted, strict=True):
                assert row.section.text == action.section, (where, action)
                assert shows_reference_text(row, action), (where, action, row.we_will.text)
                assert shows_reference_timescale(row, action), (where, action, row.by)
                if not future:
                    assert row.rag and row.rag_word, (where, action)


def test_the_round_changed_the_dates_and_wording_the_reference_asked_to_change(
    report: ProgressReport,
) -> None:
    rows = [row for theme in report.themes for row in theme.rows + theme.future]
    amended = [row for row in rows if any("Timescale amended" in c for c in row.changes)]
    reworded = [row for row in rows if reworded_to(row)]
    assert len(amended) >= 5  # "Date(s) to be amended" notes, and one dated "Change activity to"
    assert [reworded_to(row) for row in reworded] == [
        "Establish and implement the Vulnerabilities and Exploitation Pathway"
    ]


def docx_rows(content: bytes) -> list[list[str]]:
    document = Document(io.BytesIO(content))
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_the_word_report_has_a_table_row_for_every_action_of_the_reference(
    report: ProgressReport,
) -> None:
    rows = [cells for cells in docx_rows(render(report, "docx")) if len(cells) == 4]
    for action in reference_actions():
        matching = [
            cells
            for cells in rows
            if cells[0] == action.section
            and (
                cells[1] == action.we_will
                or f"Activity changed from “{action.we_will}” to: {cells[1]}" in cells[3]
            )
            and (cells[2] == action.by or f"from {action.by} to {cells[2]}" in cells[3])
        ]
        assert matching, f"No table row in the Word report for {action}"


def docx_blocks(content: bytes) -> list[tuple[str, str]]:
    """The Word report's body in order: ("Heading 1", text), ("bold", topic), ("p", text) for
    paragraphs, ("row", cells joined by " | ") for table rows."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(content))
    blocks: list[tuple[str, str]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks += [("row", " | ".join(c.text for c in row.cells)) for row in item.rows]
        elif isinstance(item, Paragraph) and item.text.strip():
            style = item.style.name if item.style is not None else ""
            if style.startswith("Heading"):
                blocks.append((style, item.text))
            elif item.runs and all(run.bold for run in item.runs):
                blocks.append(("bold", item.text))
            else:
                blocks.append(("p", item.text))
    return blocks


def chapter(blocks: list[tuple[str, str]], name: str) -> list[tuple[str, str]]:
    """The blocks from a theme's heading to the next theme's (or the changes') heading."""
    start = blocks.index(("Heading 1", name))
    end = next(
        (i for i in range(start + 1, len(blocks)) if blocks[i][0] == "Heading 1"), len(blocks)
    )
    return blocks[start:end]


def after(blocks: list[tuple[str, str]], block: tuple[str, str]) -> list[tuple[str, str]]:
    return blocks[blocks.index(block) + 1 :]


def test_the_word_report_holds_the_reference_introduction_narratives_and_future_activity(
    report: ProgressReport,
) -> None:
    """Built from the imported document: its introduction, each paragraph under its theme
    (after the table under its section's name in bold, or after "Future activity"), and the
    future activity listed in its table."""
    blocks = docx_blocks(render(report, "docx"))
    introduction = after(blocks, ("Heading 1", "Introduction"))
    assert introduction[0] == (
        "p",
        "This progress report on the action plan for 2018/19 outlines the first year of the "
        "implementation of the Cardiff and Vale of Glamorgan Violence against Women, Domestic "
        "Abuse and Sexual Violence Strategy (VAWDASV) 2018-2023.",
    )
    assert any("demonstration value" in text for kind, text in introduction[:8] if kind == "p")

    prevent = chapter(blocks, "PREVENT")
    future_heading = ("Heading 2", "Future activity – PREVENT")
    before_future = prevent[: prevent.index(future_heading)]
    stalking = after(before_future, ("bold", "Stalking"))[0]
    assert stalking[1].startswith("The issue of Stalking has been given recent prominence")
    future = after(prevent, future_heading)
    white_ribbon = [text for kind, text in future if kind == "p" and "White Ribbon" in text]
    assert white_ribbon[0].startswith(
        "Both local authorities successfully reapplied for White Ribbon status in July 2018"
    )
    future_rows = [text for kind, text in future if kind == "row"]
    for expected in (a for a in reference_actions() if a.theme == "PREVENT" and a.future):
        assert any(expected.we_will in row for row in future_rows), expected

    prepare = chapter(blocks, "PREPARE")
    governance = after(prepare, ("bold", "Governance"))
    assert governance[0][1].startswith("The regional Governance structure is now in place")
    assert "Regional VAWDASV Steering Group (Quarterly)" in governance[0][1]
    assert any(text.startswith("Other Survivor Engagement is being explored") for _k, text in
               after(prepare, ("Heading 2", "Future activity – PREPARE")))  # fmt: skip
    # Each section's paragraphs are printed once, not once per action of the section.
    texts = [text for kind, text in blocks if kind == "p"]
    assert sum(t.startswith("The Cardiff MASH/MARAC process") for t in texts) == 1
    assert not any("recorded with the section’s first action" in t for t in texts)
