"""The progress and import factories build what their traits say."""

from __future__ import annotations

import pytest

from tests import factories
from vawdasv.imports.enums import ImportStatus
from vawdasv.progress.enums import PeriodKind, RoundStatus, UpdateState

pytestmark = pytest.mark.django_db


def test_a_round_takes_its_dates_from_its_period_label():
    progress_round = factories.ProgressRoundFactory(period_label="2025/26 Q2", closed=True)
    assert progress_round.period_kind == PeriodKind.QUARTER
    assert (progress_round.period_start.isoformat(), progress_round.period_end.isoformat()) == (
        "2025-07-01",
        "2025-09-30",
    )
    assert progress_round.status == RoundStatus.CLOSED


def test_an_approved_update_belongs_to_an_action_of_its_rounds_plan():
    update = factories.ProgressUpdateFactory(approved=True, red=True)
    assert update.state == UpdateState.APPROVED and update.rag == "red"
    assert update.reviewed_at is not None
    assert update.action.commitment.theme.strategy_id == update.progress_round.strategy_id


def test_quarter_labels_run_oldest_first():
    assert factories.quarter_labels(2020, 2)[:5] == [
        "2020/21 Q1", "2020/21 Q2", "2020/21 Q3", "2020/21 Q4", "2021/22 Q1",
    ]  # fmt: skip


def test_an_imported_plan_import_names_a_strategy_of_its_partnership(settings, tmp_path):
    plan_import = factories.PlanImportFactory(imported=True)
    assert plan_import.status == ImportStatus.IMPORTED
    assert plan_import.strategy.partnership_id == plan_import.partnership_id
    assert plan_import.file.read() == factories.PLAN_CSV
    assert plan_import.size == len(factories.PLAN_CSV)
