"""Owain makes an API token for a script, copies it once, and revokes it; axe checks each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import error_summary, follow, sign_in, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("javascript", [False], ids=["without-js"])
@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_a_person_creates_sees_once_and_revokes_their_own_api_token(
    page: Page, plan: Plan, prefix: str, javascript: bool
) -> None:
    main = page.locator("main")
    sign_in(page, prefix, "owain")
    visit(page, f"{prefix}/accounts/profile/")
    follow(page, main.locator(f'a[href="{prefix}/accounts/profile/api-tokens/"]'))

    form = main.locator("form[method=post]").last
    follow(page, form.locator("button[type=submit]"), status=400)  # no name given
    expect(error_summary(page)).to_be_visible()

    form = main.locator("form[method=post]").last
    form.locator("input[name=name]").fill("Power BI")
    follow(page, form.locator("button[type=submit]"))
    token = main.locator("code.vawdasv-token").inner_text()
    assert token.startswith("vw_")
    expect(main.locator("table")).to_contain_text("Power BI")

    visit(page, f"{prefix}/accounts/profile/api-tokens/")
    expect(main).not_to_contain_text(token)
    follow(page, main.locator("table button[type=submit]"))
    expect(main.locator("table")).to_have_count(0)
