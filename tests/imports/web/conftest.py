"""Fixtures for the import pages: uploaded documents are kept in a folder of the test's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client


def upload_file(client: Client, partnership_slug: str, name: str, data: bytes) -> Any:
    """POST a document to the upload page, as the browser's file input sends it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        f"/imports/new/{partnership_slug}/",
        {"document": SimpleUploadedFile(name, data), "pasted_text": ""},
    )
