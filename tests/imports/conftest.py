"""Fixtures for the importer and demo tests: the reference plan, read as the demo reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from vawdasv.demo.load import PLAN_FILE, default_reference_dir


@pytest.fixture
def reference_dir() -> Path:
    return default_reference_dir()


@pytest.fixture
def reference_plan_text(reference_dir: Path) -> str:
    return (reference_dir / PLAN_FILE).read_text(encoding="utf-8-sig")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Demo people and personas all get passwords; a fast hasher keeps these tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
