"""The plan as an Excel workbook: one row per action, a bold frozen header, readable columns."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests import factories
from vawdasv.plans.export import export_xlsx


@pytest.fixture
def plan(world):
    world.commitment.ref, world.commitment.text_en = "1.1", "We will plan services together"
    world.commitment.save()
    world.police_action.text_cy = "Rhannu gwybodaeth"
    world.police_action.save()
    other = factories.ThemeFactory(strategy=world.strategy, name_en="PURSUE", name_cy="YMLID")
    commitment = factories.CommitmentFactory(theme=other, ref="2.1", text_en="We will disrupt")
    factories.ActionFactory(
        commitment=commitment, text_en="Disrupt perpetrators", leads=[world.police, world.council]
    )
    return world.strategy


def open_sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]


def test_one_row_per_action_with_theme_commitment_and_ref_on_their_first_row(plan, world):
    sheet = open_sheet(export_xlsx(plan, "en"))
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "Theme", "Commitment", "Ref", "Action", "Evidence of achievement", "Timescale", "Lead",
    ]  # fmt: skip
    assert rows[1][:4] == [
        "PREPARE",
        "We will plan services together",
        "1.1",
        str(world.police_action),
    ]
    assert rows[1][4:] == ["Minutes of meetings", "Mar 2026", "South Wales Police"]
    assert rows[2][:3] == [None, None, None]
    assert rows[3][:4] == ["PURSUE", "We will disrupt", "2.1", "Disrupt perpetrators"]
    assert rows[3][6] == "Cardiff Council / South Wales Police"
    assert len(rows) == 4


def test_the_header_row_is_bold_and_frozen_and_text_wraps(plan):
    sheet = open_sheet(export_xlsx(plan, "en"))
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet["D2"].alignment.wrap_text is True
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["C"].width


def test_welsh_export_has_welsh_headers_and_welsh_content_where_there_is_some(plan, world):
    sheet = open_sheet(export_xlsx(plan, "cy"))
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:2] == ["Thema", "Ymrwymiad"]
    assert rows[0][3:] == ["Cam gweithredu", "Tystiolaeth o gyflawniad", "Amserlen", "Arweinydd"]
    assert rows[1][3] == "Rhannu gwybodaeth"
    assert rows[2][3] == world.council_action.text_en
    assert rows[3][0] == "YMLID"
    assert rows[1][6] == "Heddlu De Cymru"
    assert rows[1][5] == "Mawrth 2026"  # the timescale in Welsh, from its date
