"""Only the partnership's administrators may import plans; everyone else is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.imports.web.conftest import upload_file
from tests.imports.web.documents import plan_text
from vawdasv.imports import uploads
from vawdasv.imports.models import PlanImport
from vawdasv.plans.models import Strategy

pytestmark = pytest.mark.django_db

# Lead officers and board members are members (403); an administrator of another partnership
# cannot see this partnership's imports at all (404 for an import, 403 for a partnership whose
# published strategy anyone may read).
REFUSED = [("lead", 403), ("council_lead", 403), ("board", 403), ("outsider", 404)]


@pytest.fixture
def plan_import(world: Any) -> PlanImport:
    return uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename="plan.txt", data=plan_text()
    )


def _client_for(world: Any, persona: str) -> Client:
    client = Client()
    client.force_login(getattr(world, persona))
    return client


@pytest.mark.parametrize(("persona", "_status"), REFUSED)
def test_only_administrators_may_open_the_upload_page(
    world: Any, persona: str, _status: int
) -> None:
    client = _client_for(world, persona)
    assert client.get("/imports/new/cardiff-vale/").status_code == 403
    assert upload_file(client, "cardiff-vale", "plan.txt", plan_text()).status_code == 403
    assert client.get("/imports/partnership/cardiff-vale/").status_code == 403
    assert not PlanImport.objects.exists()


@pytest.mark.parametrize(("persona", "status"), REFUSED)
def test_others_may_not_see_or_commit_an_import(
    world: Any, plan_import: PlanImport, persona: str, status: int
) -> None:
    client = _client_for(world, persona)
    url = f"/imports/{plan_import.pk}/"
    assert client.get(url).status_code == status
    details = {
        "title": "Plan",
        "slug": "stolen-plan",
        "start_year": 2023,
        "end_year": 2028,
        "strategy_status": "draft",
        "confirm": "on",
    }
    assert client.post(f"{url}commit/", details).status_code == status
    assert client.post(f"{url}mapping/", {"reset": "1"}).status_code == status
    assert client.post(f"{url}abandon/").status_code == status
    assert not Strategy.objects.filter(slug="stolen-plan").exists()
    plan_import.refresh_from_db()
    assert plan_import.is_waiting


def test_anonymous_visitors_are_sent_to_sign_in(world: Any, plan_import: PlanImport) -> None:
    client = Client()
    for url in (
        "/imports/new/cardiff-vale/",
        "/imports/partnership/cardiff-vale/",
        f"/imports/{plan_import.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/sign-in/" in response.url


def test_administrator_of_another_partnership_cannot_see_a_draft_only_partnership(
    world: Any,
) -> None:
    client = _client_for(world, "admin")
    assert client.get("/imports/new/gwent/").status_code == 404


def test_service_refuses_a_lead_officer(world: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        uploads.create_import(
            actor=world.lead, partnership=world.partnership, filename="p.txt", data=plan_text()
        )
    assert not PlanImport.objects.exists()


def test_partnership_page_links_administrators_to_imports(world: Any) -> None:
    admin_page = _client_for(world, "admin").get("/partnerships/cardiff-vale/")
    board_page = _client_for(world, "board").get("/partnerships/cardiff-vale/")
    assert 'href="/imports/partnership/cardiff-vale/"' in admin_page.content.decode()
    assert 'href="/imports/partnership/cardiff-vale/"' not in board_page.content.decode()
