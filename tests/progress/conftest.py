"""A progress round on the world's published plan, and a complete update to write into it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from vawdasv.progress import services
from vawdasv.progress.models import ProgressRound

DEADLINE = datetime.date(2025, 10, 31)

# A complete update: enough to be submitted.
GOOD_UPDATE = {
    "rag": "green",
    "completed": False,
    "narrative_en": "Training delivered to 40 officers.",
    "narrative_cy": "Hyfforddiant i 40 o swyddogion.",
}


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # The personas get real password hashes; the slow default hasher adds nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request for a /cy/ page leaves Welsh active in the thread, which would make reverse()
    # in the next test build Welsh addresses. Start every test in English.
    with translation.override("en"):
        yield


@pytest.fixture
def progress_round(world) -> ProgressRound:
    return services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2", deadline=DEADLINE
    )
