"""The API refuses numbers out of range with a 400 and applies its rate limits (issue 8, 10)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.schema import assert_matches_schema

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/actions/?theme={HUGE}",
        f"/api/v1/actions/?commitment={HUGE}",
        f"/api/v1/actions/?commitment=-{HUGE}",
        f"/api/v1/commitments/?theme={HUGE}",
        "/api/v1/commitments/?theme=9223372036854775808",
        "/api/v1/actions/?theme=0",
    ],
)
def test_an_id_filter_out_of_range_is_a_400_naming_the_parameter(world, path):
    response = APIClient().get(path)

    assert response.status_code == 400
    assert_matches_schema(response)
    name = path.split("?")[1].split("=")[0]
    assert name in response.json()


@pytest.mark.parametrize(
    "path",
    [f"/api/v1/themes/{HUGE}/", f"/api/v1/actions/{HUGE}/", f"/api/v1/actions/?page={HUGE}"],
)
def test_an_id_or_page_out_of_range_in_the_path_is_not_found(world, path):
    assert APIClient().get(path).status_code == 404


@pytest.fixture
def three_a_minute(monkeypatch):
    # DRF reads the rates once, when the throttle classes are defined.
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "3/min"})


def test_anonymous_callers_over_the_rate_get_429_with_retry_after(world, three_a_minute):
    client = APIClient()
    statuses = [client.get("/api/v1/strategies/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/strategies/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_a_signed_in_caller_is_counted_as_themself_not_by_address(world, three_a_minute):
    owain, bethan = APIClient(), APIClient()
    owain.force_login(world.lead)
    bethan.force_login(world.council_lead)

    owain_statuses = [owain.get("/api/v1/strategies/").status_code for _ in range(4)]

    assert owain_statuses[-1] == 429
    assert bethan.get("/api/v1/strategies/").status_code == 200
