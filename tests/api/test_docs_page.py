"""The API's documentation page at /api/: a server-rendered guide whose examples work."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.api.conftest import Api


@pytest.fixture
def page(client, plan) -> str:
    response = client.get("/api/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_explains_how_to_send_a_token(page):
    assert "<h1" in page and "Read plans through the API" in page
    assert "Authorization: Token" in page
    assert 'href="/accounts/profile/api-tokens/"' in page


def test_the_page_lists_every_endpoint(page):
    for endpoint in ["partnerships", "organisations", "strategies", "themes", "commitments"]:
        assert f"<code>/api/v1/{endpoint}/</code>" in page
    assert "<code>/api/v1/actions/</code>" in page


def test_the_page_links_to_the_openapi_schema(page):
    assert 'href="/api/schema/"' in page
    assert 'href="/api/schema/?format=json"' in page


def test_the_page_loads_no_scripts_from_elsewhere(page):
    sources = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert sources, "the layout's own script should be there"
    assert all(src.startswith("/static/") for src in sources)
    assert "swagger" not in page.lower()


def test_the_examples_use_a_published_strategy_the_reader_can_open(page):
    assert "strategy=cv-2023" in page
    assert "cv-draft" not in page


def test_every_example_address_on_the_page_answers_and_matches_the_schema(page, plan):
    examples = {
        unescape(url) for url in re.findall(r'href="(http://testserver/api/v1/[^"]+)"', page)
    }
    anonymous = Api(plan, "anonymous")

    assert len(examples) == 6
    for url in examples:
        response = anonymous.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url


def test_the_page_is_shown_in_welsh_to_a_welsh_reader(client, plan):
    response = client.get("/api/", HTTP_ACCEPT_LANGUAGE="cy")

    assert response.status_code == 200
    assert '<html lang="cy"' in response.content.decode()


def test_the_language_switcher_on_the_page_leads_to_the_welsh_page(client, plan):
    english = client.get("/api/").content.decode()

    assert 'href="/api/?lang=cy"' in english
    welsh = client.get("/api/", {"lang": "cy"}).content.decode()
    assert '<html lang="cy"' in welsh
    assert 'href="/api/?lang=en"' in welsh


def test_the_footer_of_a_welsh_page_leads_to_the_welsh_api_page(client, plan):
    welsh_home = client.get("/cy/").content.decode()
    english_home = client.get("/").content.decode()

    assert 'href="/api/?lang=cy">API</a>' in welsh_home
    assert 'href="/api/">API</a>' in english_home
