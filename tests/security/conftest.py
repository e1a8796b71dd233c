"""A published plan with an open round and an approved update, for the security tests."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from vawdasv.progress import services
from vawdasv.progress.models import ProgressRound


@pytest.fixture(autouse=True)
def _english_by_default():
    # A /cy/ request leaves Welsh active in the thread; reverse() must start in English.
    with translation.override("en"):
        yield


@pytest.fixture
def progress_round(world) -> ProgressRound:
    return services.open_round(
        actor=world.admin,
        strategy=world.strategy,
        period_label="2025/26 Q2",
        deadline=datetime.date(2025, 10, 31),
    )


@pytest.fixture
def approved_update(world, progress_round):
    update = services.submit_update(
        actor=world.admin,
        progress_round=progress_round,
        action=world.police_action,
        data={
            "rag": "amber",
            "narrative_en": "Training delivered to 40 officers.",
            "narrative_cy": "Hyfforddiant i 40 o swyddogion.",
        },
    )
    return services.approve_update(actor=world.admin, update=update)
