"""A whole progress round in the browser, from opening it to the board's report in two languages.

The journey runs twice: once with every page in English and once with every page in Welsh.

Alys opens the round; Owain (South Wales Police) and Bethan (Cardiff Council) write their
updates from "My actions", Owain proposing a new timescale; Alys approves Owain's, returns
Bethan's with a comment and closes the round; then she downloads the progress report as Word and
PDF in English and in Welsh, and the files are opened to check what the board will read.
"""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pdfplumber
import pytest
from django.utils import translation
from docx import Document
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import follow, html_lang, path_of, sign_in, visit
from vawdasv.progress.enums import RagStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PERIOD = "2025/26"  # the world's actions are due by March 2026, the end of this financial year
NEW_TIMESCALE = "Mar 2027"  # as the plan records it; chosen as March and 2027 in the form
NEW_MONTH, NEW_YEAR = "3", "2027"
SHOWN = {"en": "March 2027", "cy": "Mawrth 2027"}  # as each reader reads it
TIMESCALE_REASON = "The force's training contract was re-let"
RETURN_COMMENT = "Please say how many staff have been trained"


def rag_word(rag: RagStatus, language: str) -> str:
    """The RAG word the report prints, in the report's language (as the partnership names it)."""
    with translation.override(language):
        return rag.short_label


def sign_out(page: Page, prefix: str) -> None:
    sign_out_form = page.locator(f'header form[action="{prefix}/accounts/sign-out/"]')
    follow(page, sign_out_form.locator("button[type=submit]"))


def write_update(
    page: Page,
    prefix: str,
    username: str,
    action: Any,
    rag: RagStatus,
    narrative: str,
    *,
    timescale: str | None = None,
) -> None:
    """A lead officer signs in, finds the action in My actions, rates it and submits it."""
    main = page.locator("main")
    sign_in(page, prefix, username)
    follow(page, page.locator(f'header a[href="{prefix}/progress/"]'))
    follow(page, main.locator(f'table a[href$="/actions/{action.pk}/"]'))
    form = main.locator("form[method=post]")
    form.locator(f'input[name=rag][value="{rag.value}"]').check()
    form.locator(f"textarea[name=narrative_{'cy' if prefix else 'en'}]").fill(narrative)
    if timescale is not None:
        # The new timescale is a month and a year chosen from lists named in the page's language.
        month = form.locator("select[name=proposed_timescale_text_0]")
        expect(month.locator('option[value="9"]')).to_have_text("Medi" if prefix else "September")
        month.select_option(NEW_MONTH)
        form.locator("select[name=proposed_timescale_text_1]").select_option(NEW_YEAR)
        form.locator("textarea[name=proposed_timescale_reason]").fill(timescale)
    follow(page, form.locator("button[type=submit][name=intent][value=submit]"))
    assert path_of(page) == f"{prefix}/progress/"
    expect(main.locator(".govuk-notification-banner--success")).to_have_count(1)
    sign_out(page, prefix)


def review(
    page: Page,
    update: ProgressUpdate,
    decision: str,
    comment: str,
    next_update: ProgressUpdate | None = None,
    shows: str = "",
) -> None:
    """Record the decision on the update's review page (from the round page's Review link
    unless the queue already opened it); the next update waiting opens after it, or the round."""
    main = page.locator("main")
    address = f"/progress/updates/{update.pk}/review/"
    if not path_of(page).endswith(address):
        follow(page, main.locator(f'a[href$="{address}"]'))
    if shows:
        expect(main).to_contain_text(shows)
    form = main.locator("form[method=post]")
    form.locator(f'input[name=decision][value="{decision}"]').check()
    form.locator("textarea[name=comment]").fill(comment)
    follow(page, form.locator("button[type=submit]"))
    if next_update is not None:
        assert path_of(page).endswith(f"/progress/updates/{next_update.pk}/review/")
    else:
        assert path_of(page).endswith(f"/progress/rounds/{update.progress_round_id}/")


def download(page: Page, format_name: str) -> tuple[str, bytes]:
    """Ask for the report in the format, then take the file from the job's page when ready.

    Jobs run inline in tests (tests/conftest.py), so the job page already
    offers the file; test_report_jobs.py covers the page while a report is being made.
    """
    main = page.locator("main")
    label = {"docx": "Word", "pdf": "PDF"}[format_name]
    follow(page, main.locator(f'form[method=post] button[name=format][value="{format_name}"]'))
    assert "/report/jobs/" in path_of(page), f"asked for {label}, arrived at {page.url}"
    link = main.locator(".govuk-panel--confirmation ~ p a[download]")
    with page.expect_download() as waiting:
        link.click()
    downloaded = waiting.value
    path = downloaded.path()
    with open(path, "rb") as file:
        content = file.read()
    follow(page, main.locator('a[href*="/report/?"]'))  # back to the report page
    return downloaded.suggested_filename, content


def docx_table_text(content: bytes) -> tuple[int, list[str]]:
    """How many tables the Word file has, and the text of every table row, cells joined."""
    document = Document(io.BytesIO(content))
    rows = [
        " | ".join(cell.text for cell in row.cells)
        for table in document.tables
        for row in table.rows
    ]
    return len(document.tables), rows


def pdf_tables_and_text(content: bytes) -> tuple[int, str]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        tables = sum(len(p.extract_tables()) for p in pdf.pages)
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    return tables, text


def check_report_files(page: Page, language: str, police_action: Any, council_action: Any) -> None:
    """Download the .docx and .pdf from the report page shown and check what they say."""
    green = rag_word(RagStatus.GREEN, language)
    with translation.override(language):
        no_update = str(translation.gettext("No update"))

    name, word_file = download(page, "docx")
    assert name.endswith(f"-{language}.docx"), name
    table_count, rows = docx_table_text(word_file)
    assert table_count >= 3  # RAG key, summary and at least one theme's table
    police_rows = [row for row in rows if police_action.text_en in row]
    council_rows = [row for row in rows if council_action.text_en in row]
    assert police_rows and council_rows, rows
    assert any(SHOWN[language] in row and green in row for row in police_rows), police_rows
    assert any(TIMESCALE_REASON in row for row in police_rows), police_rows
    assert any(no_update in row for row in council_rows), council_rows
    assert not any(green in row for row in council_rows), council_rows

    name, pdf_file = download(page, "pdf")
    assert name.endswith(f"-{language}.pdf"), name
    assert pdf_file.startswith(b"%PDF")
    table_count, text = pdf_tables_and_text(pdf_file)
    assert table_count >= 3
    assert re.search(r"\s+".join(SHOWN[language].split()), text), text
    assert green in text
    assert rag_word(RagStatus.RED, language) in text  # the RAG key names every colour


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_administrator_runs_a_round_that_two_lead_officers_answer_and_downloads_the_report(
    page: Page, plan: Plan, prefix: str
) -> None:
    """The whole round in the journey's language; the report is then read in both languages."""
    world = plan.world
    main = page.locator("main")
    slug = world.strategy.slug
    page_language = "cy" if prefix else "en"
    other_language = "en" if prefix else "cy"

    # Alys opens the round.
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}{world.strategy.get_absolute_url()}")
    follow(page, main.locator(f'a[href="{prefix}/progress/strategies/{slug}/"]'))
    follow(page, main.locator(f'a[href="{prefix}/progress/strategies/{slug}/open/"]'))
    form = main.locator("form[method=post]")
    form.locator("select[name=period]").select_option(PERIOD)
    form.locator("input[name=deadline]").fill(
        (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    )
    follow(page, form.locator("button[type=submit]"))
    progress_round = ProgressRound.objects.get(strategy=world.strategy, period_label=PERIOD)
    round_url = f"{prefix}/progress/rounds/{progress_round.pk}/"
    assert path_of(page) == round_url
    assert html_lang(page) == page_language
    sign_out(page, prefix)

    # Owain proposes a new timescale; Bethan rates hers amber.
    write_update(
        page, prefix, "owain", world.police_action, RagStatus.GREEN,
        "All response officers have completed the training",
        timescale=TIMESCALE_REASON,
    )  # fmt: skip
    write_update(
        page, prefix, "bethan", world.council_action, RagStatus.AMBER,
        "Training has started in two of the five hubs",
    )  # fmt: skip
    police_update = ProgressUpdate.objects.get(action=world.police_action)
    council_update = ProgressUpdate.objects.get(action=world.council_action)
    assert police_update.state == council_update.state == UpdateState.SUBMITTED

    # Alys approves Owain's update, returns Bethan's, and closes the round.
    sign_in(page, prefix, "alys")
    visit(page, round_url)
    # She moves the deadline on a week, then looks at the queue of updates waiting for her.
    follow(page, main.locator(f'a[href="{round_url}deadline/"]'))
    form = main.locator("form[method=post]")
    moved = progress_round.deadline + datetime.timedelta(days=7)
    form.locator("input[name=deadline]").fill(moved.isoformat())
    follow(page, form.locator("button[type=submit]"))
    progress_round.refresh_from_db()
    assert progress_round.deadline == moved
    follow(page, main.locator(f'a[href="{prefix}/progress/reviews/"]'))
    expect(main.locator("tbody tr")).to_have_count(2)
    visit(page, round_url)
    # The proposed timescale reads in the page's language ("Mawrth 2027" on the Welsh page).
    review(
        page, police_update, "approve", "", next_update=council_update,
        shows=SHOWN[page_language],
    )  # fmt: skip
    review(page, council_update, "return", RETURN_COMMENT)
    police_update.refresh_from_db()
    council_update.refresh_from_db()
    assert police_update.state == UpdateState.APPROVED
    assert council_update.state == UpdateState.RETURNED
    assert council_update.review_comment == RETURN_COMMENT
    world.police_action.refresh_from_db()
    assert world.police_action.timescale_text == NEW_TIMESCALE

    follow(page, main.locator(f'a[href="{round_url}close/"]'))
    form = main.locator("form[method=post]")
    form.locator("input[name=confirm]").check()
    follow(page, form.locator("button[type=submit]"))
    progress_round.refresh_from_db()
    assert not progress_round.is_open
    assert html_lang(page) == page_language

    # The report for the period, first in the page's language, then in the other one.
    follow(page, main.locator('a[href*="/report/?period="]'))
    expect(main.locator("table")).not_to_have_count(0)
    check_report_files(page, page_language, world.police_action, world.council_action)

    # The choices and the downloads are one form; "Show report" comes back to the page.
    filters = main.locator("form.vawdasv-report-filters")
    filters.locator("select[name=lang]").select_option(other_language)
    follow(page, filters.locator('button[name=format][value="show"]'))
    expect(main.locator(f'h1 [lang="{other_language}"]')).to_have_count(1)
    check_report_files(page, other_language, world.police_action, world.council_action)
