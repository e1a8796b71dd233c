"""An administrator renames Red in the browser and resets it, in English and in Welsh.

Every page is checked with axe by the shared journey helpers.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page

from tests.browser.journey import follow, sign_in, visit
from vawdasv.progress.models import RagLabels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_administrator_renames_red_then_resets_it(page: Page, world, language):
    prefix = "/cy" if language == "cy" else ""
    with translation.override(language):
        link_text = gettext("RAG labels: the words your partnership uses for Red, Amber and Green")
        save = gettext("Save RAG labels")
        reset = gettext("Reset to the platform's wording")
        confirm = gettext("Yes, I am sure")
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/progress/strategies/{world.strategy.slug}/")
    follow(page, page.get_by_role("link", name=link_text))
    assert page.locator("html").get_attribute("lang") == language

    page.locator("#id_red_label_en").fill("Off track")
    page.locator("#id_red_label_cy").fill("Oddi ar y trywydd")
    follow(page, page.get_by_role("button", name=save))
    tags = page.locator("main table strong.govuk-tag--red")
    assert tags.all_inner_texts() == ["Off track", "Oddi ar y trywydd"]
    assert RagLabels.objects.get().red_label_cy == "Oddi ar y trywydd"

    follow(page, page.get_by_role("link", name=reset))
    page.get_by_label(confirm).check()
    follow(page, page.get_by_role("button", name=reset))
    assert RagLabels.objects.get().red_label_en == ""
    assert page.locator("main table strong.govuk-tag--red").first.inner_text() in ("Red", "Coch")
