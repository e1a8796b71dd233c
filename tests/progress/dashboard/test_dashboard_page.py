"""The dashboard page: who may open it, and charts that never rely on colour or JavaScript."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

OK, SIGN_IN, DENIED, NOT_FOUND = 200, 302, 403, 404
PERSONAS = ("anonymous", "admin", "lead", "council_lead", "board", "outsider", "observer")
EXPECTED = (SIGN_IN, OK, OK, OK, OK, DENIED, OK)


def client_for(world, persona: str) -> Client:
    client = Client()
    if persona == "observer":
        client.force_login(factories.UserFactory(username="ffion", national_observer=True))
    elif persona != "anonymous":
        client.force_login(getattr(world, persona))
    return client


def dashboard_url(world) -> str:
    return reverse("progress:dashboard", args=[world.strategy.slug])


@pytest.mark.parametrize(("persona", "expected"), list(zip(PERSONAS, EXPECTED, strict=True)))
def test_members_and_national_observers_may_open_the_dashboard(plan, persona, expected):
    response = client_for(plan.world, persona).get(dashboard_url(plan.world))
    assert response.status_code == expected


def test_a_draft_plans_dashboard_is_not_found_for_outsiders(world):
    url = reverse("progress:dashboard", args=[world.draft_strategy.slug])
    assert client_for(world, "outsider").get(url).status_code == NOT_FOUND
    assert client_for(world, "board").get(url).status_code == OK


def test_each_chart_is_an_image_with_a_title_and_description(plan):
    page = client_for(plan.world, "board").get(dashboard_url(plan.world)).content.decode()
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", page, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        opening = svg[: svg.index(">")]
        assert 'role="img"' in opening
        title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', opening).groups()
        assert re.search(rf'<title id="{title_id}">[^<]+</title>', svg)
        assert re.search(rf'<desc id="{desc_id}">[^<]+</desc>', svg)
        assert "style=" not in svg  # the Content Security Policy forbids inline styles
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_bars_carry_patterns_and_their_figures_in_words(plan):
    page = client_for(plan.world, "board").get(dashboard_url(plan.world)).content.decode()
    assert '<pattern id="chart-rag-by-theme-red"' in page
    assert 'fill="url(#chart-rag-by-theme-red)"' in page
    assert "Red 1 · Amber 1 · Green 1 · Not rated 0" in page  # PREPARE in 2025/26 Q1


def test_every_chart_has_a_table_with_the_same_figures(plan):
    page = client_for(plan.world, "board").get(dashboard_url(plan.world)).content.decode()
    for caption in (
        "RAG status by theme, as a table",
        "Overdue and due soon by theme, as a table",
        "Actions by lead organisation, as a table",
    ):
        assert re.search(rf'<caption class="govuk-table__caption[^"]*">{caption}</caption>', page)
    assert plan.protect_action.text_en in page  # listed as overdue (due September 2025)


def test_the_dashboard_offers_both_downloads(plan):
    page = client_for(plan.world, "admin").get(dashboard_url(plan.world)).content.decode()
    assert reverse("progress:updates-download", args=[plan.world.strategy.slug]) in page
    assert 'name="format" value="xlsx"' in page
    assert 'name="format" value="csv"' in page


def test_the_round_list_links_to_the_dashboard(world):
    page = client_for(world, "board").get(reverse("progress:rounds", args=[world.strategy.slug]))
    assert dashboard_url(world) in page.content.decode()


def test_the_dashboard_works_in_welsh_without_rounds(world):
    response = client_for(world, "board").get(
        f"/cy/progress/strategies/{world.strategy.slug}/dashboard/"
    )
    assert response.status_code == OK
    assert 'lang="cy"' in response.content.decode()
