"""Deleting a row, making it a heading and skipping its table, from the correction page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.imports.corrections.test_pages import MAP, REVIEW, _correct_url, _form, _undo_url
from vawdasv.imports.models import PlanImport

pytestmark = pytest.mark.django_db


def _actions(client: Client, plan_import: PlanImport) -> str:
    html = client.get(f"/imports/{plan_import.pk}/").content.decode()
    return html[html.index("The plan as it will be imported") :]


def test_a_deleted_row_leaves_the_preview_and_can_be_put_back(
    admin_client: Client, plan_import: PlanImport
) -> None:
    response = admin_client.post(_correct_url(plan_import, 0, 0, 1), _form(change="delete"))
    assert response.status_code == 302
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert 'id="removed-rows"' in html
    assert REVIEW not in _actions(admin_client, plan_import)
    admin_client.post(_undo_url(plan_import, 0, 0, 1))
    assert REVIEW in _actions(admin_client, plan_import)


def test_a_row_made_a_commitment_heading_heads_the_actions_after_it(
    admin_client: Client, plan_import: PlanImport
) -> None:
    admin_client.post(_correct_url(plan_import, 0, 0, 0), _form(change="commitment_heading"))
    html = _actions(admin_client, plan_import)
    caption = html.index(f"{MAP}</caption>")
    assert html.index(REVIEW) > caption


def test_skipping_a_table_takes_out_every_row_of_it(
    admin_client: Client, plan_import: PlanImport
) -> None:
    admin_client.post(_correct_url(plan_import, 0, 0, 0), _form(change="skip_table"))
    html = _actions(admin_client, plan_import)
    assert MAP not in html and REVIEW not in html
    page = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert "Its table was skipped" in page


def test_the_correction_page_offers_every_kind_of_row_change(
    admin_client: Client, plan_import: PlanImport, world: Any
) -> None:
    html = admin_client.get(_correct_url(plan_import, 0, 0, 1)).content.decode()
    for value in ("delete", "commitment_heading", "theme_heading", "skip_table"):
        assert f'value="{value}"' in html
