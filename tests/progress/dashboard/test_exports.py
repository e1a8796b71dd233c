"""Every update of a strategy as .xlsx and .csv: contents, Welsh, formula safety, members only."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from vawdasv.lib import tabular
from vawdasv.progress import evidence, exports, services

from .conftest import rated

PERSONAS = ("anonymous", "admin", "lead", "board", "outsider")
EXPECTED = (302, 200, 200, 200, 403)
DANGEROUS = ('=HYPERLINK("http://example.com")', "+44 29 2000 0000", "-1", "@SUM(A1)")


def download(world, extension: str, persona: str = "board"):
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    return client.get(reverse("progress:updates-export", args=[world.strategy.slug, extension]))


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
@pytest.mark.parametrize(("persona", "expected"), list(zip(PERSONAS, EXPECTED, strict=True)))
def test_only_members_may_download_the_updates(plan, extension, persona, expected):
    assert download(plan.world, extension, persona).status_code == expected


def test_an_unknown_format_is_not_found(plan):
    assert download(plan.world, "pdf").status_code == 404


def test_the_spreadsheet_has_one_row_per_update_in_period_order(plan):
    response = download(plan.world, "xlsx", "admin")  # the regional team sees every update
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert 'filename="cv-2023-progress-updates.xlsx"' in response["Content-Disposition"]
    header, *rows = xlsx_rows(response)
    column = {name: index for index, name in enumerate(header)}
    assert len(rows) == 7  # four in 2025/26 Q1, three in 2025/26 Q2
    assert [row[column["Reporting period"]] for row in rows] == ["2025/26 Q1"] * 4 + [
        "2025/26 Q2"
    ] * 3
    first = rows[0]
    assert first[column["Theme"]] == "PREPARE"
    assert first[column["Action"]] == plan.world.police_action.text_en
    assert first[column["Lead organisations"]] == "South Wales Police"
    assert (first[column["RAG code"]], first[column["State"]]) == ("red", "Approved")
    assert first[column["RAG status"]].startswith("Red")
    assert first[column["Progress (Welsh)"]] == "Graddfa red."
    assert first[column["Reviewed by"]] == plan.world.admin.get_full_name()
    assert first[column["Reviewed"]] is not None  # a real date and time, not text
    submitted = [row for row in rows if row[column["State"]] == "Submitted for review"]
    assert len(submitted) == 1


def test_a_board_member_downloads_approved_updates_only(plan):
    header, *rows = xlsx_rows(download(plan.world, "xlsx", "board"))
    states = {row[header.index("State")] for row in rows}
    assert states == {"Approved"}
    assert len(rows) == 6  # the seven less the one still submitted


def test_the_csv_has_the_same_rows_and_keeps_welsh_letters(plan):
    update = plan.current.updates.get(action=plan.protect_action)
    update.narrative_cy = "Mae'r gwasanaeth yn ŵyl o gynnydd; ŷd"
    update.save()
    response = download(plan.world, "csv", "admin")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    header, *rows = csv_rows(response)
    assert len(rows) == 7
    welsh = header.index("Progress (Welsh)")
    assert "Mae'r gwasanaeth yn ŵyl o gynnydd; ŷd" in [row[welsh] for row in rows]


def test_text_that_looks_like_a_formula_is_kept_inert(plan):
    services.save_draft(
        actor=plan.world.admin, progress_round=plan.current, action=plan.joint_action,
        data=rated("amber", narrative_en=DANGEROUS[0], proposed_timescale_reason=DANGEROUS[3]),
    )  # fmt: skip
    header, *rows = csv_rows(download(plan.world, "csv", "admin"))
    draft = next(row for row in rows if row[header.index("State")] == "Draft")
    assert draft[header.index("Progress (English)")] == "'" + DANGEROUS[0]
    assert draft[header.index("Reason for the new timescale")] == "'" + DANGEROUS[3]

    sheet = load_workbook(io.BytesIO(download(plan.world, "xlsx", "admin").content)).active
    english = header.index("Progress (English)") + 1
    cells = [row[english - 1] for row in sheet.iter_rows(min_row=2)]
    dangerous = [cell for cell in cells if cell.value == DANGEROUS[0]]
    assert len(dangerous) == 1 and dangerous[0].data_type == "s"  # text, never a formula


@pytest.mark.parametrize("text", DANGEROUS)
def test_each_formula_opening_gets_a_leading_quote_in_csv(text):
    assert tabular.csv_cell(text) == "'" + text


def test_ordinary_text_and_dates_are_unchanged_in_csv():
    assert (
        tabular.csv_cell("Training delivered - 40 officers") == "Training delivered - 40 officers"
    )
    assert tabular.csv_cell(datetime.date(2026, 3, 31)) == "2026-03-31"
    assert tabular.csv_cell(None) == ""


def test_a_welsh_download_names_the_themes_in_welsh(plan):
    plan.world.theme.name_cy = "PARATOI"
    plan.world.theme.save()
    client = Client()
    client.force_login(plan.world.board)
    response = client.get(f"/cy/progress/strategies/{plan.world.strategy.slug}/updates.csv")
    _header, *rows = csv_rows(response)
    assert rows[0][1] == "PARATOI"
    # The English narrative is still there beside the Welsh one.
    assert {"Rated red.", "Graddfa red."} <= set(rows[0])


def test_the_export_lists_evidence_and_a_proposed_new_action(plan):
    world = plan.world
    evidence.add_evidence_link(
        actor=world.admin, progress_round=plan.current, action=plan.joint_action,
        title="Training register", url="https://example.org/register",
    )  # fmt: skip
    services.save_draft(
        actor=world.admin, progress_round=plan.current, action=plan.joint_action,
        data={
            "proposed_new_action_en": "Train custody staff",
            "proposed_new_action_timescale": "Mar 2027",
        },
    )  # fmt: skip
    header, *rows = xlsx_rows(download(world, "xlsx", "admin"))
    column = {name: index for index, name in enumerate(header)}
    joint = [row for row in rows if row[column["Action"]] == plan.joint_action.text_en]
    assert len(joint) == 1
    assert joint[0][column["Evidence"]] == "Training register (https://example.org/register)"
    assert joint[0][column["Proposed new action (English)"]] == "Train custody staff"
    assert joint[0][column["Timescale for the proposed new action"]] == "March 2027"
