"""Someone using only a keyboard can skip the header and operate the action filters."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import follow, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _tab_to(page: Page, selector: str, most: int = 30) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{most} presses of Tab never reached {selector}")


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_keyboard_user_skips_to_the_content_and_filters_the_actions(
    page: Page, plan: Plan, prefix: str
) -> None:
    world = plan.world
    visit(page, f"{prefix}/strategies/{world.strategy.slug}/actions/")

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", "#main-content")
    expect(skip_link).to_have_class("govuk-skip-link")
    if not prefix:
        expect(skip_link).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    _tab_to(page, "form.vawdasv-filters input[name=q]")
    page.keyboard.type("school")
    _tab_to(page, "form.vawdasv-filters select[name=lead]")
    page.keyboard.press("ArrowDown")  # leads are in name order: Cardiff Council first
    expect(page.locator("select[name=lead]")).to_have_value(str(world.council.pk))
    _tab_to(page, "form.vawdasv-filters button[type=submit]")
    follow(page, lambda: page.keyboard.press("Enter"))

    assert f"lead={world.council.pk}" in page.url and "q=school" in page.url
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(plan.training_action.text_en)
