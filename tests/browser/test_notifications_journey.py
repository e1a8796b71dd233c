"""An administrator reads and clears their notifications on the home page, chooses to be
emailed straight away, and filters the action list by RAG, in English and in Welsh.

Every page is checked with axe by the shared journey helpers.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page

from tests.browser.journey import follow, sign_in, visit
from vawdasv.accounts.models import Notification, NotificationEmails, User
from vawdasv.progress import services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

UPDATE = {"rag": "red", "narrative_en": "Delayed by staffing.", "narrative_cy": "Oedi."}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_notifications_preferences_and_the_filtered_action_list(page: Page, world, language):
    prefix = "/cy" if language == "cy" else ""
    progress_round = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=datetime.date(2025, 10, 31),
    )  # fmt: skip
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action, data=UPDATE
    )
    services.approve_update(actor=world.admin, update=update)
    services.submit_update(
        actor=world.council_lead, progress_round=progress_round, action=world.council_action,
        data={**UPDATE, "rag": "green"},
    )  # fmt: skip
    with translation.override(language):
        mark_read = gettext("Mark as read")
        choose = gettext("Choose when we email you")
        see_all = gettext("See all your notifications")
        mark_all = gettext("Mark all as read")
        straight_away = str(NotificationEmails.IMMEDIATE.label)
        save = gettext("Save")
        apply_filters = gettext("Apply filters")
        one_found = gettext("%(counter)s action found") % {"counter": 1}

    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/")
    notifications = page.locator("main .app-notifications li")
    assert notifications.count() == 2  # Owain's submission and Bethan's, the newest first
    assert "Bethan" in notifications.first.inner_text()
    link = notifications.first.locator("a").get_attribute("href") or ""
    assert link.startswith(f"{prefix}/progress/updates/")

    follow(page, notifications.first.get_by_role("button", name=mark_read))
    read = Notification.objects.get(user=world.admin, read_at__isnull=False)
    assert read.params["person"].startswith("Bethan")
    unread = page.locator("main .app-notifications li:has(.govuk-tag)")
    assert unread.count() == 1 and "Owain" in unread.inner_text()
    assert "Owain" in notifications.first.inner_text()  # unread first

    # The full list (one page here) and the question before marking them all read.
    follow(page, page.get_by_role("link", name=see_all))
    assert page.locator("main .app-notifications li").count() == 2
    visit(page, f"{prefix}/accounts/notifications/read/")
    follow(page, page.get_by_role("button", name=mark_all))
    assert not Notification.objects.filter(user=world.admin, read_at=None).exists()

    follow(page, page.get_by_role("link", name=choose))
    page.get_by_label(straight_away).check()
    follow(page, page.get_by_role("button", name=save, exact=True))
    assert User.objects.get(pk=world.admin.pk).notification_emails == "immediate"

    visit(page, f"{prefix}/strategies/{world.strategy.slug}/actions/")
    page.locator("#id_rag").select_option("red")
    follow(page, page.get_by_role("button", name=apply_filters))
    assert "rag=red" in page.url
    assert one_found in page.locator("main").inner_text()
    tags = page.locator("main table strong.govuk-tag--red").all_inner_texts()
    assert tags[0] == {"en": "Red", "cy": "Coch"}[language]  # the word, not colour alone
    assert "2025/26 Q2" in page.locator("main table").inner_text()
