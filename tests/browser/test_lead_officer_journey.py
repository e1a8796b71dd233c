"""Owain, lead officer at South Wales Police, updates his organisation's action and no other.

The partnership lets lead officers edit directly here; by default they propose changes in a
progress update instead (tests/partnerships/test_direct_edits.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import follow, path_of, sign_in, visit
from tests.factories import allow_direct_edits

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_lead_officer_edits_his_organisations_action_but_not_another_organisations(
    page: Page, plan: Plan, prefix: str
) -> None:
    world = plan.world
    allow_direct_edits(world)
    police_url = f"{prefix}/strategies/actions/{world.police_action.pk}/"
    council_url = f"{prefix}/strategies/actions/{world.council_action.pk}/"
    main = page.locator("main")
    sign_in(page, prefix, "owain")

    visit(page, police_url)
    follow(page, main.locator(f'a[href="{police_url}edit/"]'))
    form = main.locator("form[method=post]")
    form.locator("textarea[name=evidence_en]").fill("Force training completion records")
    follow(page, form.locator("button[type=submit]"))
    assert path_of(page) == police_url
    expect(main.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(main.locator("dl")).to_contain_text("Force training completion records")
    expect(main.locator("ol.govuk-list")).to_contain_text(world.lead.get_full_name())
    expect(
        main.locator(f'a[href="{prefix}/strategies/action/{world.police_action.pk}/delete/"]')
    ).to_have_count(0)

    visit(page, council_url)
    expect(main.locator(f'a[href="{council_url}edit/"]')).to_have_count(0)
    expect(main.locator('a[href*="/delete/"]')).to_have_count(0)
    visit(page, f"{council_url}edit/", status=403)
    expect(main.locator(f'a[href="{prefix}/"]')).to_have_count(1)
    expect(main.locator("form")).to_have_count(0)

    follow(page, page.locator(f'header a[href="{prefix}/accounts/profile/"]'))
    expect(
        main.locator(f'a[href="{prefix}/partnerships/{world.partnership.slug}/"]')
    ).to_have_count(1)
