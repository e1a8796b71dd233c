"""The plan page, the action list and the action page show the latest approved RAG and status
with its period, and the list filters by them (issue 11, "The round", item 5); the public sees
them only when the partnership publishes its progress."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from vawdasv.audit.services import history_for
from vawdasv.partnerships import services as partnership_services
from vawdasv.plans.models import Action
from vawdasv.progress.enums import RoundStatus
from vawdasv.progress.models import RagLabels

ANONYMOUS = None


def _client(user=ANONYMOUS) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _closed_round(world, label="2024/25 Q4"):
    return factories.ProgressRoundFactory(
        strategy=world.strategy, period_label=label, status=RoundStatus.CLOSED
    )


@pytest.fixture
def rated(world):
    """The police action rated Red in a closed round; the council action never updated but
    overdue (due last year)."""
    progress_round = _closed_round(world)
    factories.ProgressUpdateFactory(
        progress_round=progress_round, action=world.police_action, approved=True, red=True
    )
    today = datetime.date.today()
    Action.objects.filter(pk=world.council_action.pk).update(
        due_date=today - datetime.timedelta(days=365), timescale_text="Last year"
    )
    Action.objects.filter(pk=world.police_action.pk).update(
        due_date=today + datetime.timedelta(days=3 * 365), timescale_text="In three years"
    )
    return progress_round


def _publish(world, on=True):
    partnership_services.update_settings(
        actor=world.admin, partnership=world.partnership, publish_progress=on
    )


def test_the_plan_page_shows_members_each_actions_rag_and_period(world, rated):
    page = _client(world.board).get(world.strategy.get_absolute_url()).content.decode()
    assert "Latest approved progress" in page
    row = page[page.index(world.police_action.text_en) :]
    row = row[: row.index("</tr>")]
    assert "govuk-tag--red" in row and "Red" in row and "2024/25 Q4" in row
    council_row = page[page.index(world.council_action.text_en) :]
    assert "No approved update yet" in council_row[: council_row.index("</tr>")]


def test_the_action_list_shows_progress_and_filters_by_rag(world, rated):
    url = f"/strategies/{world.strategy.slug}/actions/"
    page = _client(world.board).get(url, {"rag": "red"}).content.decode()
    assert "1 action found" in page
    assert world.police_action.text_en in page and world.council_action.text_en not in page
    assert "2024/25 Q4" in page
    none = _client(world.board).get(url, {"rag": "green"}).content.decode()
    assert "0 actions found" in none


def test_the_action_list_filters_overdue_and_no_update(world, rated):
    url = f"/strategies/{world.strategy.slug}/actions/"
    overdue = _client(world.board).get(url, {"status": "overdue"}).content.decode()
    assert "1 action found" in overdue and world.council_action.text_en in overdue
    no_update = _client(world.board).get(url, {"status": "no_update"}).content.decode()
    assert "1 action found" in no_update and world.council_action.text_en in no_update


def test_an_unknown_filter_value_is_a_message_not_an_error(world, rated):
    response = _client(world.board).get(
        f"/strategies/{world.strategy.slug}/actions/", {"rag": "purple"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_rag_filter_uses_the_partnerships_own_words(world, rated):
    RagLabels.objects.create(partnership=world.partnership, red_label_en="Off track")
    page = _client(world.board).get(f"/strategies/{world.strategy.slug}/actions/").content.decode()
    assert "Off track" in page


def test_the_public_sees_no_progress_until_the_partnership_publishes_it(world, rated):
    url = f"/strategies/{world.strategy.slug}/actions/"
    before = _client().get(url, {"rag": "red"}).content.decode()
    assert "Latest approved progress" not in before
    assert 'name="rag"' not in before
    assert "2 actions found" in before  # the filter is not theirs to use: ignored

    _publish(world)

    after = _client().get(url, {"rag": "red"}).content.decode()
    assert "Latest approved progress" in after and "1 action found" in after
    plan = _client().get(world.strategy.get_absolute_url()).content.decode()
    assert "govuk-tag--red" in plan
    action = _client().get(world.police_action.get_absolute_url()).content.decode()
    assert "From the 2024/25 Q4 progress round" in action


def test_a_draft_plan_stays_hidden_from_the_public_even_when_progress_is_published(world):
    _publish(world)
    response = _client().get(world.draft_strategy.get_absolute_url())
    assert response.status_code == 404


def test_the_public_never_sees_an_update_that_is_not_approved(world):
    _publish(world)
    factories.ProgressUpdateFactory(
        progress_round=_closed_round(world), action=world.police_action, submitted=True, red=True
    )
    plan = _client().get(world.strategy.get_absolute_url()).content.decode()
    assert "govuk-tag--red" not in plan


def test_publishing_progress_is_an_administrators_audited_setting(world):
    url = f"/partnerships/{world.partnership.slug}/settings/"
    assert _client(world.lead).post(url, {"publish_progress": "on"}).status_code == 403
    response = _client(world.admin).post(url, {"publish_progress": "on"})
    assert response.status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.publish_progress
    assert "publish_progress" in history_for(world.partnership).first().changes


def test_the_action_pages_heading_gives_its_number_and_wording(world):
    Action.objects.filter(pk=world.police_action.pk).update(ref="2.3")
    page = _client(world.board).get(world.police_action.get_absolute_url()).content.decode()
    heading = page[page.index("<h1") : page.index("</h1>")]
    assert "2.3" in heading and world.police_action.text_en in heading


# Query counts ------------------------------------------------------------------------------


def _plan_with_progress(world, slug: str, n: int):
    strategy = factories.StrategyFactory(partnership=world.partnership, slug=slug, published=True)
    commitment = factories.CommitmentFactory(theme=factories.ThemeFactory(strategy=strategy))
    progress_round = factories.ProgressRoundFactory(
        strategy=strategy, period_label="2024/25 Q4", status=RoundStatus.CLOSED
    )
    for i in range(n):
        action = factories.ActionFactory(commitment=commitment, leads=[world.police])
        if i % 3:
            factories.ProgressUpdateFactory(
                progress_round=progress_round, action=action, approved=True, amber=i % 2 == 0
            )
    return strategy


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm per-process caches first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "path",
    ["/strategies/{slug}/", "/strategies/{slug}/actions/", "/strategies/{slug}/actions/?rag=amber"],
)
@pytest.mark.parametrize("who", ["board", "anonymous"])
def test_progress_costs_the_same_queries_for_thirty_actions_as_for_three(world, path, who):
    _publish(world)
    small = _plan_with_progress(world, "small", 3)
    large = _plan_with_progress(world, "large", 30)
    client = _client(world.board if who == "board" else ANONYMOUS)
    few = _queries(client, path.format(slug=small.slug))
    many = _queries(client, path.format(slug=large.slug))
    assert many == few, f"{path}: {few} queries for 3 actions, {many} for 30"
    page = client.get(path.format(slug=large.slug)).content.decode()
    assert "govuk-tag--orange" in page  # progress really is on the page being counted
