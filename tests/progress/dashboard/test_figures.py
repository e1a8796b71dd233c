"""The dashboard's figures for a plan whose rounds are worked out by hand (see conftest)."""

from __future__ import annotations

import datetime

from tests import factories
from vawdasv.progress import dashboard, services
from vawdasv.progress.dashboard import RagCounts
from vawdasv.progress.enums import ActionStatus

from .conftest import TODAY


def _themes(figures) -> dict[str, tuple[RagCounts, RagCounts | None]]:
    return {row.theme.name_en: (row.current, row.previous) for row in figures.themes}


def test_current_and_previous_periods_are_the_latest_two_rounds(plan):
    figures = dashboard.build(plan.world.strategy, TODAY)
    assert figures.current_round == plan.current
    assert figures.previous_round == plan.previous


def test_rag_by_theme_counts_only_approved_updates_in_each_period(plan):
    themes = _themes(dashboard.build(plan.world.strategy, TODAY))
    # Current: the finished late action is not asked about; the submitted red is not counted.
    assert themes["PREPARE"][0] == RagCounts(red=0, amber=1, green=1, not_rated=0)
    assert themes["PROTECT"][0] == RagCounts(red=0, amber=0, green=0, not_rated=2)
    assert themes["PREPARE"][1] == RagCounts(red=1, amber=1, green=1, not_rated=0)
    assert themes["PROTECT"][1] == RagCounts(red=0, amber=0, green=1, not_rated=1)


def test_approving_the_submitted_update_moves_it_into_the_current_counts(plan):
    update = plan.current.updates.get(action=plan.protect_action)
    services.approve_update(actor=plan.world.admin, update=update)
    themes = _themes(dashboard.build(plan.world.strategy, TODAY))
    assert themes["PROTECT"][0] == RagCounts(red=1, amber=0, green=0, not_rated=1)


def test_overdue_and_due_soon_lists_follow_the_status_rules(plan):
    figures = dashboard.build(plan.world.strategy, TODAY)
    assert [line.action for line in figures.overdue] == [plan.protect_action]
    assert [line.action for line in figures.due_soon] == [
        plan.world.police_action,
        plan.world.council_action,
    ]
    # The completed late action is past due but not overdue.
    assert plan.late_action not in [line.action for line in figures.overdue]
    assert figures.overdue[0].latest.rag == "green"  # its last approved rating (2025/26 Q1)
    counts = {row.theme.name_en: (row.overdue, row.due_soon) for row in figures.due_by_theme}
    assert counts == {"PREPARE": (0, 2), "PROTECT": (1, 0)}


def test_by_lead_view_counts_each_organisations_actions_by_rag_and_status(plan):
    figures = dashboard.build(plan.world.strategy, TODAY)
    leads = {dashboard.lead_name(summary): summary for summary in figures.leads}
    assert list(leads) == ["Cardiff Council", "South Wales Police"]  # same size: by name
    police, council = leads["South Wales Police"], leads["Cardiff Council"]
    assert police.actions == 3  # the joint action counts under both leads
    assert police.rag == RagCounts(red=0, amber=1, green=0, not_rated=1)
    assert police.status_count(ActionStatus.DUE_SOON) == 1
    assert police.status_count(ActionStatus.COMPLETED) == 1
    assert police.status_count(ActionStatus.NO_UPDATE) == 1
    assert police.status_count(ActionStatus.OVERDUE) == 0
    assert council.rag == RagCounts(red=0, amber=0, green=1, not_rated=2)
    assert council.status_count(ActionStatus.OVERDUE) == 1
    assert council.status_count(ActionStatus.NO_UPDATE) == 1


def test_actions_without_a_lead_are_listed_last(plan):
    factories.ActionFactory(commitment=plan.world.commitment)
    leads = dashboard.build(plan.world.strategy, TODAY).leads
    assert leads[-1].organisation is None
    assert dashboard.lead_name(leads[-1]) == "No lead organisation recorded"
    assert leads[-1].actions == 1


def test_a_plan_without_rounds_still_has_overdue_and_lead_figures(world):
    figures = dashboard.build(world.strategy, datetime.date(2026, 6, 1))
    assert (figures.current_round, figures.previous_round) == (None, None)
    assert [line.action for line in figures.overdue] == [
        world.police_action,
        world.council_action,
    ]
    for summary in figures.leads:  # no round yet, so nothing is rated or "not rated"
        assert (summary.actions, summary.rag.total) == (1, 0)
        assert summary.status_count(ActionStatus.OVERDUE) == 1


def test_previous_period_prefers_a_round_of_the_same_kind(world):
    def open_round(label: str):
        return services.open_round(
            actor=world.admin, strategy=world.strategy, period_label=label,
            deadline=datetime.date(2026, 5, 1),
        )  # fmt: skip

    year, fourth_quarter = open_round("2024/25"), open_round("2024/25 Q4")
    quarter = open_round("2025/26 Q1")
    assert dashboard.current_and_previous(world.strategy) == (quarter, fourth_quarter)
    quarter.delete()
    whole_year = open_round("2025/26")
    assert dashboard.current_and_previous(world.strategy) == (whole_year, year)


def test_charts_say_every_figure_in_words(plan):
    figures = dashboard.build(plan.world.strategy, TODAY)
    chart = dashboard.rag_by_theme_chart(figures)
    prepare = chart.groups[0]
    assert prepare.label == "PREPARE"
    assert [bar.label for bar in prepare.bars] == ["2025/26 Q2", "2025/26 Q1"]
    assert prepare.bars[1].figures == "Red 1 · Amber 1 · Green 1 · Not rated 0"
    assert [entry.label for entry in chart.legend] == ["Red", "Amber", "Green", "Not rated"]
