from __future__ import annotations

import datetime

import pytest

from vawdasv.progress import services as progress_services
from vawdasv.progress.models import ProgressRound


@pytest.fixture
def progress_round(world) -> ProgressRound:
    return progress_services.open_round(
        actor=world.admin,
        strategy=world.police_action.commitment.theme.strategy,
        period_label="2025/26 Q2",
        deadline=datetime.date(2025, 10, 31),
    )
