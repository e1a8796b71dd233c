"""The plan as a Word document: real headings, real tables, merged commitment cells, language."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from tests import factories
from vawdasv.plans.export import export_docx


@pytest.fixture
def plan(world):
    """World's published plan with a second commitment and some Welsh text."""
    strategy = world.strategy
    strategy.title_en, strategy.title_cy = "Cardiff and Vale Plan", "Cynllun Caerdydd a'r Fro"
    strategy.vision_en = "Everyone lives free from violence and abuse."
    strategy.save()
    world.commitment.ref, world.commitment.text_en = "1.1", "We will plan services together"
    world.commitment.text_cy = "Byddwn yn cynllunio gwasanaethau gyda'n gilydd"
    world.commitment.save()
    world.police_action.text_en = "Share intelligence"
    world.police_action.text_cy = "Rhannu gwybodaeth"
    world.police_action.save()
    second = factories.CommitmentFactory(theme=world.theme, ref="1.2", text_en="We will train")
    factories.ActionFactory(commitment=second, text_en="Train staff", leads=[world.council])
    return strategy


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_the_title_and_themes_are_real_headings(plan):
    document = open_docx(export_docx(plan, "en"))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert headings[0] == ("Title", "Cardiff and Vale Plan")
    assert ("Heading 1", "Vision") in headings
    assert ("Heading 1", "PREPARE") in headings
    assert document.core_properties.language == "en-GB"


def test_each_theme_has_a_bordered_table_with_a_repeating_header_row(plan):
    [table] = open_docx(export_docx(plan, "en")).tables
    assert table.style.name == "Table Grid"
    assert [cell.text for cell in table.rows[0].cells] == [
        "Commitment", "Milestones and actions", "Evidence of achievement", "Timescale", "Lead",
    ]  # fmt: skip
    header_flag = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header_flag is not None
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_the_commitment_cell_is_merged_down_over_its_actions(plan, world):
    [table] = open_docx(export_docx(plan, "en")).tables
    first_cells = [row._tr.tc_lst[0] for row in table.rows[1:]]
    assert [tc.vMerge for tc in first_cells] == ["restart", "continue", None]
    assert table.rows[1].cells[0].text == "1.1 We will plan services together"
    texts = [row.cells[1].text for row in table.rows[1:]]
    assert texts == ["Share intelligence", str(world.council_action), "Train staff"]
    assert table.rows[1].cells[4].text == "South Wales Police"


def test_welsh_export_has_welsh_headers_and_language_and_falls_back_to_english(plan, world):
    document = open_docx(export_docx(plan, "cy"))
    [table] = document.tables
    assert [cell.text for cell in table.rows[0].cells] == [
        "Ymrwymiad", "Cerrig milltir a chamau gweithredu", "Tystiolaeth o gyflawniad",
        "Amserlen", "Arweinydd",
    ]  # fmt: skip
    assert table.rows[1].cells[0].text == "1.1 Byddwn yn cynllunio gwasanaethau gyda'n gilydd"
    assert table.rows[1].cells[1].text == "Rhannu gwybodaeth"
    assert table.rows[2].cells[1].text == world.council_action.text_en  # not translated yet
    assert document.paragraphs[0].text == "Cynllun Caerdydd a'r Fro"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "cy-GB"


def test_an_unknown_language_is_refused(plan):
    with pytest.raises(ValueError):
        export_docx(plan, "fr")


def test_theme_aims_are_given_in_a_table_above_the_plan_and_read_back(plan, world):
    from tests.plans_export.conftest import read_plan

    world.theme.aim_en = "Ensure partners plan and commission services together."
    world.theme.save()
    pursue = factories.ThemeFactory(
        strategy=plan, name_en="PURSUE", aim_en="Hold perpetrators to account."
    )
    commitment = factories.CommitmentFactory(theme=pursue, text_en="We will disrupt")
    factories.ActionFactory(commitment=commitment, text_en="Disrupt perpetrators")
    document = open_docx(export_docx(plan, "en"))
    aims = document.tables[0]
    assert [cell.text for cell in aims.columns[0].cells] == [
        "PREPARE",
        "Ensure partners plan and commission services together.",
    ]
    parsed = read_plan(export_docx(plan, "en"), "plan.docx")
    assert [theme.aim for theme in parsed.themes] == [
        "Ensure partners plan and commission services together.",
        "Hold perpetrators to account.",
    ]
    assert parsed.warnings == []
    assert parsed.title == "Cardiff and Vale Plan"
    assert parsed.vision == "Everyone lives free from violence and abuse."


def test_the_welsh_document_gives_the_timescale_months_in_welsh(plan, world):
    [welsh] = open_docx(export_docx(plan, "cy")).tables
    [english] = open_docx(export_docx(plan, "en")).tables
    assert world.police_action.timescale_text == "Mar 2026"
    assert welsh.rows[1].cells[3].text == "Mawrth 2026"
    assert english.rows[1].cells[3].text == "Mar 2026"
