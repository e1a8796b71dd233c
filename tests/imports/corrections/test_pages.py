"""The correction pages: only administrators correct; corrections show and are committed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from vawdasv.audit.models import AuditEntry
from vawdasv.imports.models import PlanImport
from vawdasv.plans.models import Action, Strategy

pytestmark = pytest.mark.django_db

REVIEW = "Review commissioning arrangements with partners"
MAP = "Map current VAWDASV services across the region"
DETAILS = {
    "title": "Implementation Plan 2023-2028",
    "slug": "cv-corrected-2023",
    "start_year": "2023",
    "end_year": "2028",
    "strategy_status": "draft",
    "confirm": "on",
}


def _correct_url(plan_import: PlanImport, theme: int, commitment: int, action: int) -> str:
    return f"/imports/{plan_import.pk}/actions/{theme}/{commitment}/{action}/correct/"


def _undo_url(plan_import: PlanImport, theme: int, commitment: int, action: int) -> str:
    return f"/imports/{plan_import.pk}/actions/{theme}/{commitment}/{action}/undo/"


def _form(**changes: str) -> dict[str, str]:
    return {
        "timescale": "Sept 2023",
        "leads": "Regional Team / Providers",
        "change": "",
        "split_at": "",
        **changes,
    }


def test_each_action_on_the_preview_has_a_correct_link(
    admin_client: Client, plan_import: PlanImport
) -> None:
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert f'href="{_correct_url(plan_import, 0, 0, 1)}"' in html
    assert 'id="action-0-0-1"' in html


def test_correcting_a_timescale_shows_the_new_due_date_on_the_preview(
    admin_client: Client, plan_import: PlanImport
) -> None:
    response = admin_client.post(_correct_url(plan_import, 0, 0, 1), _form(timescale="Mar 2027"))
    assert response.status_code == 302
    assert response.url == f"/imports/{plan_import.pk}/#action-0-0-1"
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    row = html[html.index('id="action-0-0-1"') :]
    row = row[: row.index("</tr>")]
    assert "Mar 2027" in row
    assert "Due 31 March 2027" in row
    assert "Corrected" in row
    assert "Undo correction" in row
    plan_import.refresh_from_db()
    assert plan_import.corrections == [
        {
            "theme": 0,
            "commitment": 0,
            "action": 1,
            "original": REVIEW,
            "kind": "timescale",
            "text": "Mar 2027",
        }
    ]


def test_a_correction_is_audited(admin_client: Client, plan_import: PlanImport) -> None:
    admin_client.post(_correct_url(plan_import, 0, 0, 1), _form(leads="SWP"))
    entry = AuditEntry.objects.filter(object_id=plan_import.pk, verb="updated").get()
    assert entry.changes["corrections"]["before"] == []
    assert "'leads': ['SWP']" in entry.changes["corrections"]["after"][0]


def test_the_commit_writes_the_corrected_plan(
    admin_client: Client, plan_import: PlanImport
) -> None:
    admin_client.post(_correct_url(plan_import, 0, 0, 1), _form(timescale="Mar 2027"))
    admin_client.post(
        _correct_url(plan_import, 0, 1, 0),
        _form(
            timescale="2024/25",
            leads="SWP/PCC / Regional Team",
            change="split",
            split_at="with clear lines",
        ),
    )
    response = admin_client.post(f"/imports/{plan_import.pk}/commit/", DETAILS)
    assert response.status_code == 302
    strategy = Strategy.objects.get(slug="cv-corrected-2023")
    actions = Action.objects.filter(commitment__theme__strategy=strategy)
    review = actions.get(text_en=REVIEW)
    assert review.due_date == datetime.date(2027, 3, 31)
    assert review.timescale_text == "Mar 2027"
    assert actions.filter(text_en="Establish a governance structure").exists()
    assert actions.filter(text_en="with clear lines of accountability").exists()
    assert actions.count() == 5


def test_merging_with_the_action_above_joins_the_rows(
    admin_client: Client, plan_import: PlanImport
) -> None:
    admin_client.post(_correct_url(plan_import, 0, 0, 1), _form(change="merge_up"))
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert f"{MAP}<br>{REVIEW}" in html
    assert 'data-count="actions">3<' in html


def test_merging_the_first_action_is_refused_with_an_error(
    admin_client: Client, plan_import: PlanImport
) -> None:
    response = admin_client.post(
        _correct_url(plan_import, 0, 0, 0),
        _form(timescale="Mar 2026", leads="Regional Team", change="merge_up"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "no action above it" in html
    plan_import.refresh_from_db()
    assert plan_import.corrections == []


def test_a_split_at_text_not_in_the_action_is_refused(
    admin_client: Client, plan_import: PlanImport
) -> None:
    response = admin_client.post(
        _correct_url(plan_import, 0, 0, 1), _form(change="split", split_at="Nowhere")
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_undoing_a_correction_restores_the_row_as_read(
    admin_client: Client, plan_import: PlanImport
) -> None:
    admin_client.post(_correct_url(plan_import, 0, 0, 1), _form(timescale="Mar 2027"))
    response = admin_client.post(_undo_url(plan_import, 0, 0, 1))
    assert response.status_code == 302
    plan_import.refresh_from_db()
    assert plan_import.corrections == []
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert "Mar 2027" not in html
    assert "Undo correction" not in html


def test_the_correction_form_starts_with_the_current_correction(
    admin_client: Client, plan_import: PlanImport
) -> None:
    admin_client.post(_correct_url(plan_import, 0, 0, 1), _form(timescale="Mar 2027"))
    html = admin_client.get(_correct_url(plan_import, 0, 0, 1)).content.decode()
    assert 'value="Mar 2027"' in html
    assert REVIEW in html


def test_a_correction_that_no_longer_matches_after_a_mapping_change_is_noted(
    admin_client: Client, plan_import: PlanImport
) -> None:
    admin_client.post(_correct_url(plan_import, 0, 0, 1), _form(timescale="Mar 2027"))
    plan_import.refresh_from_db()
    stale = [{**plan_import.corrections[0], "original": "An action the document no longer has"}]
    PlanImport.objects.filter(pk=plan_import.pk).update(corrections=stale)
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert "Corrections not applied" in html
    assert "An action the document no longer has" in html
    assert "Mar 2027" not in html


def test_an_action_that_is_not_there_is_not_found(
    admin_client: Client, plan_import: PlanImport
) -> None:
    assert admin_client.get(_correct_url(plan_import, 0, 0, 9)).status_code == 404


@pytest.mark.parametrize("persona", ["lead", "board"])
def test_partnership_members_who_are_not_administrators_cannot_correct(
    world: Any, plan_import: PlanImport, persona: str
) -> None:
    client = Client()
    client.force_login(getattr(world, persona))
    assert client.get(_correct_url(plan_import, 0, 0, 1)).status_code == 403
    response = client.post(_correct_url(plan_import, 0, 0, 1), _form(timescale="Mar 2027"))
    assert response.status_code == 403
    assert client.post(_undo_url(plan_import, 0, 0, 1)).status_code == 403
    plan_import.refresh_from_db()
    assert plan_import.corrections == []


def test_an_administrator_of_another_partnership_cannot_see_the_correction_page(
    world: Any, plan_import: PlanImport
) -> None:
    client = Client()
    client.force_login(world.outsider)
    assert client.get(_correct_url(plan_import, 0, 0, 1)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(plan_import: PlanImport) -> None:
    response = Client().get(_correct_url(plan_import, 0, 0, 1))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/")
