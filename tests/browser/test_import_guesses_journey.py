"""Alys imports a plan pasted from a PDF: she sees which rows were guessed and fixes one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import follow, path_of, sign_in, visit
from tests.imports.corpus import TEXT_DIR
from vawdasv.imports.models import PlanImport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_administrator_checks_the_guessed_rows_and_deletes_one(
    page: Page, plan: Plan, prefix: str
) -> None:
    main = page.locator("main")
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/imports/new/cardiff-vale/")
    upload = main.locator("form[method=post]")
    upload.locator("input[name=document]").set_input_files(str(TEXT_DIR / "spaced-columns.txt"))
    follow(page, upload.locator("button[type=submit]"))

    plan_import = PlanImport.objects.get()
    assert path_of(page) == f"{prefix}/imports/{plan_import.pk}/"
    expect(main.locator('[data-count="unsure"]')).to_have_text("7")
    expect(main.locator("#unsure-list li")).to_have_count(7)
    expect(main.locator('#unsure-list a[href="#action-0-0-0"]')).to_be_visible()

    correct = f'a[href^="{prefix}/imports/{plan_import.pk}/actions/0/1/0/correct/"]'
    follow(page, main.locator(correct).first)
    form = main.locator("form[method=post]")
    form.locator('input[name=change][value="delete"]').check()
    follow(page, form.locator("button[type=submit]"))

    expect(main.locator('[data-count="actions"]')).to_have_text("6")
    removed = main.locator("#removed-rows + table")
    expect(removed).to_contain_text("Train GP practice staff to ask about abuse")
    follow(page, removed.locator("button[type=submit]"))
    expect(main.locator('[data-count="actions"]')).to_have_text("7")
