"""Alys imports a plan whose table has a Status column and records it as the plan's baseline.

"Completed" stands as written; "On track" is asked about, refused until she says what it means
(the error summary links to the question), then every status is an approved update for the
period she chose, and the update page says it came from the imported document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import error_summary, follow, path_of, sign_in, visit
from vawdasv.imports.models import PlanImport
from vawdasv.progress.models import ProgressUpdate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DOCUMENT = (
    "Baseline Plan 2024-2027\n"
    "PREPARE\nCommitment\tAction\tTimescale\tLead\tStatus\n"
    "Plan\tWrite the baseline plan\tMar 2025\tRegional Team\tCompleted\n"
    "Plan\tShare the baseline plan\tMar 2026\tRegional Team\tOn track\n"
)


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_administrator_records_the_documents_statuses_as_the_baseline(
    page: Page, plan: Plan, prefix: str, tmp_path: Path
) -> None:
    document = tmp_path / "baseline-plan.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    main = page.locator("main")
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/imports/new/cardiff-vale/")
    upload = main.locator("form[method=post]")
    upload.locator("input[name=document]").set_input_files(str(document))
    follow(page, upload.locator("button[type=submit]"))
    plan_import = PlanImport.objects.get()
    assert path_of(page) == f"{prefix}/imports/{plan_import.pk}/"

    commit = main.locator('form[action$="/commit/"]')
    expect(commit.locator("#baseline tbody tr")).to_have_count(2)
    commit.locator("input[name=confirm]").check()
    commit.locator("input[name=record_baseline]").check()
    commit.locator("input[name=baseline_period]").fill("2024/25")
    follow(page, commit.locator("button[type=submit]"), status=400)
    expect(error_summary(page).locator('a[href="#id_status_0_0"]')).to_have_count(1)
    assert not ProgressUpdate.objects.exists()

    commit = main.locator('form[action$="/commit/"]')
    commit.locator("input[name=confirm]").check()
    commit.locator('input[name=status_0][value="amber"]').check()
    follow(page, commit.locator("button[type=submit]"))
    updates = ProgressUpdate.objects.order_by("action__order", "pk")
    assert [(u.rag, u.completed, u.status_as_written) for u in updates] == [
        ("green", True, "Completed"),
        ("amber", False, "On track"),
    ]
    visit(page, f"{prefix}/progress/updates/{updates[1].pk}/review/")
    expect(main.locator("[data-from-document]")).to_contain_text("baseline-plan.txt")
