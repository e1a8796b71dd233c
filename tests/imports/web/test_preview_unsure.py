"""The preview says which rows the importer guessed, and links to each of them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.imports.corpus import TEXT_DIR
from vawdasv.imports import uploads

pytestmark = pytest.mark.django_db


def test_rows_split_by_spaces_are_counted_marked_and_linked(
    admin_client: Client, world: Any
) -> None:
    data = (TEXT_DIR / "spaced-columns.txt").read_bytes()
    plan_import = uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename="plan.txt", data=data
    )
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert 'data-count="unsure">7<' in html
    assert "We are unsure about 7 rows" in html
    assert 'href="#action-0-0-0"' in html and 'id="action-0-0-0"' in html
    assert html.count("Check: unsure") == 7
    assert "columns split by spaces" in html


def test_a_plan_read_without_guesses_has_no_unsure_list(admin_client: Client, world: Any) -> None:
    data = (TEXT_DIR / "long-headings.txt").read_bytes()
    plan_import = uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename="plan.txt", data=data
    )
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert 'data-count="unsure">0<' in html
    assert 'id="unsure-list"' not in html
