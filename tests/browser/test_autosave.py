"""A lead officer's draft is kept while they write, and the Save draft button still works alone.

Owain opens his action's update in an open round and types his progress. With JavaScript the
page saves it by itself and says so in its status line; after a reload his text is there.
Without JavaScript nothing is saved until he presses "Save draft", which keeps it the same way.
The autosave delays are shortened through the form's data attributes, and the test waits for
what the page says and what the database holds, never for a length of time.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from tests.browser.journey import follow, sign_in, visit
from vawdasv.progress import services
from vawdasv.progress.enums import UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NARRATIVE = {
    "en": "Forty response officers have finished the coercive control course.",
    "cy": "Mae deugain o swyddogion ymateb wedi gorffen y cwrs rheolaeth drwy orfodaeth.",
}
GENEROUS = 20_000  # milliseconds a step may take on a busy machine before the test gives up


def _round(world: Any) -> ProgressRound:
    return services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
    )  # fmt: skip


def _saved_message(language: str) -> re.Pattern[str]:
    """The "Draft saved at 10:42" message in the page's language, whatever the time."""
    with translation.override(language):
        wording = gettext("Draft saved at %(time)s")
    before, after = wording.split("%(time)s")
    return re.compile(re.escape(before) + r"\d{2}:\d{2}" + re.escape(after))


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_the_draft_saves_itself_while_the_lead_officer_writes(
    page: Page, world: Any, prefix: str
) -> None:
    language = "cy" if prefix else "en"
    progress_round = _round(world)
    address = f"{prefix}/progress/rounds/{progress_round.pk}/actions/{world.police_action.pk}/"
    sign_in(page, prefix, "owain")
    visit(page, address)
    form = page.locator("main form[data-autosave-url]")
    # Quick saves for the test; the page itself waits 3 s of quiet and 15 s between saves.
    form.evaluate("f => { f.dataset.autosaveDelay = '100'; f.dataset.autosaveInterval = '0'; }")
    narrative = form.locator(f"textarea[name=narrative_{language}]")
    narrative.press_sequentially(NARRATIVE[language])

    status = form.locator("[role=status]")
    expect(status).to_have_text(_saved_message(language), timeout=GENEROUS)
    expect(status).to_be_visible()
    # The page may have saved part-way through the typing; wait for the whole text to be kept.
    version = form.locator("input[name=version]")
    for _attempt in range(100):
        update = ProgressUpdate.objects.get(action=world.police_action)
        if getattr(update, f"narrative_{language}") == NARRATIVE[language]:
            break
        page.wait_for_timeout(200)
    assert getattr(update, f"narrative_{language}") == NARRATIVE[language]
    assert update.state == UpdateState.DRAFT
    expect(version).to_have_value(str(update.version), timeout=GENEROUS)

    visit(page, address)
    expect(page.locator(f"main textarea[name=narrative_{language}]")).to_have_value(
        NARRATIVE[language]
    )


@pytest.mark.parametrize("javascript", [False], ids=["without-js"])
def test_without_javascript_save_draft_keeps_the_text(
    page: Page, world: Any, javascript: bool
) -> None:
    progress_round = _round(world)
    address = f"/progress/rounds/{progress_round.pk}/actions/{world.police_action.pk}/"
    sign_in(page, "", "owain")
    visit(page, address)
    form = page.locator("main form[method=post]")
    form.locator("textarea[name=narrative_en]").fill(NARRATIVE["en"])
    assert not ProgressUpdate.objects.exists()  # nothing is sent until the button is pressed
    follow(page, form.locator("button[name=intent][value=save]"))
    expect(page.locator("main textarea[name=narrative_en]")).to_have_value(NARRATIVE["en"])
    assert ProgressUpdate.objects.get().narrative_en == NARRATIVE["en"]


def test_adding_evidence_keeps_what_was_typed_but_not_yet_saved(page: Page, world: Any) -> None:
    progress_round = _round(world)
    address = f"/progress/rounds/{progress_round.pk}/actions/{world.police_action.pk}/"
    sign_in(page, "", "owain")
    visit(page, address)
    main = page.locator("main")
    form = main.locator("form[data-autosave-url]")
    # Far longer than the test takes: only the evidence form's own flush can save the text.
    form.evaluate("f => { f.dataset.autosaveDelay = '600000'; }")
    form.locator("textarea[name=narrative_en]").fill(NARRATIVE["en"])
    assert not ProgressUpdate.objects.exists()

    link_form = main.locator("form[data-saves-draft-first]").first
    link_form.locator("input[name='link-title']").fill("Course attendance register")
    link_form.locator("input[name='link-url']").fill("https://example.org/register")
    follow(page, link_form.locator("button[type=submit]"))

    update = ProgressUpdate.objects.get()
    assert update.narrative_en == NARRATIVE["en"]
    assert update.evidence.get().title == "Course attendance register"
    expect(main.locator("textarea[name=narrative_en]")).to_have_value(NARRATIVE["en"])


def test_a_slow_server_never_has_two_saves_of_one_page_at_once(page: Page, world: Any) -> None:
    """A change made while a save is in flight is saved after it, with the version it returned,
    so a slow answer never turns the person's own typing into a conflict with themselves."""
    progress_round = _round(world)
    address = f"/progress/rounds/{progress_round.pk}/actions/{world.police_action.pk}/"
    sign_in(page, "", "owain")
    visit(page, address)
    form = page.locator("main form[data-autosave-url]")
    form.evaluate("f => { f.dataset.autosaveDelay = '100'; f.dataset.autosaveInterval = '0'; }")
    held: list[Any] = []  # the autosave requests, answered only when the test says so
    page.route("**/autosave/", lambda route: held.append(route))
    narrative = form.locator("textarea[name=narrative_en]")

    narrative.fill("First part.")
    for _attempt in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    narrative.fill("First part. Second part.")
    page.wait_for_timeout(1500)  # many times the 100 ms quiet: a second save would have started
    assert len(held) == 1

    held[0].continue_()
    for _attempt in range(100):
        if len(held) == 2:
            break
        page.wait_for_timeout(100)
    assert len(held) == 2  # the change made meanwhile is saved once the first save has ended
    held[1].continue_()

    expect(form.locator("[role=status]")).to_have_text(_saved_message("en"), timeout=GENEROUS)
    update = ProgressUpdate.objects.get(action=world.police_action)
    assert update.narrative_en == "First part. Second part."
    assert update.version == 2
