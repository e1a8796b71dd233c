"""Imported documents: entities are decoded once and everything is then text, shown escaped."""

from __future__ import annotations

import io

import docx
import pytest
from django.test import Client
from django.urls import reverse

from vawdasv.imports.cells import clean_cell
from vawdasv.imports.interpret import interpret
from vawdasv.imports.readers import read_document
from vawdasv.imports.services import import_plan
from vawdasv.plans.models import Action

ACTION_CELL = "&lt;h2&gt;Big&lt;/h2&gt; training<br>for staff\x0bon Fridays"
EVIDENCE_CELL = "<script>alert(1)</script> register <b>kept</b>"

MARKDOWN = f"""# Safer Wales plan

## PREPARE

| Commitment | Milestones and actions | Evidence of achievement | Timescale | Lead |
|---|---|---|---|---|
| 1.1 Safer homes | {ACTION_CELL} | {EVIDENCE_CELL} | March 2026 | South Wales Police |
"""


def _word_document() -> bytes:
    document = docx.Document()
    document.add_heading("Safer Wales plan", level=0)
    document.add_heading("PREPARE", level=1)
    headers = ["Commitment", "Milestones and actions", "Evidence of achievement", "Timescale"]
    table = document.add_table(rows=2, cols=len(headers) + 1)
    for index, text in enumerate([*headers, "Lead"]):
        table.cell(0, index).text = text
    values = ["1.1 Safer homes", "&lt;h2&gt;Big&lt;/h2&gt; training", EVIDENCE_CELL, "March 2026"]
    for index, text in enumerate([*values, "South Wales Police"]):
        table.cell(1, index).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_entities_are_decoded_first_and_what_looks_like_a_tag_stays_text():
    assert clean_cell("&lt;h2&gt;Title&lt;/h2&gt;") == "<h2>Title</h2>"
    assert clean_cell("<script>alert(1)</script>") == "<script>alert(1)</script>"
    assert clean_cell('<meta http-equiv="refresh" content="0">x') == (
        '<meta http-equiv="refresh" content="0">x'
    )
    # Layout markup from converted tables is only tidied away.
    assert clean_cell("one<br>two <span style='x'>three</span>") == "one two three"
    # Decoded exactly once: a double-encoded entity stays an entity.
    assert clean_cell("&amp;lt;h2&amp;gt;") == "&lt;h2&gt;"


@pytest.mark.parametrize("name", ["plan.md", "plan.docx"])
def test_an_imported_document_keeps_markup_as_the_text_it_is(name):
    data = MARKDOWN.encode() if name.endswith(".md") else _word_document()
    plan = interpret(read_document(data, name))
    action = plan.themes[0].commitments[0].actions[0]
    assert action.text.startswith("<h2>Big</h2> training")
    assert action.evidence == "<script>alert(1)</script> register kept"
    assert "\x0b" not in action.text


def test_imported_markup_is_shown_as_text_on_the_published_plan(world):
    parsed = interpret(read_document(MARKDOWN.encode(), "plan.md"))
    strategy = import_plan(
        actor=world.admin,
        partnership=world.partnership,
        parsed=parsed,
        strategy_data={
            "slug": "safer-wales",
            "start_year": 2025,
            "end_year": 2028,
            "status": "published",
        },
        source="Plan import: test",
    )
    action = Action.objects.get(commitment__theme__strategy=strategy)
    assert action.text_en == "<h2>Big</h2> training for staff on Fridays"
    page = Client().get(reverse("plans:action", kwargs={"pk": action.pk})).content.decode()
    assert "<h2>Big" not in page and "<script>alert" not in page
    assert "&lt;h2&gt;Big&lt;/h2&gt; training" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; register kept" in page
