"""The text reader: tab rows, pipe tables, HTML fragments, headings and bullets as blocks."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from vawdasv.imports.document import Table, TextLine
from vawdasv.imports.interpret import interpret
from vawdasv.imports.readers.text import read_text


def blocks(text: str):
    return read_text(text.encode(), "plan.md").blocks


def test_tab_and_pipe_rows_become_tables_with_line_locations():
    table_a, table_b = blocks("a\tb\n\n| c | d |\n|---|---|\n| e | f |\n")
    assert isinstance(table_a, Table) and isinstance(table_b, Table)
    assert [r.cells for r in table_b.rows] == [["c", "d"], ["e", "f"]]
    assert [r.location for r in table_b.rows] == ["line 3", "line 5"]


def test_html_fragment_rows_and_merged_cells():
    (table,) = blocks('<table>\n<tr><td colspan="2">Wide</td></tr>\n<tr><td>a</td><td>b</td></tr>')
    assert [r.cells for r in table.rows] == [["Wide", ""], ["a", "b"]]
    assert [r.location for r in table.rows] == ["line 2", "line 3"]


def test_headings_bullets_and_body_lines_are_told_apart():
    lines = blocks("# Title\nPREPARE\n- first\n• second\no third\n2. fourth\nA sentence.\n")
    assert [(b.text, b.style) for b in lines if isinstance(b, TextLine)] == [
        ("Title", "heading"),
        ("PREPARE", "heading"),
        ("first", "bullet"),
        ("second", "bullet"),
        ("third", "bullet"),
        ("2. fourth", "bullet"),
        ("A sentence.", "body"),
    ]


def test_windows_text_and_byte_order_mark_are_decoded():
    (line,) = read_text("\ufeffCaf\u00e9 plan".encode("cp1252", errors="ignore"), "x").blocks
    assert isinstance(line, TextLine) and line.text.endswith("plan")
    (line,) = read_text("\ufeffDewis".encode("utf-8"), "x").blocks
    assert line.text == "Dewis"


TABLE_TEXT = st.lists(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(
                [
                    "Commitment", "Action", "We Will", "Section", "Lead", "Timescale", "Ву",
                    "Progress", "Statws", "Amserlen", "16", "•", "FUTURE ACTIVITY", "", "PREPARE",
                    "We will:", "We have:", "Objective 1: Do", "<br>", "<td>", "<table>", "Ongoing",
                ]
            ),
        ),
        max_size=6,
    ),
    max_size=15,
)  # fmt: skip


def _as_text(rows: list[list[str]], separator: str) -> str:
    if separator == "|":
        return "\n".join("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(separator.join(row) for row in rows)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_reading_arbitrary_bytes_never_raises(data):
    plan = interpret(read_text(data, "fuzz.txt"))
    json.loads(plan.to_json())


@settings(max_examples=300, deadline=None)
@given(rows=TABLE_TEXT, separator=st.sampled_from(["\t", "|", "\n", " "]))
def test_reading_arbitrary_table_shaped_text_never_raises(rows, separator):
    plan = interpret(read_text(_as_text(rows, separator).encode(), "fuzz.md"))
    json.loads(plan.to_json())
    for theme in plan.themes:
        assert theme.name
        for commitment in theme.commitments:
            assert all(action.text for action in commitment.actions)
