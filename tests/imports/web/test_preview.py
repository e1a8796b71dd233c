"""The preview: what was read, how each column was read, what to check, and new organisations."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.imports.readers import builders
from tests.imports.web.documents import plan_text
from vawdasv.audit.models import AuditEntry
from vawdasv.imports import uploads
from vawdasv.imports.models import PlanImport

pytestmark = pytest.mark.django_db


def _import(world: Any, name: str, data: bytes) -> PlanImport:
    return uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename=name, data=data
    )


def _column_field(html: str, header: str) -> str:
    """The name of the select labelled with a header (the form numbers them in order)."""
    label = html.index(f">{header}</label>")
    target = html.rindex('for="', 0, label) + len('for="')
    return html[target : html.index('"', target)].removeprefix("id_")


def test_preview_shows_the_column_mapping_used(admin_client: Client, world: Any) -> None:
    plan_import = _import(world, "plan.txt", plan_text())
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    field = _column_field(html, "Evidence of Achievement")
    select = html[html.index(f'name="{field}"') :]
    select = select[: select.index("</select>")]
    assert '<option value="evidence" selected>' in select


def test_changing_the_mapping_reads_the_plan_again(admin_client: Client, world: Any) -> None:
    plan_import = _import(world, "plan.txt", plan_text())
    url = f"/imports/{plan_import.pk}/"
    before = admin_client.get(url).content.decode()
    assert "Service map published" in before
    fields = {
        _column_field(before, header): value
        for header, value in [
            ("Commitment", "commitment"),
            ("Milestones/Actions", "action"),
            ("Evidence of Achievement", "ignore"),
            ("Timescale", "timescale"),
            ("Lead", "lead"),
        ]
    }
    response = admin_client.post(f"{url}mapping/", fields)
    assert response.status_code == 302
    plan_import.refresh_from_db()
    assert plan_import.column_mapping == {"Evidence of Achievement": "ignore"}
    after = admin_client.get(url).content.decode()
    assert "Service map published" not in after
    assert "Map current VAWDASV services across the region" in after
    assert AuditEntry.objects.filter(
        content_type__model="planimport", object_id=plan_import.pk, verb="updated"
    ).exists()

    admin_client.post(f"{url}mapping/", {"reset": "1"})
    plan_import.refresh_from_db()
    assert plan_import.column_mapping == {}
    assert "Service map published" in admin_client.get(url).content.decode()


def test_mapping_override_is_used_when_committing(admin_client: Client, world: Any) -> None:
    from vawdasv.plans.models import Action

    plan_import = _import(world, "plan.txt", plan_text())
    uploads.update_import(
        actor=world.admin,
        plan_import=plan_import,
        column_mapping={"Evidence of Achievement": "ignore"},
    )
    admin_client.post(
        f"/imports/{plan_import.pk}/commit/",
        {
            "title": "Plan",
            "slug": "mapped-plan",
            "start_year": "2023",
            "end_year": "2028",
            "strategy_status": "draft",
            "confirm": "on",
        },
    )
    actions = Action.objects.filter(commitment__theme__strategy__slug="mapped-plan")
    assert actions.count() == 4
    assert set(actions.values_list("evidence_en", flat=True)) == {""}


def test_preview_lists_leads_that_will_become_new_organisations(
    admin_client: Client, world: Any
) -> None:
    plan_import = _import(world, "plan.docx", builders.plan_docx())
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    new_list = html[html.index('id="new-organisation-list"') :]
    new_list = new_list[: new_list.index("</ul>")]
    # Leads the partnership's alias list does not know become new bodies under the name the
    # plan writes (the demo seeds its alias list; no partnership is special-cased by slug);
    # SWP is South Wales Police, which the member organisations' short names know.
    assert "<li>PCC</li>" in new_list
    assert "<li>Executive Group</li>" in new_list
    assert "<li>South Wales Police</li>" not in new_list
    assert "South Wales Police</td>" in html or "South Wales Police," in html


def test_preview_shows_warnings_with_their_location(admin_client: Client, world: Any) -> None:
    plan_import = _import(world, "plan.docx", builders.plan_docx())
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert "table 3, row 2" in html
    assert "which a page break split" in html


def test_preview_shows_timescales_parsed_and_flags_those_not_understood(
    admin_client: Client, world: Any
) -> None:
    rows = [
        builders.HEADER,
        ["We will plan", "Map services", "Map", "Mar 2026", "Regional Team"],
        ["", "Review services", "Report", "when the funding allows", "Regional Team"],
    ]
    text = "PREPARE\n" + "\n".join("\t".join(row) for row in rows)
    plan_import = _import(world, "plan.txt", text.encode())
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert "Due 31 March 2026" in html
    assert html.count("Check timescale") == 1
    assert "when the funding allows" in html


def test_preview_shows_rag_status_when_the_document_has_one(
    admin_client: Client, world: Any
) -> None:
    rows = [
        ["Ref", "Action", "Lead", "Status"],
        ["1.1", "Publish the needs assessment", "Regional Team", "Green"],
        ["1.2", "Train staff", "Regional Team", "●"],
    ]
    text = "PREPARE\n" + "\n".join("\t".join(row) for row in rows)
    plan_import = _import(world, "plan.txt", text.encode())
    html = admin_client.get(f"/imports/{plan_import.pk}/").content.decode()
    assert "govuk-tag--green" in html
    assert "Unknown, check" in html


def test_large_document_says_reading_may_take_a_few_seconds(
    admin_client: Client, world: Any
) -> None:
    plan_import = _import(world, "plan.txt", plan_text())
    url = f"/imports/{plan_import.pk}/"
    assert "may take a few seconds" not in admin_client.get(url).content.decode()
    PlanImport.objects.filter(pk=plan_import.pk).update(size=5 * 1024 * 1024)
    assert "may take a few seconds" in admin_client.get(url).content.decode()


@pytest.mark.parametrize(
    "posted",
    [{"column_0": "not-a-field"}, {}, {"column_99": "action"}],
    ids=["unknown choice", "nothing chosen", "a column the document does not have"],
)
def test_an_invalid_column_mapping_is_a_form_error_not_a_server_error(
    admin_client: Client, world: Any, posted: dict[str, str]
) -> None:
    plan_import = _import(world, "plan.txt", plan_text())

    response = admin_client.post(f"/imports/{plan_import.pk}/mapping/", posted)

    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "govuk-select--error" in html
    plan_import.refresh_from_db()
    assert plan_import.column_mapping == {}
