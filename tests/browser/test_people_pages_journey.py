"""The regional team's people pages and everyone's account pages, with axe on each, in both
languages: changing a role (and being refused removing the last administrator), the partnership's
settings, one's own details and password, two-factor setup, and the forgotten-password pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import error_summary, follow, sign_in, visit
from vawdasv.partnerships.models import Membership

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_the_adviser_manages_people_and_everyone_their_account(
    page: Page, plan: Plan, prefix: str
) -> None:
    world = plan.world
    slug = world.partnership.slug
    main = page.locator("main")
    sign_in(page, prefix, "alys")

    visit(page, f"{prefix}/partnerships/{slug}/people/")
    gareth = Membership.objects.get(user=world.board)
    follow(page, main.locator(f'a[href="{prefix}/partnerships/{slug}/people/{gareth.pk}/"]'))
    role_form = main.locator("form").filter(has=page.locator("input[value=role]"))
    role_form.locator('input[name=role-role][value="lead_officer"]').check()
    follow(page, role_form.locator("button[type=submit]"))
    expect(main.locator(".govuk-notification-banner--success")).to_have_count(1)

    alys = Membership.objects.get(user=world.admin)
    visit(page, f"{prefix}/partnerships/{slug}/people/{alys.pk}/")
    end_form = main.locator("form").filter(has=page.locator("input[value=end]"))
    end_form.locator("input[name=end-confirm]").check()
    follow(page, end_form.locator("button[type=submit]"), status=400)
    error_summary(page)  # the last administrator cannot be removed
    assert Membership.objects.get(pk=alys.pk).active

    visit(page, f"{prefix}/partnerships/{slug}/settings/")
    settings_form = main.locator("form[method=post]")
    settings_form.locator("input[name=lead_officers_edit_actions]").check()
    follow(page, settings_form.locator("button[type=submit]"))

    visit(page, f"{prefix}/accounts/profile/")
    follow(page, main.locator(f'a[href="{prefix}/accounts/profile/details/"]'))
    details = main.locator("form[method=post]")
    details.locator("input[name=job_title]").fill("Regional Adviser")
    follow(page, details.locator("button[type=submit]"))
    visit(page, f"{prefix}/accounts/profile/password/")
    visit(page, f"{prefix}/accounts/two-factor/")
    visit(page, f"{prefix}/accounts/two-factor/set-up/")
    expect(main.locator("svg")).to_have_count(1)

    sign_out = page.locator(f'header form[action="{prefix}/accounts/sign-out/"]')
    follow(page, sign_out.locator("button[type=submit]"))
    visit(page, f"{prefix}/accounts/sign-in/")
    follow(page, main.locator(f'a[href="{prefix}/accounts/password-reset/"]'))
    reset = main.locator("form[method=post]")
    reset.locator("input[name=email]").fill("nobody@example.org")
    follow(page, reset.locator("button[type=submit]"))
    expect(main.locator("h1")).to_have_count(1)
