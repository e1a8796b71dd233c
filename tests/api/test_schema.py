"""The published OpenAPI schema is valid, complete, and strict enough to catch a wrong response."""

from __future__ import annotations

import json

import pytest
from openapi_core.exceptions import OpenAPIError
from openapi_spec_validator import validate

from tests.api.schema import assert_matches_schema, closed, published_schema

ENDPOINTS = ["partnerships", "organisations", "strategies", "themes", "commitments", "actions"]


def test_the_published_schema_is_valid_openapi():
    validate(published_schema())


def test_the_tightened_schema_used_by_the_tests_is_still_valid_openapi():
    validate(closed(published_schema()))


def test_the_schema_endpoint_serves_the_schema_the_tests_check_against(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    assert json.loads(response.content) == published_schema()


def test_the_schema_documents_a_list_and_a_detail_for_every_endpoint():
    paths = published_schema()["paths"]

    for name in ENDPOINTS:
        assert f"/api/v1/{name}/" in paths
        detail = [p for p in paths if p.startswith(f"/api/v1/{name}/{{")]
        assert len(detail) == 1, detail
        assert set(paths[detail[0]]) == {"get"}, "the API is read-only"


def test_the_schema_documents_the_action_filters_and_pagination():
    parameters = {
        p["name"]: p["schema"]
        for p in published_schema()["paths"]["/api/v1/actions/"]["get"]["parameters"]
    }

    assert parameters["theme"]["type"] == "integer"
    assert parameters["strategy"]["type"] == "string"
    assert parameters["lead_organisation"]["type"] == "string"
    assert parameters["due_before"] == {"type": "string", "format": "date"}
    assert parameters["due_after"] == {"type": "string", "format": "date"}
    assert parameters["page_size"]["type"] == "integer"


def test_the_schema_documents_token_authentication():
    schemes = published_schema()["components"]["securitySchemes"]

    assert schemes["tokenAuth"]["in"] == "header"
    assert schemes["tokenAuth"]["name"] == "Authorization"


@pytest.fixture
def action_response(anonymous, plan):
    response = anonymous.get(f"/api/v1/actions/{plan.world.police_action.pk}/")
    assert response.status_code == 200
    return response


def _rewrite(response, change):
    body = response.json()
    change(body)
    response.content = json.dumps(body).encode()
    return response


def test_the_schema_check_fails_a_response_missing_a_field(action_response):
    _rewrite(action_response, lambda body: body.pop("due_date"))

    with pytest.raises(OpenAPIError):
        assert_matches_schema(action_response)


def test_the_schema_check_fails_a_response_with_an_undocumented_field(action_response):
    _rewrite(action_response, lambda body: body.update(secret="draft notes"))

    with pytest.raises(OpenAPIError):
        assert_matches_schema(action_response)


def test_the_schema_check_fails_a_bilingual_field_given_as_plain_text(action_response):
    _rewrite(action_response, lambda body: body.update(text="Action"))

    with pytest.raises(OpenAPIError):
        assert_matches_schema(action_response)


def test_the_schema_check_fails_a_nested_organisation_with_a_wrong_type(action_response):
    _rewrite(action_response, lambda body: body["lead_organisations"][0].update(slug=7))

    with pytest.raises(OpenAPIError):
        assert_matches_schema(action_response)


def test_the_schema_check_fails_an_undocumented_status(action_response):
    action_response.status_code = 403

    with pytest.raises(OpenAPIError):
        assert_matches_schema(action_response)
