"""Committing an import: the whole plan is written once, or nothing is."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import StrategyFactory
from tests.imports.readers import builders
from tests.imports.web.documents import plan_text
from vawdasv.audit.models import AuditEntry
from vawdasv.imports import uploads
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.models import PlanImport
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Action, Strategy
from vawdasv.progress.models import ProgressUpdate

pytestmark = pytest.mark.django_db

DETAILS = {
    "title": "Implementation Plan 2023-2028",
    "slug": "cv-implementation-2023",
    "start_year": "2023",
    "end_year": "2028",
    "strategy_status": "draft",
    "confirm": "on",
}


@pytest.fixture
def docx_import(world: Any) -> PlanImport:
    return uploads.create_import(
        actor=world.admin,
        partnership=world.partnership,
        filename="plan.docx",
        data=builders.plan_docx(),
    )


def _commit(client: Client, plan_import: PlanImport, **changes: str) -> Any:
    return client.post(f"/imports/{plan_import.pk}/commit/", {**DETAILS, **changes})


def test_commit_writes_the_plan_and_lands_on_the_strategy(
    admin_client: Client, docx_import: PlanImport, world: Any
) -> None:
    response = _commit(admin_client, docx_import)
    strategy = Strategy.objects.get(slug="cv-implementation-2023")
    assert response.status_code == 302
    assert response.url == strategy.get_absolute_url()
    assert strategy.partnership == world.partnership
    assert (strategy.start_year, strategy.end_year) == (2023, 2028)
    assert Action.objects.filter(commitment__theme__strategy=strategy).count() == 6
    docx_import.refresh_from_db()
    assert docx_import.status == ImportStatus.IMPORTED
    assert docx_import.strategy == strategy
    page = admin_client.get(response.url).content.decode()
    assert "govuk-notification-banner--success" in page
    assert "The plan has been imported." in page


def test_audit_entries_of_the_plan_name_the_import(
    admin_client: Client, docx_import: PlanImport
) -> None:
    _commit(admin_client, docx_import)
    strategy = Strategy.objects.get(slug="cv-implementation-2023")
    entry = AuditEntry.objects.get(content_type__model="strategy", object_id=strategy.pk)
    assert "plan.docx" in entry.source
    assert docx_import.sha256 in entry.source


def test_preview_defaults_come_from_the_document(
    admin_client: Client, docx_import: PlanImport
) -> None:
    assert docx_import.title == "Implementation Plan 2023-2028"
    assert (docx_import.start_year, docx_import.end_year) == (2023, 2028)
    assert docx_import.slug == "implementation-plan-2023-2028"
    html = admin_client.get(f"/imports/{docx_import.pk}/").content.decode()
    assert 'value="Implementation Plan 2023-2028"' in html
    assert 'value="implementation-plan-2023-2028"' in html


def test_committing_twice_creates_one_strategy(
    admin_client: Client, docx_import: PlanImport
) -> None:
    first = _commit(admin_client, docx_import)
    second = _commit(admin_client, docx_import)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Strategy.objects.filter(slug="cv-implementation-2023").count() == 1
    assert Strategy.objects.filter(title_en=DETAILS["title"]).count() == 1


def test_service_commit_twice_returns_the_same_strategy(
    world: Any, docx_import: PlanImport
) -> None:
    details = {"title": "Plan", "slug": "plan-once", "start_year": 2023, "end_year": 2028}
    strategy, created = uploads.commit_import(
        actor=world.admin, plan_import=docx_import, details=details
    )
    again, created_again = uploads.commit_import(
        actor=world.admin, plan_import=docx_import, details=details
    )
    assert (created, created_again) == (True, False)
    assert again == strategy


def test_slug_clash_shows_an_error_and_writes_nothing(
    admin_client: Client, docx_import: PlanImport, world: Any
) -> None:
    StrategyFactory(partnership=world.partnership, slug="taken")
    strategies, actions = Strategy.objects.count(), Action.objects.count()
    organisations, entries = Organisation.objects.count(), AuditEntry.objects.count()
    response = _commit(admin_client, docx_import, slug="taken")
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_slug"' in html
    assert "already uses this short name" in html
    assert (Strategy.objects.count(), Action.objects.count()) == (strategies, actions)
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == (organisations, entries)
    docx_import.refresh_from_db()
    assert docx_import.is_waiting
    assert docx_import.slug == "implementation-plan-2023-2028"


def test_slug_taken_inside_the_service_rolls_everything_back(
    world: Any, docx_import: PlanImport
) -> None:
    from django.core.exceptions import ValidationError

    StrategyFactory(partnership=world.partnership, slug="taken")
    organisations, entries = Organisation.objects.count(), AuditEntry.objects.count()
    details = {"title": "Plan", "slug": "taken", "start_year": 2023, "end_year": 2028}
    with pytest.raises(ValidationError) as problem:
        uploads.commit_import(actor=world.admin, plan_import=docx_import, details=details)
    assert "slug" in problem.value.message_dict
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == (organisations, entries)
    assert Strategy.objects.filter(slug="taken").count() == 1
    docx_import.refresh_from_db()
    assert docx_import.is_waiting and docx_import.strategy is None


def test_commit_without_confirmation_or_years_is_refused(admin_client: Client, world: Any) -> None:
    plan_import = uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename="plan.txt", data=plan_text()
    )
    assert plan_import.start_year is None  # the text file names no years
    response = _commit(admin_client, plan_import, confirm="", start_year="", end_year="")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_confirm"' in html
    assert 'href="#id_start_year"' in html
    assert not Strategy.objects.filter(slug=DETAILS["slug"]).exists()


def test_abandoned_import_cannot_be_committed(
    admin_client: Client, docx_import: PlanImport
) -> None:
    response = admin_client.post(f"/imports/{docx_import.pk}/abandon/")
    assert response.status_code == 302
    docx_import.refresh_from_db()
    assert docx_import.status == ImportStatus.ABANDONED
    response = _commit(admin_client, docx_import)
    assert response.status_code == 302
    assert response.url == f"/imports/{docx_import.pk}/"
    assert not Strategy.objects.filter(slug=DETAILS["slug"]).exists()
    listing = admin_client.get("/imports/partnership/cardiff-vale/").content.decode()
    assert "plan.docx" in listing
    assert "Abandoned" in listing


# Statuses in the document as the baseline ----------------------------------------------------

STATUS_PLAN = (
    "PREPARE\nCommitment\tAction\tTimescale\tLead\tStatus\n"
    "Plan\tWrite the plan\tMar 2025\tRegional Team\tCwblhawyd\n"
    "Plan\tShare the plan\tMar 2025\tRegional Team\tOn track\n"
    "Plan\tReview the plan\tMar 2026\tRegional Team\tNot started\n"
    "Plan\tKeep the plan\tMar 2026\tRegional Team\t\n"
)
BASELINE = {"record_baseline": "on", "baseline_period": "2024/25"}


@pytest.fixture
def status_import(world: Any) -> PlanImport:
    return uploads.create_import(
        actor=world.admin,
        partnership=world.partnership,
        filename="plan-with-statuses.txt",
        data=STATUS_PLAN.encode(),
    )


def test_the_preview_says_the_document_has_statuses_and_asks_what_unclear_words_mean(
    admin_client: Client, status_import: PlanImport
) -> None:
    page = admin_client.get(f"/imports/{status_import.pk}/").content.decode()
    assert "Statuses in the document" in page
    assert "What does “On track” mean?" in page
    assert "What does “Not started” mean?" in page
    assert "What does “Cwblhawyd” mean?" not in page  # it says so itself: completed


def test_without_a_meaning_for_on_track_nothing_is_written_and_the_error_says_which_word(
    admin_client: Client, status_import: PlanImport
) -> None:
    response = _commit(admin_client, status_import, **BASELINE, status_1="red")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose what “On track” means, or record nothing for it" in page
    assert 'href="#id_status_0_0"' in page  # the summary links to the question
    assert not Strategy.objects.filter(slug="cv-implementation-2023").exists()


def test_a_period_that_cannot_be_read_refuses_the_plan_too(
    admin_client: Client, status_import: PlanImport
) -> None:
    response = _commit(
        admin_client, status_import, record_baseline="on", baseline_period="next year",
        status_0="green", status_1="red",
    )  # fmt: skip
    assert response.status_code == 400
    assert "Enter a reporting period such as" in response.content.decode()
    assert not Strategy.objects.filter(slug="cv-implementation-2023").exists()
    assert not ProgressUpdate.objects.exists()


def test_the_statuses_become_approved_updates_marked_as_from_the_imported_document(
    admin_client: Client, status_import: PlanImport
) -> None:
    response = _commit(admin_client, status_import, **BASELINE, status_0="green", status_1="none")
    assert response.status_code == 302
    strategy = Strategy.objects.get(slug="cv-implementation-2023")
    updates = ProgressUpdate.objects.filter(action__commitment__theme__strategy=strategy)
    assert sorted((u.action.text_en, u.rag, u.completed) for u in updates) == [
        ("Share the plan", "green", False),  # "On track", as the person confirmed
        ("Write the plan", "green", True),  # "Cwblhawyd"
    ]  # "Not started": the person chose to record nothing; no status: nothing
    assert {u.state for u in updates} == {"approved"}
    assert {u.from_document for u in updates} == {"plan-with-statuses.txt"}
    assert {u.progress_round.period_label for u in updates} == {"2024/25"}
    entry = AuditEntry.objects.get(content_type__model="progressupdate", object_id=updates[0].pk)
    assert entry.origin_kind == "plan_import"
    assert entry.origin_object_id == status_import.pk


def test_choosing_no_baseline_imports_the_plan_alone(
    admin_client: Client, status_import: PlanImport
) -> None:
    assert _commit(admin_client, status_import).status_code == 302
    assert Strategy.objects.filter(slug="cv-implementation-2023").exists()
    assert not ProgressUpdate.objects.exists()


def test_the_update_page_says_the_status_came_from_the_imported_document(
    admin_client: Client, status_import: PlanImport
) -> None:
    _commit(admin_client, status_import, **BASELINE, status_0="amber", status_1="red")
    update = ProgressUpdate.objects.get(action__text_en="Share the plan")
    page = admin_client.get(f"/progress/updates/{update.pk}/review/").content.decode()
    assert (
        "From the imported document “plan-with-statuses.txt”, where the status was written as "
        "“On track”." in page
    )
