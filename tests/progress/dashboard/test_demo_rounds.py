"""The demo's progress rounds: a closed round last quarter and an open one with a mix of replies."""

from __future__ import annotations

import datetime
from collections import Counter
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from vawdasv.audit.models import AuditEntry
from vawdasv.demo.load import STRATEGY_SLUG
from vawdasv.demo.rounds import DEMO_MARK_CY, DEMO_MARK_EN, load_demo_rounds
from vawdasv.plans.models import Strategy
from vawdasv.progress import dashboard
from vawdasv.progress.enums import RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.periods import quarter_containing

TODAY = datetime.date(2026, 11, 22)


def people(world) -> dict[str, object]:
    return {"alys": world.admin, "owain": world.lead, "bethan": world.council_lead}


def progress_counts() -> dict[str, int]:
    types = ContentType.objects.get_for_models(ProgressRound, ProgressUpdate).values()
    return {
        "rounds": ProgressRound.objects.count(),
        "updates": ProgressUpdate.objects.count(),
        "history": AuditEntry.objects.filter(content_type__in=types).count(),
    }


def test_demo_rounds_are_this_quarter_open_and_last_quarter_closed(world):
    rounds = load_demo_rounds(strategy=world.strategy, people=people(world), today=TODAY)
    assert (rounds.current.period_label, rounds.current.status) == ("2026/27 Q3", "open")
    assert (rounds.previous.period_label, rounds.previous.status) == ("2026/27 Q2", "closed")
    assert rounds.current.deadline > TODAY
    assert set(rounds.previous.updates.values_list("state", flat=True)) == {UpdateState.APPROVED}


def test_owain_has_submitted_and_bethan_is_still_drafting(world):
    rounds = load_demo_rounds(strategy=world.strategy, people=people(world), today=TODAY)
    owain = rounds.current.updates.get(action=world.police_action)
    bethan = rounds.current.updates.get(action=world.council_action)
    assert owain.state in (UpdateState.SUBMITTED, UpdateState.APPROVED)
    assert owain.updated_by == world.lead
    assert (bethan.state, bethan.updated_by) == (UpdateState.DRAFT, world.council_lead)


def test_last_quarters_approved_change_of_date_is_applied_to_the_plan(world):
    load_demo_rounds(strategy=world.strategy, people=people(world), today=TODAY)
    world.police_action.refresh_from_db()
    assert world.police_action.timescale_text == "Mar 2027"
    assert world.police_action.due_date == datetime.date(2027, 3, 31)


def test_demo_narratives_are_marked_as_demonstration_values(world):
    load_demo_rounds(strategy=world.strategy, people=people(world), today=TODAY)
    for update in ProgressUpdate.objects.all():
        assert update.narrative_en.endswith(DEMO_MARK_EN)
        if update.narrative_cy:
            assert update.narrative_cy.endswith(DEMO_MARK_CY)


def test_demo_updates_went_through_the_services_so_they_have_history(world):
    rounds = load_demo_rounds(strategy=world.strategy, people=people(world), today=TODAY)
    update = rounds.previous.updates.first()
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ProgressUpdate), object_id=update.pk
    )
    assert entries.count() >= 3  # created, submitted, approved


def test_loading_demo_rounds_twice_replaces_them(world):
    load_demo_rounds(strategy=world.strategy, people=people(world), today=TODAY)
    first = progress_counts()
    load_demo_rounds(strategy=world.strategy, people=people(world), today=TODAY)
    assert progress_counts() == first


def test_load_demo_gives_the_2023_plan_rounds_with_submitted_draft_and_silent_actions(db, settings):
    settings.DEBUG = True  # load-demo is for development databases
    call_command("load_demo", stdout=StringIO())
    first = progress_counts()
    call_command("load_demo", stdout=StringIO())
    assert progress_counts() == first  # idempotent

    strategy = Strategy.objects.get(slug=STRATEGY_SLUG)
    period = quarter_containing(datetime.date.today())
    current = ProgressRound.objects.get(strategy=strategy, period_label=period.label)
    assert current.status == RoundStatus.OPEN
    states = Counter(current.updates.values_list("state", flat=True))
    assert states[UpdateState.SUBMITTED] >= 1
    assert states[UpdateState.APPROVED] >= 1
    assert states[UpdateState.DRAFT] >= 1
    writers = set(current.updates.values_list("updated_by__username", flat=True))
    assert writers == {"owain", "bethan"}  # rhys, of the Regional Team, is silent
    assert ProgressRound.objects.filter(strategy=strategy, status=RoundStatus.CLOSED).exists()

    figures = dashboard.build(strategy)
    assert (figures.current_round, figures.previous_round.status) == (current, "closed")
    assert sum(row.previous.total for row in figures.themes) > 0


def test_the_open_round_has_evidence_and_a_proposed_new_action_marked_as_demonstration(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    rounds = load_demo_rounds(strategy=world.strategy, people=people(world), today=TODAY)
    update = rounds.current.updates.get(action=world.police_action)
    kinds = sorted(update.evidence.values_list("kind", flat=True))
    assert kinds == ["file", "link"]
    assert all(DEMO_MARK_EN in title for title in update.evidence.values_list("title", flat=True))
    stored = update.evidence.get(kind="file")
    assert stored.file_name == "training-attendance-summary.csv"
    assert stored.file.read().startswith(b"Month,Sessions")
    assert update.proposes_new_action
    assert update.proposed_new_action_en.endswith(DEMO_MARK_EN)
