"""The plan page's action rows: a link to each action, its timescale and its leads."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import factories


@pytest.fixture
def rows(world):
    undated = factories.ActionFactory(
        commitment=world.commitment, text_en="Agree <b>terms</b>", timescale_text="",
        timescale_needs_check=True, leads=[world.police, world.council],
    )  # fmt: skip
    return world, undated


@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_action_links_to_its_own_page_in_the_readers_language(rows, language):
    world, undated = rows
    with translation.override(language):
        page = Client().get(reverse("plans:strategy", args=[world.strategy.slug]))
        html = page.content.decode()
        for action in (world.police_action, world.council_action, undated):
            assert f'href="{reverse("plans:action", args=[action.pk])}"' in html
    assert page.status_code == 200
    assert f'href="/cy/strategies/actions/{undated.pk}/"' in html or language == "en"


def test_a_row_shows_the_timescale_or_not_given_with_the_check_tag_and_every_lead(rows):
    world, undated = rows
    html = Client().get(reverse("plans:strategy", args=[world.strategy.slug])).content.decode()
    row = html[html.index(f"/strategies/actions/{undated.pk}/") :].split("</tr>")[0]
    assert "Agree &lt;b&gt;terms&lt;/b&gt;" in row  # partner text stays escaped
    assert "Not given" in row and "Check timescale" in row
    assert "South Wales Police" in row and "Cardiff Council" in row
    police_row = html[html.index(f"/strategies/actions/{world.police_action.pk}/") :]
    assert "Mar 2026" in police_row.split("</tr>")[0]


def test_a_welsh_row_shows_the_timescale_month_in_welsh_and_keeps_the_plans_text(rows):
    world, _undated = rows
    with translation.override("cy"):
        html = Client().get(reverse("plans:strategy", args=[world.strategy.slug])).content.decode()
    police_row = html[html.index(f"/strategies/actions/{world.police_action.pk}/") :]
    assert "Maw 2026" in police_row.split("</tr>")[0]
    world.police_action.refresh_from_db()
    assert world.police_action.timescale_text == "Mar 2026"


def test_the_progress_filters_on_the_action_list_are_styled_like_the_others(rows):
    world, _undated = rows
    client = Client()
    client.force_login(world.admin)
    html = client.get(reverse("plans:actions", args=[world.strategy.slug])).content.decode()
    for name in ("theme", "rag", "status"):
        assert f'class="govuk-select" name="{name}"' in html or (
            f'name="{name}" class="govuk-select' in html
        ), name
