"""Rounds and approved updates written straight to the tables: these tests read the roll-up,
they do not exercise the progress services (tests/progress does)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from vawdasv.progress.enums import PeriodKind, RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.reference.models import FrameworkItem


@pytest.fixture(autouse=True)
def _english_by_default():
    with translation.override("en"):
        yield


def quarter_round(strategy, label: str, end: datetime.date) -> ProgressRound:
    start = end - datetime.timedelta(days=90)
    return ProgressRound.objects.create(
        strategy=strategy,
        period_label=label,
        period_kind=PeriodKind.QUARTER,
        period_start=start,
        period_end=end,
        deadline=end + datetime.timedelta(days=30),
        status=RoundStatus.CLOSED,
    )


def approved(progress_round, action, rag: str, *, completed=False, narrative="", state=None):
    return ProgressUpdate.objects.create(
        progress_round=progress_round,
        action=action,
        rag=rag,
        completed=completed,
        narrative_en=narrative,
        state=state or UpdateState.APPROVED,
    )


def objective(code: str) -> FrameworkItem:
    return FrameworkItem.objects.get(
        framework__slug__startswith="national-strategy-2022", code=code
    )
