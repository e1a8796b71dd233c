"""A small plan imported as a strategy, and a revised copy: one reworded, one added, one gone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from vawdasv.imports import uploads
from vawdasv.imports.services import import_plan
from vawdasv.plans.models import Strategy

HEADER = ["Commitment", "Milestones/Actions", "Evidence of Achievement", "Timescale", "Lead"]
COMMITMENT = "We will improve strategic planning and commissioning of services"
MAPPING = ["Map current VAWDASV services across the region", "Service map published", "Mar 2026"]
REVIEW = ["Review commissioning arrangements with partners", "Review report", "Sept 2023"]
TRAINING = ["Deliver training to all frontline staff in the region", "Staff trained", "2024/25"]
REWORDED = "Review commissioning arrangements with all partners"
ADDED = "Publish a directory of specialist support services"


def plan_text(rows: list[list[str]]) -> bytes:
    """A plan as copied from Word: a theme heading, then a tab-separated table."""
    lines = ["\t".join(HEADER)]
    for index, (action, evidence, timescale) in enumerate(rows):
        commitment = COMMITMENT if index == 0 else ""
        lines.append("\t".join([commitment, action, evidence, timescale, "Regional Team"]))
    return ("PREPARE\n" + "\n".join(lines) + "\n").encode("utf-8")


ORIGINAL = plan_text([MAPPING, REVIEW, TRAINING])
REVISED = plan_text([MAPPING, [REWORDED, *REVIEW[1:]], [ADDED, "Directory online", "Mar 2025"]])


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def strategy(world: Any) -> Strategy:
    """The original plan written as a strategy, as the importer writes it."""
    parsed = uploads.read_plan(ORIGINAL, "plan-2023.txt")
    return import_plan(
        actor=world.admin,
        partnership=world.partnership,
        parsed=parsed,
        strategy_data={
            "title_en": "Cardiff and Vale plan",
            "slug": "cv-plan",
            "start_year": 2023,
            "end_year": 2028,
        },
        source="test",
        aliases=uploads.aliases_for(world.partnership),
    )


@pytest.fixture
def admin_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client
