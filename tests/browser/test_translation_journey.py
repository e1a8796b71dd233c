"""The translation workflow in the browser, in English and Welsh, with axe on every page.

Alys opens Translation from the plan page, downloads the texts waiting for Welsh, a translator
fills the Welsh column (openpyxl stands in for them), she uploads the file, checks the preview
and saves it; then, in Welsh, a file that is not a spreadsheet is refused with a clear message.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import error_summary, follow, html_lang, sign_in, visit
from vawdasv.progress.translation import export

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WELSH = "Hyfforddi staff ysgolion i adnabod rheolaeth drwy orfodaeth"


def test_a_translator_fills_the_exported_sheet_and_the_welsh_is_saved_after_a_preview(
    page: Page, plan: Plan, tmp_path: Path
) -> None:
    strategy = plan.world.strategy
    action = plan.training_action
    main = page.locator("main")
    sign_in(page, "", "alys")
    visit(page, strategy.get_absolute_url())
    follow(page, main.get_by_role("link", name="Translation", exact=True))
    expect(main.get_by_role("heading", level=1)).to_have_text("Translation")

    with page.expect_download() as waiting:
        main.get_by_role("link", name="Download the texts to translate (.xlsx)").click()
    with open(waiting.value.path(), "rb") as downloaded:
        workbook = openpyxl.load_workbook(downloaded)
    filled = 0
    for row in workbook[export.SHEET].iter_rows(min_row=2):
        if row[export.KEY].value == f"action:{action.pk}:text":
            row[export.WELSH_NEW].value = WELSH
            filled += 1
    assert filled == 1
    translated = tmp_path / "translated.xlsx"
    workbook.save(translated)

    main.locator("input[type=file]").set_input_files(str(translated))
    follow(page, main.get_by_role("button", name="Upload and preview"))
    expect(main).to_contain_text("1 Welsh text will change")
    expect(main.locator("table")).to_contain_text(WELSH)
    action.refresh_from_db()
    assert action.text_cy == ""  # the preview saves nothing

    follow(page, main.get_by_role("button", name="Save the Welsh"))
    expect(main).to_contain_text("1 Welsh text was saved.")
    action.refresh_from_db()
    assert action.text_cy == WELSH

    visit(page, f"/cy/progress/{strategy.slug}/translation/")
    assert html_lang(page) == "cy"
    expect(main.get_by_role("heading", level=1)).to_have_text("Cyfieithu")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a spreadsheet", encoding="utf-8")
    main.locator("input[type=file]").set_input_files(str(notes))
    follow(page, main.get_by_role("button", name="Llwytho a rhagweld"), status=400)
    expect(error_summary(page)).to_contain_text("notes.txt")
    expect(error_summary(page)).to_contain_text("Mae problem")
