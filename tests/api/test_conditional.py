"""Fetching changes only: `modified_since` on every list, ETag and If-None-Match everywhere."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.schema import assert_matches_schema
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans.models import Action, Commitment, Strategy, Theme

LISTS = ["partnerships", "organisations", "strategies", "themes", "commitments", "actions"]
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def conditional_get(api: Any, path: str, etag: str, **query: Any) -> HttpResponse:
    response: HttpResponse = api.client.get(path, query, HTTP_IF_NONE_MATCH=etag)
    assert_matches_schema(response)
    return response


def details(plan: Any) -> list[str]:
    world = plan.world
    return [
        "/api/v1/partnerships/cardiff-vale/",
        f"/api/v1/organisations/{world.police.slug}/",
        "/api/v1/strategies/cv-2023/",
        f"/api/v1/themes/{world.theme.pk}/",
        f"/api/v1/commitments/{world.commitment.pk}/",
        f"/api/v1/actions/{world.police_action.pk}/",
    ]


@pytest.fixture
def everything_long_ago(plan: Any) -> Any:
    """Every row last changed in 2020 (a bare UPDATE, which `auto_now` does not touch)."""
    for model in (Partnership, Organisation, Strategy, Theme, Commitment, Action):
        model.objects.update(updated_at=LONG_AGO)
    return plan


def since(moment: datetime.datetime) -> str:
    return moment.isoformat()


@pytest.mark.parametrize("endpoint", LISTS)
def test_a_list_answers_not_modified_when_the_callers_etag_is_current(anonymous, endpoint):
    first = anonymous.get(f"/api/v1/{endpoint}/")
    etag = first["ETag"]
    assert etag.startswith('W/"')

    again = conditional_get(anonymous, f"/api/v1/{endpoint}/", etag)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_every_detail_answers_not_modified_for_its_current_etag(as_persona, plan):
    api = as_persona("lead")
    for path in details(plan):
        etag = api.get(path)["ETag"]
        assert conditional_get(api, path, etag).status_code == 304, path
        assert conditional_get(api, path, 'W/"something-else"').status_code == 200, path


def test_an_etag_among_several_or_a_star_still_matches(anonymous):
    etag = anonymous.get("/api/v1/strategies/")["ETag"]

    assert conditional_get(anonymous, "/api/v1/strategies/", f'W/"old", {etag}').status_code == 304
    assert conditional_get(anonymous, "/api/v1/strategies/", "*").status_code == 304


def test_the_etag_changes_when_the_content_changes(anonymous, plan):
    path = f"/api/v1/actions/{plan.world.police_action.pk}/"
    etag = anonymous.get(path)["ETag"]
    action = plan.world.police_action
    action.text_en = "Train every response officer"
    action.save()

    response = conditional_get(anonymous, path, etag)

    assert response.status_code == 200
    assert response.json()["text"]["en"] == "Train every response officer"
    assert response["ETag"] != etag


def test_what_one_caller_may_see_does_not_answer_for_another(as_persona):
    member_etag = as_persona("admin").get("/api/v1/strategies/")["ETag"]
    anonymous = as_persona("anonymous")

    # The member's list holds the draft; the anonymous caller's does not, so it is sent in full.
    response = conditional_get(anonymous, "/api/v1/strategies/", member_etag)

    assert response.status_code == 200
    assert {s["slug"] for s in response.json()["results"]} == {"cv-2023"}
    assert "Authorization" in response["Vary"] and "Cookie" in response["Vary"]


def test_each_page_of_a_list_has_its_own_etag(anonymous, plan):
    first = anonymous.get("/api/v1/actions/", page_size=1)
    second = anonymous.get("/api/v1/actions/", page_size=1, page=2)

    assert first["ETag"] != second["ETag"]
    page_two = conditional_get(anonymous, "/api/v1/actions/", first["ETag"], page_size=1, page=2)
    assert page_two.status_code == 200


def test_modified_since_lists_only_the_action_changed_and_what_shows_it(
    anonymous, everything_long_ago
):
    world = everything_long_ago.world
    before_change = timezone.now() - datetime.timedelta(seconds=1)
    world.police_action.text_en = "Reworded"
    world.police_action.save()
    query = {"modified_since": since(before_change)}

    actions = anonymous.results("/api/v1/actions/", **query)
    commitments = anonymous.results("/api/v1/commitments/", **query)
    themes = anonymous.results("/api/v1/themes/", **query)
    strategies = anonymous.results("/api/v1/strategies/", **query)

    assert [a["id"] for a in actions] == [world.police_action.pk]
    # The commitment and the strategy count actions, so they may have changed too; the theme
    # counts only commitments.
    assert [c["id"] for c in commitments] == [world.commitment.pk]
    assert themes == []
    assert [s["slug"] for s in strategies] == ["cv-2023"]
    assert anonymous.results("/api/v1/partnerships/", **query) == []


def test_modified_since_before_every_change_lists_everything(anonymous, everything_long_ago):
    everything = anonymous.results("/api/v1/actions/")

    listed = anonymous.results("/api/v1/actions/", modified_since="2019-12-31T23:59:59Z")

    assert listed == everything


def test_modified_since_is_inclusive_and_a_time_without_offset_is_utc(
    anonymous, everything_long_ago
):
    world = everything_long_ago.world
    Organisation.objects.filter(pk=world.police.pk).update(updated_at=LONG_AGO.replace(year=2025))

    at_the_moment = anonymous.results("/api/v1/organisations/", modified_since="2025-01-01T00:00")
    a_second_later = anonymous.results(
        "/api/v1/organisations/", modified_since="2025-01-01T00:00:01+00:00"
    )

    assert [o["slug"] for o in at_the_moment] == [world.police.slug]
    assert a_second_later == []


def test_a_renamed_organisation_brings_back_the_actions_that_name_it(
    anonymous, everything_long_ago
):
    world = everything_long_ago.world
    before_change = timezone.now() - datetime.timedelta(seconds=1)
    world.council.name_en = "City of Cardiff Council"
    world.council.save()

    actions = anonymous.results("/api/v1/actions/", modified_since=since(before_change))

    # The council leads one action and is a partner on the other (see tests/api/conftest.py).
    assert {a["id"] for a in actions} == {world.council_action.pk, world.police_action.pk}
    assert anonymous.results("/api/v1/actions/", modified_since=since(timezone.now())) == []


def test_a_change_to_a_draft_is_not_reported_to_those_who_may_not_read_it(
    as_persona, everything_long_ago
):
    before_change = timezone.now() - datetime.timedelta(seconds=1)
    draft_action = everything_long_ago.draft_action
    draft_action.text_en = "Secret wording"
    draft_action.save()
    query = {"modified_since": since(before_change)}

    assert as_persona("anonymous").results("/api/v1/actions/", **query) == []
    assert as_persona("outsider").results("/api/v1/strategies/", **query) == []
    assert [a["id"] for a in as_persona("admin").results("/api/v1/actions/", **query)] == [
        draft_action.pk
    ]


@pytest.mark.parametrize("endpoint", LISTS)
@pytest.mark.parametrize("value", ["yesterday", "2026-13-01T00:00:00Z", ""])
def test_a_modified_since_that_is_not_a_moment_is_a_clear_400(anonymous, endpoint, value):
    response = anonymous.get(f"/api/v1/{endpoint}/", modified_since=value)

    assert response.status_code == 400
    assert "ISO 8601" in response.json()["modified_since"][0]


@pytest.mark.parametrize("endpoint", LISTS)
def test_modified_since_adds_no_query(as_persona, plan, endpoint):
    api = as_persona("token")

    def count(**query: Any) -> int:
        with CaptureQueriesContext(connection) as context:
            assert api.client.get(f"/api/v1/{endpoint}/", query).status_code == 200
        return len(context.captured_queries)

    assert count(modified_since="2020-01-01T00:00:00Z") == count()
