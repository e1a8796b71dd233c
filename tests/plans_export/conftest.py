"""A strategy imported from the real Cardiff and Vale plan, for the export and re-import tests."""

from __future__ import annotations

import pytest

from vawdasv.demo.load import CARDIFF_VALE_LEADS, PLAN_FILE, default_reference_dir
from vawdasv.imports.interpret import interpret
from vawdasv.imports.model import ParsedPlan
from vawdasv.imports.readers import read_document
from vawdasv.imports.services import import_plan
from vawdasv.plans.models import Strategy

SOURCE = "Plan import: reference plan"


def read_plan(data: bytes, name: str) -> ParsedPlan:
    return interpret(read_document(data, name))


@pytest.fixture(scope="session")
def reference_parsed() -> ParsedPlan:
    path = default_reference_dir() / PLAN_FILE
    return read_plan(path.read_bytes(), path.name)


@pytest.fixture
def imported_strategy(world, reference_parsed: ParsedPlan) -> Strategy:
    """The reference plan imported into the Cardiff and Vale partnership, published."""
    return import_plan(
        actor=world.admin,
        partnership=world.partnership,
        parsed=reference_parsed,
        strategy_data={
            "slug": "cv-imported",
            "start_year": 2023,
            "end_year": 2028,
            "status": "published",
        },
        source=SOURCE,
        aliases=CARDIFF_VALE_LEADS,
    )
