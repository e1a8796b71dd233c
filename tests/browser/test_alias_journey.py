"""Alys keeps the partnership's alias list in a browser, in English and Welsh, without JavaScript.

Every page on the way is checked with axe-core by the journey helpers.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import error_summary, follow, sign_in, visit
from vawdasv.partnerships.models import OrganisationAlias

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("javascript", [False], ids=["without-js"])
@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_administrator_adds_and_removes_a_name_used_in_plans(
    page: Page, world: Any, prefix: str, javascript: bool
) -> None:
    main = page.locator("main")
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/partnerships/{world.partnership.slug}/")
    aliases_url = f"{prefix}/partnerships/{world.partnership.slug}/aliases/"
    follow(page, main.locator(f'a[href="{aliases_url}"]'))
    follow(page, main.locator(f'a[href="{aliases_url}add/"]'))

    follow(page, main.locator("button[type=submit]"), status=400)  # nothing entered
    expect(error_summary(page)).to_be_visible()

    main.locator("input[name=alias]").fill("Heddlu")
    main.locator("select[name=organisation]").select_option(str(world.police.pk))
    follow(page, main.locator("button[type=submit]"))
    entry = OrganisationAlias.objects.get(alias="Heddlu")
    assert entry.organisation == world.police
    expect(main.locator("table")).to_contain_text("Heddlu De Cymru")

    follow(page, main.locator(f'a[href="{aliases_url}{entry.pk}/delete/"]'))
    follow(page, main.locator("button[type=submit]"), status=400)  # not confirmed
    expect(error_summary(page)).to_be_visible()
    main.locator("input[name=confirm]").check()
    follow(page, main.locator("button[type=submit]"))
    assert not OrganisationAlias.objects.exists()
    assert page.url.endswith(aliases_url)


def test_a_lead_officer_has_no_way_in(page: Page, world: Any) -> None:
    sign_in(page, "", "owain")
    visit(page, f"/partnerships/{world.partnership.slug}/")
    expect(page.locator(f'main a[href$="/{world.partnership.slug}/aliases/"]')).to_have_count(0)
    visit(page, f"/partnerships/{world.partnership.slug}/aliases/", status=403)
