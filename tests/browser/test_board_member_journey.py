"""Gareth, a board member, reads his partnership's drafts and can change nothing. No JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import error_summary, follow, path_of, sign_in, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHANGING_LINKS = 'a[href$="/edit/"], a[href$="/new/"], a[href*="/delete/"]'


def _offers_no_changes(main: Locator) -> None:
    expect(main.locator(CHANGING_LINKS)).to_have_count(0)
    # Asking for a download is a POST that changes nothing; any other form would.
    expect(main.locator('form[method=post]:not([action$="/download/"])')).to_have_count(0)


@pytest.mark.parametrize("javascript", [False], ids=["without-js"])
@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_board_member_reads_his_partnerships_draft_without_any_way_to_change_it(
    page: Page, plan: Plan, prefix: str, javascript: bool
) -> None:
    world = plan.world
    draft_url = f"{prefix}/strategies/{world.draft_strategy.slug}/"
    main = page.locator("main")
    visit(page, f"{prefix}/accounts/sign-in/")
    form = main.locator("form[method=post]")
    form.locator("input[name=username]").fill("gareth")
    form.locator("input[name=password]").fill("not his password")
    follow(page, form.locator("button[type=submit]"))
    expect(error_summary(page)).to_be_visible()
    sign_in(page, prefix, "gareth")
    # He lands on his partnership's plan dashboard (tests/core/test_landing.py), then goes to
    # the list of strategies.
    assert path_of(page) == f"{prefix}/progress/strategies/{world.strategy.slug}/dashboard/"
    visit(page, f"{prefix}/")

    expect(main.locator(f'a[href="{draft_url}"]')).to_have_count(1)
    expect(
        main.locator(f'a[href="{prefix}/strategies/{world.other_strategy.slug}/"]')
    ).to_have_count(0)
    _offers_no_changes(main)

    follow(page, main.locator(f'a[href="{draft_url}"]'))
    expect(page.locator("h1")).to_contain_text(world.draft_strategy.title_en)
    _offers_no_changes(main)

    partnership_url = f"{prefix}/partnerships/{world.partnership.slug}/"
    follow(page, page.locator(f'nav.govuk-breadcrumbs a[href="{partnership_url}"]'))
    expect(main.locator(f'a[href="{draft_url}"]')).to_have_count(1)
    _offers_no_changes(main)

    visit(page, f"{prefix}/strategies/{world.strategy.slug}/")
    _offers_no_changes(main)
    follow(page, main.locator(f'a[href="{prefix}/strategies/actions/{world.police_action.pk}/"]'))
    _offers_no_changes(main)

    visit(page, f"{prefix}/strategies/actions/{world.police_action.pk}/edit/", status=403)
    visit(page, f"{prefix}/strategies/{world.other_strategy.slug}/", status=404)
