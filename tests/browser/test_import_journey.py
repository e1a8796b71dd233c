"""Alys imports the Cardiff and Vale implementation plan from its document, in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import follow, path_of, sign_in, visit
from vawdasv.demo.load import PLAN_FILE, default_reference_dir
from vawdasv.imports.models import PlanImport
from vawdasv.plans.models import Action, Strategy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_administrator_imports_the_cardiff_and_vale_plan_from_its_document(
    page: Page, plan: Plan, prefix: str
) -> None:
    document = default_reference_dir() / PLAN_FILE
    main = page.locator("main")
    sign_in(page, prefix, "alys")

    visit(page, f"{prefix}/partnerships/cardiff-vale/")
    follow(page, main.locator(f'a[href="{prefix}/imports/partnership/cardiff-vale/"]'))
    follow(page, main.locator(f'a[href="{prefix}/imports/new/cardiff-vale/"]'))
    upload = main.locator("form[method=post]")
    upload.locator("input[name=document]").set_input_files(str(document))
    follow(page, upload.locator("button[type=submit]"))

    plan_import = PlanImport.objects.get()
    assert path_of(page) == f"{prefix}/imports/{plan_import.pk}/"
    counts = main.locator("#import-counts")
    expect(counts.locator('[data-count="themes"]')).to_have_text("6")
    expect(counts.locator('[data-count="commitments"]')).to_have_text("32")
    expect(counts.locator('[data-count="actions"]')).to_have_text("69")
    expect(main.locator("#new-organisation-list")).to_be_visible()
    # Correct the first action's timescale on the preview, and see it marked as corrected.
    correct = f'a[href^="{prefix}/imports/{plan_import.pk}/actions/0/0/0/correct/"]'
    follow(page, main.locator(correct).first)
    correction = main.locator("form[method=post]")
    correction.locator("input[name=timescale]").fill("Mar 2027")
    follow(page, correction.locator("button[type=submit]"))
    assert path_of(page) == f"{prefix}/imports/{plan_import.pk}/"
    expect(main.locator(".govuk-tag--turquoise")).to_have_count(1)

    details = main.locator(f'form[action="{prefix}/imports/{plan_import.pk}/commit/"]')
    expect(details.locator("input[name=start_year]")).to_have_value("2023")
    expect(details.locator("input[name=end_year]")).to_have_value("2028")
    details.locator("input[name=slug]").fill("cardiff-vale-imported")
    details.locator("input[name=confirm]").check()
    follow(page, details.locator("button[type=submit]"))

    assert path_of(page) == f"{prefix}/strategies/cardiff-vale-imported/"
    expect(main.locator(".govuk-notification-banner--success")).to_be_visible()
    strategy = Strategy.objects.get(slug="cardiff-vale-imported")
    assert Action.objects.filter(commitment__theme__strategy=strategy).count() == 69
    expect(main.locator("h1")).to_contain_text("Implementation Plan")
    first = Action.objects.filter(commitment__theme__strategy=strategy).order_by(
        "commitment__theme__order", "commitment__order", "order"
    )[0]
    assert first.timescale_text == "Mar 2027"

    # The same document again, as a revision: the corrected timescale is the one change.
    follow(page, main.locator(f'a[href="{prefix}/imports/revise/cardiff-vale-imported/"]'))
    revision = main.locator("form[method=post]")
    revision.locator("input[name=document]").set_input_files(str(document))
    follow(page, revision.locator("button[type=submit]"))
    assert path_of(page).startswith(f"{prefix}/imports/revise/cardiff-vale-imported/")
    expect(main.locator("form[method=post] button[type=submit]")).to_have_count(1)
