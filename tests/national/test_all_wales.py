import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.national.conftest import approved, objective, quarter_round
from vawdasv.national import rollup, services
from vawdasv.progress.enums import UpdateState

pytestmark = pytest.mark.django_db
Q2_END = datetime.date(2025, 9, 30)


@pytest.fixture
def observer():
    return factories.UserFactory(username="wg", national_observer=True)


@pytest.fixture
def aligned(world):
    item = objective("1")
    world.police_action.alignments.set([item])
    world.council_action.alignments.set([item])
    return item


def _line(user, item, year=2025):
    scope = rollup.scope_for(user, framework=item.framework, year=year, region=None)
    result = rollup.roll_up(scope)
    line = next(line for line in result.lines if line.item == item)
    return {cell.partnership.slug: cell for cell in line.cells}


def test_only_approved_updates_count_judged_at_the_period_end(world, observer, aligned):
    q2 = quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    approved(q2, world.police_action, "green")
    approved(q2, world.council_action, "red", state=UpdateState.SUBMITTED)
    cells = _line(observer, aligned)
    cell = cells["cardiff-vale"]
    assert (cell.actions, cell.green, cell.red, cell.rated) == (2, 1, 0, 1)
    assert cell.percent_green == 50


def test_a_later_approved_update_wins_and_completion_is_counted(world, observer, aligned):
    q1 = quarter_round(world.strategy, "2025/26 Q1", datetime.date(2025, 6, 30))
    q2 = quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    approved(q1, world.police_action, "red")
    approved(q2, world.police_action, "green", completed=True)
    cell = _line(observer, aligned)["cardiff-vale"]
    assert (cell.red, cell.green, cell.completed) == (0, 1, 1)


def test_a_region_without_an_approved_update_in_the_year_shows_no_report(world, observer, aligned):
    quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    cells = _line(observer, aligned)
    assert cells["cardiff-vale"].reported is False
    assert cells["gwent"].reported is False
    assert cells["cardiff-vale"].actions == 2  # the plan still shows, marked as not reported


def test_overdue_is_judged_at_the_end_of_the_year(world, observer, aligned):
    world.police_action.due_date = datetime.date(2025, 5, 1)
    world.police_action.save()
    q2 = quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    approved(q2, world.council_action, "amber")
    assert _line(observer, aligned)["cardiff-vale"].overdue == 1
    assert _line(observer, aligned, year=2024)["cardiff-vale"].overdue == 0


def test_a_member_sees_published_rows_and_draft_plans_do_not_count(world, aligned):
    draft_item = objective("2")
    other_action = factories.ActionFactory(
        commitment=factories.CommitmentFactory(
            theme=factories.ThemeFactory(strategy=world.other_strategy)
        )
    )
    other_action.alignments.set([draft_item])
    quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    cells = _line(world.board, draft_item)
    assert "gwent" not in cells  # Gwent has no published plan and the board member is not in it
    cells = _line(world.outsider, draft_item)
    assert cells["gwent"].actions == 0  # her own row, but its draft plan is not counted


def test_the_page_is_refused_to_someone_in_no_partnership(client):
    client.force_login(factories.UserFactory())
    assert client.get(reverse("national:all-wales")).status_code == 403


def test_the_page_shows_the_matrix_and_links_to_the_drill_down(world, observer, aligned, client):
    q2 = quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    approved(q2, world.police_action, "green", narrative="Forty officers trained.")
    client.force_login(observer)
    response = client.get(reverse("national:all-wales"), {"year": "2025"})
    page = response.content.decode()
    assert "2 actions" in page and "50% green" in page
    assert "No report" in page  # Gwent
    drill = reverse("national:drill-down", args=[aligned.pk, "cardiff-vale"])
    assert drill in page
    detail = client.get(drill, {"year": "2025"}).content.decode()
    assert "Forty officers trained." in detail
    assert world.police_action.get_absolute_url() in detail


def test_the_lead_filter_keeps_actions_led_by_non_devolved_bodies(world, observer, aligned):
    q2 = quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    approved(q2, world.police_action, "green")
    scope = rollup.scope_for(
        observer, framework=aligned.framework, year=2025, region=None, lead="non_devolved"
    )
    line = next(x for x in rollup.roll_up(scope).lines if x.item == aligned)
    assert line.total.actions == 1


def _queries(client, url):
    cache.clear()  # measure the roll-up itself, not the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"year": "2025"}).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(world, observer, aligned, client):
    client.force_login(observer)
    url = reverse("national:all-wales")
    q2 = quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    approved(q2, world.police_action, "green")
    small = _queries(client, url)
    for _ in range(3):
        partnership = factories.PartnershipFactory()
        strategy = factories.StrategyFactory(partnership=partnership, published=True)
        commitment = factories.CommitmentFactory(theme=factories.ThemeFactory(strategy=strategy))
        round_ = quarter_round(strategy, "2025/26 Q2", Q2_END)
        for item_code in ("1", "2", "3"):
            action = factories.ActionFactory(commitment=commitment)
            action.alignments.set([objective(item_code)])
            approved(round_, action, "amber")
    assert _queries(client, url) == small


def test_the_roll_up_is_cached_until_a_service_writes_something(world, observer, aligned):
    q2 = quarter_round(world.strategy, "2025/26 Q2", Q2_END)
    update = approved(q2, world.police_action, "green")
    scope = rollup.scope_for(observer, framework=aligned.framework, year=2025, region=None)
    first = rollup.roll_up(scope)
    with CaptureQueriesContext(connection) as queries:
        assert rollup.roll_up(scope).lines[0].total.green == first.lines[0].total.green
    assert len(queries) == 1  # only the audit high-water mark
    services.align_plan(actor=world.admin, strategy=world.strategy, choices={})
    services.mark_round(actor=world.admin, progress_round=q2, highlights={update.pk}, public=set())
    with CaptureQueriesContext(connection) as queries:
        rollup.roll_up(scope)
    assert len(queries) > 1  # an audit entry was written: computed afresh


def test_a_kept_page_is_served_in_the_same_few_queries_whatever_the_data(
    world, observer, aligned, client
):
    client.force_login(observer)
    url = reverse("national:all-wales")
    approved(quarter_round(world.strategy, "2025/26 Q2", Q2_END), world.police_action, "green")
    cache.clear()
    client.get(url, {"year": "2025"})
    with CaptureQueriesContext(connection) as kept:
        page = client.get(url, {"year": "2025"}).content.decode()
    assert "50% green" in page and "<select" in page  # the tables and the filters
    # the session, the person, their memberships and the newest audit entry: no roll-up
    assert len(kept) <= 4
    assert not any("progress_progressupdate" in q["sql"] for q in kept.captured_queries)


def test_a_kept_page_is_not_shown_to_a_reader_of_another_kind(world, observer, aligned, client):
    approved(quarter_round(world.strategy, "2025/26 Q2", Q2_END), world.police_action, "green")
    client.force_login(observer)
    url = reverse("national:all-wales")
    assert "National annual progress report" in client.get(url).content.decode()
    client.force_login(world.admin)
    assert "National annual progress report" not in client.get(url).content.decode()


def test_a_kept_drill_down_is_served_without_reading_the_updates_again(
    world, observer, aligned, client
):
    client.force_login(observer)
    approved(
        quarter_round(world.strategy, "2025/26 Q2", Q2_END), world.police_action, "green",
        narrative="Forty officers trained.",
    )  # fmt: skip
    url = reverse("national:drill-down", args=[aligned.pk, "cardiff-vale"])
    cache.clear()
    client.get(url, {"year": "2025"})
    with CaptureQueriesContext(connection) as kept:
        page = client.get(url, {"year": "2025"}).content.decode()
    assert "Forty officers trained." in page
    assert not any("progress_progressupdate" in q["sql"] for q in kept.captured_queries)
    assert (
        client.get(reverse("national:drill-down", args=[aligned.pk, "nowhere"])).status_code == 404
    )


def test_the_filters_are_govuk_controls_naming_regions_in_the_readers_language(
    world, observer, client
):
    client.force_login(observer)
    with translation.override("cy"):
        page = client.get(reverse("national:all-wales")).content.decode()
    for name in ("framework", "year", "region", "lead"):
        assert f'name="{name}" class="govuk-select' in page or (
            f'class="govuk-select" name="{name}"' in page
        ), name
    assert f">{world.partnership.name_cy}</option>" in page
