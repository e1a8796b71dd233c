"""No text the platform writes to a spreadsheet or CSV file can become a formula."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from vawdasv.lib import tabular
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress.models import ProgressUpdate

FORMULAS = [
    '=HYPERLINK("https://evil.example","Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "\u3000=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_every_formula_opening_is_recognised(text):
    assert tabular.looks_like_formula(text)


@pytest.mark.parametrize("text", ["Training - 40 officers", "Email a@b.example", "1 = 1", ""])
def test_ordinary_text_is_not_taken_for_a_formula(text):
    assert not tabular.looks_like_formula(text)
    assert tabular.csv_cell(text) == text


@pytest.mark.parametrize("text", FORMULAS)
def test_a_csv_cell_that_could_be_a_formula_gets_a_leading_apostrophe(text):
    assert tabular.csv_cell(text).startswith("'")


def test_numbers_dates_and_booleans_stay_values():
    assert tabular.csv_cell(-5) == "-5"
    assert tabular.csv_cell(datetime.date(2026, 3, 31)) == "2026-03-31"
    sheet = Workbook().active
    cells = tabular.append_row(sheet, [-5, 2.5, datetime.date(2026, 3, 31), "-5"])
    assert [cell.data_type for cell in cells] == ["n", "n", "d", "s"]
    assert cells[0].value == -5


def _formula_cells(data: bytes) -> list[str]:
    """Every formula in the workbook, from openpyxl and from the raw sheet XML."""
    workbook = load_workbook(io.BytesIO(data))
    found = [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in package.read(name):
                found.append(name)
    return found


def _texts(data: bytes) -> set[str]:
    workbook = load_workbook(io.BytesIO(data))
    return {
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def _plant_formulas(world) -> None:
    Strategy.objects.filter(pk=world.strategy.pk).update(title_en=FORMULAS[0])
    Theme.objects.filter(pk=world.theme.pk).update(name_en=FORMULAS[3], name_cy=FORMULAS[7])
    Commitment.objects.filter(pk=world.commitment.pk).update(text_en=FORMULAS[1], ref="=1")
    Action.objects.filter(pk=world.police_action.pk).update(
        text_en=FORMULAS[2], evidence_en=FORMULAS[6], timescale_text=FORMULAS[8]
    )
    Action.objects.filter(pk=world.council_action.pk).update(
        text_en=FORMULAS[4], text_cy=FORMULAS[10], evidence_en=FORMULAS[11]
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_plan_workbook_holds_formula_like_text_as_text(world, language):
    _plant_formulas(world)
    prefix = "/cy" if language == "cy" else ""
    url = reverse("plans:export", kwargs={"slug": world.strategy.slug, "extension": "xlsx"})
    response = Client().get(prefix + url)
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert _formula_cells(data) == []
    texts = _texts(data)
    expected = {FORMULAS[2], FORMULAS[1]} if language == "en" else {FORMULAS[10], FORMULAS[7]}
    assert expected <= texts  # kept exactly as typed, as text


def test_the_updates_export_holds_formula_like_text_as_text(world, approved_update):
    ProgressUpdate.objects.filter(pk=approved_update.pk).update(
        narrative_en=FORMULAS[7], review_comment=FORMULAS[5], proposed_timescale_text="-1"
    )
    client = Client()
    client.force_login(world.admin)

    def url(extension: str) -> str:
        kwargs = {"slug": world.strategy.slug, "extension": extension}
        return reverse("progress:updates-export", kwargs=kwargs)

    xlsx = client.get(url("xlsx"))
    assert xlsx.status_code == 200
    assert _formula_cells(xlsx.content) == []
    assert FORMULAS[7] in _texts(xlsx.content)
    text = client.get(url("csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    cells = {cell for row in rows for cell in row}
    assert "'" + FORMULAS[7] in cells and "'-1" in cells
    assert FORMULAS[7] not in cells
