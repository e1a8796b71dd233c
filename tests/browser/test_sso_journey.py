"""Signing in through an OpenID Connect provider, in English and Welsh, with axe on our pages.

The provider is real (`oidc-provider` from npm, started on 127.0.0.1 by tests/sso/provider.py);
its own development login form stands in for Microsoft's sign-in page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import follow, html_lang, on_provider_page, path_of, visit
from tests.sso.provider import PROVIDER_NAME, RunningProvider, configure, start_provider
from vawdasv.accounts.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUTTON = {"": f"Sign in with {PROVIDER_NAME}", "/cy": f"Mewngofnodi gyda {PROVIDER_NAME}"}


@pytest.fixture(scope="session")
def provider(live_server: Any) -> Iterator[RunningProvider]:
    yield from start_provider(live_server.url)


@pytest.fixture
def sso_on(settings: Any, provider: RunningProvider) -> RunningProvider:
    configure(settings, provider.issuer)
    return provider


def sign_in_at_provider(page: Page, provider: RunningProvider, prefix: str, email: str) -> None:
    """From our sign-in page: the provider's button, then the provider's login form."""
    visit(page, f"{prefix}/accounts/sign-in/")
    button = page.locator("main a.govuk-button", has_text=BUTTON[prefix])
    with page.expect_navigation():
        button.click()
    on_provider_page(page, provider.issuer)
    form = page.locator("form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill("anything: the test provider accepts any")


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_a_person_signs_in_with_the_provider_and_lands_signed_in(
    page: Page, plan: Plan, sso_on: RunningProvider, prefix: str
) -> None:
    owain = plan.world.lead
    owain.email = "Owain.Rees@south-wales.police.example"
    owain.save()
    sign_in_at_provider(page, sso_on, prefix, "owain.rees@south-wales.police.example")

    follow(page, page.locator("form button[type=submit]"))

    assert path_of(page) == f"{prefix}/"
    assert html_lang(page) == ("cy" if prefix else "en")
    sign_out = page.locator(f'header form[action="{prefix}/accounts/sign-out/"]')
    expect(sign_out).to_have_count(1)
    visit(page, f"{prefix}/accounts/profile/")
    expect(page.locator("main")).to_contain_text(owain.display_name)


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_an_unknown_email_is_told_to_ask_the_regional_team_and_no_account_is_made(
    page: Page, plan: Plan, sso_on: RunningProvider, prefix: str
) -> None:
    people = User.objects.count()
    sign_in_at_provider(page, sso_on, prefix, "stranger@example.org")

    follow(page, page.locator("form button[type=submit]"))

    assert path_of(page) == f"{prefix}/accounts/sign-in/problem/"
    heading = {"": "Your account was not found", "/cy": "Ni ddaethpwyd o hyd i'ch cyfrif"}
    expect(page.locator("main h1")).to_have_text(heading[prefix])
    expect(page.locator(f'header form[action="{prefix}/accounts/sign-out/"]')).to_have_count(0)
    assert User.objects.count() == people


def test_the_sign_in_throttle_stays_on_and_lets_single_sign_on_through(
    page: Page, plan: Plan, sso_on: RunningProvider, settings: Any
) -> None:
    # "throttle" in the name keeps django-axes on (tests/conftest.py), as in production.
    assert settings.AXES_ENABLED
    sign_in_at_provider(page, sso_on, "", plan.world.lead.email)

    follow(page, page.locator("form button[type=submit]"))

    expect(page.locator('header form[action="/accounts/sign-out/"]')).to_have_count(1)
