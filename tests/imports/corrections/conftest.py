"""Fixtures for the correction pages: kept documents go to a folder of the test's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.imports.web.documents import plan_text
from vawdasv.imports import uploads
from vawdasv.imports.models import PlanImport


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client


@pytest.fixture
def plan_import(world: Any, media_root: Path) -> PlanImport:
    return uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename="plan.txt", data=plan_text()
    )
