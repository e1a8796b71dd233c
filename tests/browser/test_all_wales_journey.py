"""Issue 16: an administrator aligns a plan in bulk, a Welsh Government observer opens the
all-Wales view, drills down to a region's action and makes the national annual report (issued
in the background, then downloaded from the report page), and an anonymous visitor reads the
partnership's public progress page — in English and Welsh, every page checked with axe."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import Plan
from tests.browser.journey import follow, sign_in, visit
from vawdasv.national.models import UpdateMark
from vawdasv.partnerships import services as partnership_services
from vawdasv.progress.enums import PeriodKind, RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COVERAGE = {
    "": "1 of 2 commitments aligned (50%).",
    "/cy": "1 o 2 ymrwymiad yn cyd-fynd (50%).",
}
NARRATIVE = "Forty officers trained in coercive control."


def _reported(plan: Plan) -> None:
    """A closed 2025/26 Q2 round with the police action's update approved and marked public, in
    a partnership that publishes its progress."""
    world = plan.world
    partnership_services.update_settings(
        actor=world.admin, partnership=world.partnership, publish_progress=True
    )
    end = datetime.date(2025, 9, 30)
    progress_round = ProgressRound.objects.create(
        strategy=world.strategy, period_label="2025/26 Q2", period_kind=PeriodKind.QUARTER,
        period_start=datetime.date(2025, 7, 1), period_end=end, deadline=end,
        status=RoundStatus.CLOSED,
    )  # fmt: skip
    update = ProgressUpdate.objects.create(
        progress_round=progress_round, action=world.police_action, rag="green",
        narrative_en=NARRATIVE, narrative_cy=NARRATIVE, state=UpdateState.APPROVED,
    )  # fmt: skip
    UpdateMark.objects.create(update=update, highlight=True, public=True)


@pytest.mark.parametrize("javascript", [True], ids=["with-js"])
@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_align_roll_up_drill_down_and_read_the_public_progress(
    page: Page, plan: Plan, prefix: str, javascript: bool
) -> None:
    world = plan.world
    world.commitment.text_en = "We will challenge attitudes and raise awareness in communities"
    world.commitment.save()
    _reported(plan)
    factories.UserFactory(username="wg", national_observer=True)

    # The administrator aligns the plan, confirming a suggestion.
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/strategies/{world.strategy.slug}/")
    follow(page, page.locator(f'main a[href="{prefix}/all-wales/align/{world.strategy.slug}/"]'))
    suggestion = page.locator(f"#suggest-{world.commitment.pk}")
    expect(suggestion).to_contain_text("attitudes")
    first = page.locator(f'input[name="commitment-{world.commitment.pk}"]').first
    page.locator(f'label[for="{first.get_attribute("id")}"]').click()
    follow(page, page.locator("main form button[type=submit]"))
    expect(page.locator("#coverage")).to_contain_text(COVERAGE[prefix])
    page.context.clear_cookies()

    # The observer opens the all-Wales view on the objective's framework and drills down.
    sign_in(page, prefix, "wg")
    framework = world.police_action.alignments.get().framework
    visit(page, f"{prefix}/all-wales/?year=2025&framework={framework.slug}")
    drill = page.locator(f'main a[href*="/all-wales/"][href*="/{world.partnership.slug}/"]')
    expect(drill.first).to_be_visible()
    follow(page, drill.first)
    expect(page.locator("main")).to_contain_text(NARRATIVE)
    follow(
        page, page.locator(f'main a[href="{prefix}/strategies/actions/{world.police_action.pk}/"]')
    )

    # The observer opens the headline data across Wales from the all-Wales view.
    visit(page, f"{prefix}/all-wales/")
    follow(page, page.locator(f'main a[href="{prefix}/outcomes/all-wales/"]'))
    expect(page.locator("main select[name=period]")).to_be_visible()

    # The observer makes the national annual report in the page's language, as a Word file:
    # the task makes it once the request is committed, and the report page lists the issue.
    visit(page, f"{prefix}/all-wales/")
    follow(page, page.locator(f'main a[href="{prefix}/all-wales/report/"]'))
    page.locator("main select[name=year]").select_option("2025")
    language = "cy" if prefix else "en"
    for name, value in (("language", language), ("format", "docx")):
        choice = page.locator(f'main input[name="{name}"][value="{value}"]')
        page.locator(f'label[for="{choice.get_attribute("id")}"]').click()
    follow(page, page.locator("main form button[type=submit]"))
    download = page.locator('main a[href*="/all-wales/report/"][href$="/download/"]')
    expect(download).to_contain_text(f"national-progress-report-2025-{language}-v1.docx")
    with page.expect_download() as waiting:
        download.click()
    with open(waiting.value.path(), "rb") as file:
        assert file.read(2) == b"PK"  # a Word document is a zip file
    page.context.clear_cookies()

    # An anonymous visitor reads the public progress page.
    visit(page, f"{prefix}/public/")
    follow(page, page.locator(f'main a[href="{prefix}/public/{world.partnership.slug}/"]'))
    expect(page.locator("main")).to_contain_text(NARRATIVE)
    expect(page.locator("main")).to_contain_text("2025/26 Q2")
