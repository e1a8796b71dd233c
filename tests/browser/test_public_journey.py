"""A member of the public reads a published plan, in English and in Welsh, with and without JS."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import LANGUAGE_NAMES, follow, html_lang, path_of, visit
from vawdasv.lib.bilingual import read

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


DOCX_BUTTON = {"en": "Word document (.docx)", "cy": "Dogfen Word (.docx)"}
READY = {"en": "Your file is ready", "cy": "Mae eich ffeil yn barod"}
BACK = {"en": "Back", "cy": "Yn ôl"}


def _switch_language(page: Page, to: str) -> None:
    follow(page, page.locator("header").get_by_role("link", name=LANGUAGE_NAMES[to], exact=True))
    assert html_lang(page) == to


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_visitor_reads_the_published_plan_filters_its_actions_and_sees_an_actions_history(
    page: Page, plan: Plan, prefix: str, javascript: bool
) -> None:
    world = plan.world
    language, other = ("cy", "en") if prefix else ("en", "cy")
    strategy_url = f"{prefix}/strategies/{world.strategy.slug}/"

    visit(page, f"{prefix}/")
    assert html_lang(page) == language
    # enhance.js marks the body when scripts run; without JS the page must work unmarked.
    body_class = page.locator("body").get_attribute("class") or ""
    assert ("js-enabled" in body_class.split()) is javascript
    _switch_language(page, other)
    assert path_of(page) == ("/cy/" if other == "cy" else "/")
    _switch_language(page, language)
    assert path_of(page) == f"{prefix}/"

    main = page.locator("main")
    expect(
        main.locator(f'a[href="{prefix}/strategies/{world.draft_strategy.slug}/"]')
    ).to_have_count(0)
    follow(page, main.locator(f'a[href="{strategy_url}"]'))
    expect(page.locator("h1")).to_contain_text(world.strategy.title_en)
    for theme in (world.theme, plan.second_theme):
        expect(page.locator(f"#theme-{theme.pk} h2")).to_contain_text(theme.name_en)
    expect(page.locator(f"#commitment-{world.commitment.pk} caption")).to_contain_text(
        world.commitment.text_en
    )
    for action in (world.police_action, world.council_action, plan.training_action):
        expect(main.locator(f'a[href="{prefix}/strategies/actions/{action.pk}/"]')).to_have_count(1)

    # The plan as a Word document: made by a worker, handed over on the download's page.
    follow(page, main.get_by_role("button", name=DOCX_BUTTON[language]))
    assert path_of(page).startswith(f"{prefix}/downloads/")
    expect(page.locator("h1")).to_contain_text(READY[language])
    with page.expect_download() as waiting:
        main.locator("a[download]").first.click()
    assert waiting.value.suggested_filename == f"{world.strategy.slug}-{language}.docx"
    follow(page, main.get_by_role("link", name=BACK[language], exact=True))
    assert path_of(page) == strategy_url

    follow(page, main.locator(f'a[href="{strategy_url}actions/"]'))
    rows = main.locator("table tbody tr")
    found = main.locator('p[role="status"]')
    filters = main.locator("form.vawdasv-filters")
    expect(rows).to_have_count(3)
    expect(found).to_contain_text("3")

    filters.locator("select[name=theme]").select_option(str(world.theme.pk))
    follow(page, filters.locator("button[type=submit]"))
    expect(rows).to_have_count(2)
    expect(found).to_contain_text("2")

    filters.locator("select[name=lead]").select_option(str(world.police.pk))
    follow(page, filters.locator("button[type=submit]"))
    expect(rows).to_have_count(1)
    expect(found).to_contain_text("1")
    expect(rows.first).to_contain_text(world.police_action.text_en)

    follow(page, filters.locator(f'a[href="{strategy_url}actions/"]'))
    expect(rows).to_have_count(3)
    filters.locator("input[name=q]").fill("coercive")
    follow(page, filters.locator("button[type=submit]"))
    expect(rows).to_have_count(1)
    expect(filters.locator("input[name=q]")).to_have_value("coercive")

    follow(page, rows.first.locator("a"))
    assert path_of(page) == f"{prefix}/strategies/actions/{plan.training_action.pk}/"
    history = main.locator("ol.govuk-list")
    expect(history).to_contain_text("Training attendance records")
    expect(history).to_contain_text(world.admin.get_full_name())

    visit(page, f"{prefix}/strategies/{world.draft_strategy.slug}/", status=404)
    assert html_lang(page) == language

    # The partnership's public page: the plan, but no progress while it does not publish it.
    visit(page, f"{prefix}/public/{world.partnership.slug}/")
    expect(main.locator("#progress-not-published")).to_be_visible()
    expect(main).to_contain_text(read(world.police_action, "text", language).text)
    expect(main.locator(".govuk-table__caption--m")).to_have_count(0)  # no RAG by theme
