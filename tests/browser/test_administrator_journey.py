"""Alys, the regional adviser, maintains the plan: edits, adds and deletes content."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import error_summary, follow, path_of, sign_in, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _id_from(page: Page, pattern: str) -> int:
    found = re.search(pattern, page.url)
    assert found, f"{page.url} does not match {pattern}"
    return int(found.group(1))


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_administrator_edits_an_action_adds_a_commitment_and_action_and_deletes_an_action(
    page: Page, plan: Plan, prefix: str
) -> None:
    world = plan.world
    action = world.police_action
    action_url = f"{prefix}/strategies/actions/{action.pk}/"
    edit_url = f"{action_url}edit/"
    main = page.locator("main")
    form = main.locator("form[method=post]")
    save = form.locator("button[type=submit]")
    success = main.locator(".govuk-notification-banner--success")
    sign_in(page, prefix, "alys")

    visit(page, action_url)
    follow(page, main.locator(f'a[href="{edit_url}"]'))
    timescale = form.locator("input[name=timescale_text]")
    expect(timescale).to_have_value("Mar 2026")
    timescale.fill("Mar 2027")
    follow(page, save)
    assert path_of(page) == action_url
    expect(success).to_be_visible()
    history = main.locator("ol.govuk-list")
    if not prefix:
        expect(history).to_contain_text(
            f"Timescale changed from Mar 2026 to Mar 2027 by {world.admin.get_full_name()}"
        )
    # The history gives the months in the page's language; the stored text stays "Mar 2027".
    expect(history).to_contain_text("Maw 2027" if prefix else "Mar 2027")

    follow(page, main.locator(f'a[href="{edit_url}"]'))
    form.locator("textarea[name=text_en]").fill("")
    form.locator("textarea[name=text_cy]").fill("")
    follow(page, save, status=400)
    summary = error_summary(page)
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # GOV.UK Frontend's script moves focus to the summary
    expect(summary.locator('a[href="#id_text_en"]')).to_have_count(1)
    expect(form.locator("#id_text_en")).to_have_class(re.compile(r"\bgovuk-textarea--error\b"))
    expect(form.locator("#id_text_en_error")).to_be_visible()

    strategy_url = f"{prefix}/strategies/{world.strategy.slug}/"
    visit(page, strategy_url)
    follow(
        page,
        main.locator(f'a[href="{prefix}/strategies/themes/{world.theme.pk}/commitments/new/"]'),
    )
    form.locator("input[name=ref]").fill("1.9")
    form.locator("textarea[name=text_en]").fill("We will make refuge places easier to find")
    form.locator("textarea[name=text_cy]").fill("Byddwn yn ei gwneud yn haws dod o hyd i loches")
    follow(page, save)
    commitment_pk = _id_from(page, r"#commitment-(\d+)$")
    expect(success).to_be_visible()
    expect(main.locator(f"#commitment-{commitment_pk} caption")).to_contain_text(
        "loches" if prefix else "refuge places"
    )

    follow(
        page,
        main.locator(f'a[href="{prefix}/strategies/commitments/{commitment_pk}/actions/new/"]'),
    )
    form.locator("textarea[name=text_en]").fill("Publish a directory of refuge places")
    form.locator("textarea[name=text_cy]").fill("Cyhoeddi cyfeiriadur o leoedd lloches")
    form.locator("input[name=timescale_text]").fill("Mar 2027")
    form.locator(f'input[name=lead_organisations][value="{world.police.pk}"]').check()
    follow(page, save)
    new_action_pk = _id_from(page, r"/actions/(\d+)/$")
    expect(success).to_be_visible()
    expect(main).to_contain_text("Cyhoeddi cyfeiriadur" if prefix else "Publish a directory")

    delete_url = f"{prefix}/strategies/action/{new_action_pk}/delete/"
    follow(page, main.locator(f'a[href="{delete_url}"]'))
    follow(page, form.locator("button[type=submit]"), status=400)
    expect(error_summary(page)).to_be_focused()
    expect(form.locator("#id_confirm_error")).to_be_visible()
    form.locator("input[name=confirm]").check()
    follow(page, form.locator("button[type=submit]"))
    assert path_of(page) == strategy_url
    expect(success).to_be_visible()
    expect(main.locator(f'a[href="{prefix}/strategies/actions/{new_action_pk}/"]')).to_have_count(0)
    visit(page, f"{prefix}/strategies/actions/{new_action_pk}/", status=404)
