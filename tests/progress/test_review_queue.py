"""The regional team's review queue, the round table's filters and the warning before closing
(issue 11, "The round", item 3)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from vawdasv.progress import selectors, services
from vawdasv.progress.enums import UpdateState

from .conftest import GOOD_UPDATE


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _submit(world, progress_round, action, by=None, **data):
    return services.submit_update(
        actor=by or world.lead, progress_round=progress_round, action=action,
        data={**GOOD_UPDATE, **data},
    )  # fmt: skip


@pytest.fixture
def two_rounds(world, progress_round):
    """The conftest's round (deadline 31 October 2025) and a later one with an earlier deadline."""
    sooner = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q1",
        deadline=datetime.date(2025, 7, 31),
    )  # fmt: skip
    return sooner, progress_round


def test_the_queue_lists_submitted_updates_soonest_deadline_first(world, two_rounds):
    sooner, later = two_rounds
    late = _submit(world, later, world.police_action)
    early = _submit(world, sooner, world.council_action, by=world.council_lead)
    services.save_draft(
        actor=world.lead, progress_round=sooner, action=world.police_action, data=GOOD_UPDATE
    )

    assert selectors.review_queue(world.admin) == [early, late]


def test_another_partnerships_administrator_sees_none_of_the_queue(world, two_rounds):
    _submit(world, two_rounds[1], world.police_action)

    assert selectors.review_queue(world.outsider) == []
    assert _login(world.lead).get(reverse("progress:review-queue")).status_code == 403


def test_the_queue_page_links_each_update_in_order(world, two_rounds):
    sooner, later = two_rounds
    late = _submit(world, later, world.police_action)
    early = _submit(world, sooner, world.council_action, by=world.council_lead)

    page = _login(world.admin).get(reverse("progress:review-queue")).content.decode()

    first = page.index(reverse("progress:review", args=[early.pk]))
    assert first < page.index(reverse("progress:review", args=[late.pk]))


def test_after_a_decision_the_next_update_in_the_queue_opens(world, two_rounds):
    sooner, later = two_rounds
    late = _submit(world, later, world.police_action)
    early = _submit(world, sooner, world.council_action, by=world.council_lead)

    response = _login(world.admin).post(
        reverse("progress:review", args=[early.pk]), {"decision": "approve", "comment": ""}
    )

    assert response["Location"] == reverse("progress:review", args=[late.pk])
    early.refresh_from_db()
    assert early.state == UpdateState.APPROVED


def test_after_the_last_decision_the_round_page_opens(world, progress_round):
    update = _submit(world, progress_round, world.police_action)

    response = _login(world.admin).post(
        reverse("progress:review", args=[update.pk]), {"decision": "approve", "comment": ""}
    )

    assert response["Location"] == progress_round.get_absolute_url()


def _table(html: str) -> str:
    return html[html.index("<tbody") : html.index("</tbody>")]


@pytest.mark.parametrize(
    ("query", "police", "council"),
    [
        ({"state": "submitted"}, True, False),
        ({"state": "not_started"}, False, True),
        ({"rag": "green"}, True, False),  # the rating the table shows, approved or not
        ({"organisation": "COUNCIL"}, False, True),
        ({"overdue": "on"}, True, True),  # both due March 2026, before today
    ],
)
def test_the_round_table_filters(world, progress_round, query, police, council):
    _submit(world, progress_round, world.police_action)
    if query.get("organisation") == "COUNCIL":
        query = {"organisation": world.council.pk}

    page = _login(world.admin).get(progress_round.get_absolute_url(), query).content.decode()

    table = _table(page)
    assert (world.police_action.text_en in table) is police
    assert (world.council_action.text_en in table) is council


def test_the_rag_filter_keeps_approved_updates_of_that_rating(world, progress_round):
    services.approve_update(
        actor=world.admin, update=_submit(world, progress_round, world.police_action)
    )

    page = _login(world.board).get(progress_round.get_absolute_url(), {"rag": "green"})

    table = _table(page.content.decode())
    assert world.police_action.text_en in table
    assert world.council_action.text_en not in table


def test_closing_warns_of_actions_with_no_update_and_drafts_never_submitted(world, progress_round):
    extra = factories.ActionFactory(commitment=world.commitment, leads=[world.police])
    services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "Half written"},
    )  # fmt: skip
    _submit(world, progress_round, extra)

    page = _login(world.admin).get(reverse("progress:round-close", args=[progress_round.pk]))
    html = page.content.decode()

    assert "1 action has no update" in html
    assert "1 draft was never submitted" in html
    no_update = html[html.index("1 action has no update") : html.index("1 draft was never")]
    assert world.council_action.text_en in no_update
    assert world.police_action.text_en in html[html.index("1 draft was never") :]
    assert "Half written" not in html  # a draft stays private
