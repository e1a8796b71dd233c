"""Small defects of the round (issue 11, "The round", item 8), each pinned by a test."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from vawdasv.plans.export import export_xlsx
from vawdasv.progress import services
from vawdasv.progress.enums import ActionStatus, RoundStatus
from vawdasv.progress.models import ProgressRound
from vawdasv.progress.selectors import my_actions

from .conftest import GOOD_UPDATE


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _submit(world, progress_round, **data):
    return services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, **data},
    )  # fmt: skip


NEW_TIMESCALE = {"proposed_timescale_text": "Sep 2028", "proposed_timescale_reason": "Funding"}


def test_the_approved_updates_review_page_says_the_timescale_it_changed_from(world, progress_round):
    world.police_action.timescale_text = "Mar 2026"
    world.police_action.save()
    update = _submit(world, progress_round, **NEW_TIMESCALE)
    services.approve_update(actor=world.admin, update=update)

    page = _login(world.admin).get(reverse("progress:review", args=[update.pk])).content.decode()

    assert "Change the timescale from March 2026 to September 2028" in page
    assert "from September 2028 to September 2028" not in page


def test_a_lead_officers_submitted_view_shows_the_proposed_timescale_reason_and_welsh(
    world, progress_round
):
    _submit(world, progress_round, **NEW_TIMESCALE)
    url = reverse("progress:update", args=[progress_round.pk, world.police_action.pk])

    page = _login(world.lead).get(url).content.decode()

    assert "September 2028" in page
    assert "Funding" in page
    assert GOOD_UPDATE["narrative_cy"] in page
    assert GOOD_UPDATE["narrative_en"] in page


def test_my_actions_never_shows_no_update_beside_an_approved_update(world, strategy_rounds):
    _earlier, current = strategy_rounds
    update = services.submit_update(
        actor=world.lead, progress_round=current, action=world.police_action, data=GOOD_UPDATE
    )
    services.approve_update(actor=world.admin, update=update)

    rows = [row for group in my_actions(world.lead) for row in group.rows]
    police = next(row for row in rows if row.action == world.police_action)

    assert police.update.state == "approved"
    assert ActionStatus.NO_UPDATE not in police.statuses


def test_my_actions_still_says_no_update_while_this_rounds_update_is_unapproved(
    world, strategy_rounds
):
    rows = [row for group in my_actions(world.lead) for row in group.rows]
    police = next(row for row in rows if row.action == world.police_action)

    assert ActionStatus.NO_UPDATE in police.statuses


@pytest.fixture
def strategy_rounds(world, progress_round):
    """A closed round nobody answered, then the open round of the conftest."""
    earlier = ProgressRound.objects.create(
        strategy=world.strategy, period_label="2025/26 Q1", period_kind="quarter",
        period_start="2025-04-01", period_end="2025-06-30", deadline="2025-07-31",
        status=RoundStatus.CLOSED,
    )  # fmt: skip
    return earlier, progress_round


def test_the_report_downloads_use_the_options_on_screen_not_the_last_shown(world, progress_round):
    url = reverse("progress:report-job-create", kwargs={"slug": world.strategy.slug})
    chosen = {"period": "2025/26 Q2", "lang": "cy", "theme": "", "lead": ""}

    response = _login(world.admin).post(url, {**chosen, "format": "docx"})

    assert response.status_code == 302
    job = world.strategy.report_jobs.get()
    assert (job.language, job.format, job.period_label) == ("cy", "docx", "2025/26 Q2")


def test_show_report_posts_then_comes_back_to_the_pages_shareable_address(world, progress_round):
    url = reverse("progress:report-job-create", kwargs={"slug": world.strategy.slug})
    chosen = {"period": "2025/26 Q2", "lang": "cy", "theme": "", "lead": "", "format": "show"}

    response = _login(world.admin).post(url, chosen)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("progress:report", args=[world.strategy.slug]))
    assert "lang=cy" in response["Location"]
    assert not world.strategy.report_jobs.exists()


def test_the_report_page_has_one_form_holding_the_choices_and_the_downloads(world, progress_round):
    page = _login(world.admin).get(reverse("progress:report", args=[world.strategy.slug]))
    html = page.content.decode()

    start = html.index('name="period"')
    form = html[html.rindex("<form", 0, start) : html.index("</form>", start)]
    assert 'value="docx"' in form
    assert 'value="show"' in form


@pytest.mark.parametrize(("language", "title"), [("en", "Actions"), ("cy", "Camau gweithredu")])
def test_the_plan_spreadsheet_names_its_one_sheet_after_no_theme(world, language, title):
    workbook = load_workbook(io.BytesIO(export_xlsx(world.strategy, language)))

    assert workbook.sheetnames == [title]
