"""Issuing the board's report in the browser: the text written, the files frozen, both languages.

Alys writes the introduction, issues the report, then changes an action in the plan; the issued
files she downloads afterwards, in English and in Welsh, still say what the board was sent.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import follow, sign_in, visit
from vawdasv.plans import services
from vawdasv.progress.models import IssuedReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ORIGINAL = "Train school staff to recognise coercive control"
CHANGED = "Changed after the report was issued"
INTRODUCTION = "The partnership reports good progress this year."


def _download(page: Page, link_text_end: str) -> str:
    link = page.locator("main .vawdasv-issued-reports a[download]").filter(has_text=link_text_end)
    expect(link).to_have_count(1)
    with page.expect_download() as waiting:
        link.click()
    with open(waiting.value.path(), encoding="utf-8") as file:
        return file.read()


def test_an_issued_report_is_downloaded_unchanged_after_the_plan_changes(
    page: Page, plan: Plan, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    slug = plan.world.strategy.slug
    main = page.locator("main")
    sign_in(page, "", "alys")
    visit(page, f"/progress/{slug}/report/")

    follow(page, main.get_by_role("link", name="Write the report's introduction and narratives"))
    main.locator("textarea[name=introduction_en]").fill(INTRODUCTION)
    follow(page, main.get_by_role("button", name="Save the report's text"))
    expect(main).to_contain_text(INTRODUCTION)

    follow(page, main.get_by_role("button", name="Issue this report"))
    expect(main).to_contain_text("has been issued")
    assert IssuedReport.objects.count() == 1

    services.update_action(
        actor=plan.world.admin, action=plan.training_action, data={"text_en": CHANGED}
    )
    english = _download(page, "-en.html")
    assert ORIGINAL in english and CHANGED not in english
    assert INTRODUCTION in english

    visit(page, f"/cy/progress/{slug}/report/")
    expect(main.get_by_role("button", name="Cyhoeddi'r adroddiad hwn")).to_be_visible()
    welsh = _download(page, "-cy.html")
    assert 'lang="cy"' in welsh
    assert ORIGINAL in welsh and CHANGED not in welsh  # no Welsh wording: English, counted once


def test_an_issued_report_reaches_the_public_pages_only_when_put_there(
    page: Page, plan: Plan, settings: Any, tmp_path: Any
) -> None:
    """Issuing alone publishes nothing; Alys puts the report on the public pages; an anonymous
    visitor then finds it, in English and in Welsh (axe on every page on the way)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    slug = plan.world.strategy.slug
    public = f"/public/{plan.world.partnership.slug}/"
    main = page.locator("main")
    sign_in(page, "", "alys")
    visit(page, f"/progress/{slug}/report/")
    follow(page, main.get_by_role("button", name="Issue this report"))
    expect(main).to_contain_text("has been issued")

    page.context.clear_cookies()
    visit(page, public)
    expect(main.locator("a[download]")).to_have_count(0)  # issued, not yet public

    sign_in(page, "", "alys")
    visit(page, f"/progress/{slug}/report/")
    follow(page, main.get_by_role("button", name="Put on the public pages"))
    expect(main.get_by_text("Public", exact=True)).to_be_visible()

    page.context.clear_cookies()
    for prefix, heading in (
        ("", "Progress reports issued to the board"),
        ("/cy", "Adroddiadau cynnydd a gyhoeddwyd i’r bwrdd"),
    ):
        visit(page, f"{prefix}{public}")
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
        files = main.locator("a[download]")
        expect(files.first).to_be_visible()
        assert files.count() >= 2  # the English and the Welsh file
