"""Plan changes a round makes are found by the round itself, not by how the round is worded."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from vawdasv.audit.describe import describe
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.services import history_for
from vawdasv.plans.models import Action
from vawdasv.progress import services
from vawdasv.progress.report.data import _round_entries

from .test_services import _submitted

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("vawdasv.audit.migrations.0004_audit_origins_from_source_text")


def _approve_new_timescale(world, progress_round) -> Action:
    update = _submitted(
        world, progress_round, proposed_timescale_text="Mar 2027",
        proposed_timescale_reason="Funding confirmed late",
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update, comment="Agreed")
    return Action.objects.get(pk=world.police_action.pk)


def test_the_report_keeps_a_rounds_changes_when_the_site_language_changes(
    world, progress_round, settings
):
    action = _approve_new_timescale(world, progress_round)
    settings.LANGUAGE_CODE = "cy"
    with translation.override("cy"):
        entries = _round_entries(progress_round, [action.pk])
    assert [entry.changes["timescale_text"]["after"] for entry in entries] == ["Mar 2027"]


def test_the_report_does_not_take_another_rounds_changes(world, progress_round):
    action = _approve_new_timescale(world, progress_round)
    other = services.open_round(
        actor=world.admin,
        strategy=progress_round.strategy,
        period_label="2025/26 Q3",
        deadline=progress_round.deadline,
    )
    assert _round_entries(other, [action.pk]) == []


def test_the_history_names_the_round_in_the_readers_language(world, progress_round):
    action = _approve_new_timescale(world, progress_round)
    entry = history_for(action).first()
    assert entry.origin == progress_round
    assert "Source: 2025/26 Q2 progress round" in describe(entry).sentences
    with translation.override("cy"):
        assert "Ffynhonnell: Cylch cynnydd 2025/26 Q2" in describe(entry).sentences


@pytest.mark.parametrize("stored", ["2025/26 Q2 progress round", "cylch cynnydd 2025/26 Q2"])
def test_the_migration_links_old_round_sources_in_either_language(world, progress_round, stored):
    entry = AuditEntry.objects.create(
        partnership=world.partnership,
        verb=Verb.UPDATED,
        content_type=ContentType.objects.get_for_model(Action),
        object_id=world.police_action.pk,
        object_repr="old",
        source=stored,
    )
    MIGRATION.forwards(apps, None)
    entry.refresh_from_db()
    assert (entry.origin_kind, entry.origin, entry.source) == (
        "progress_round",
        progress_round,
        "2025/26 Q2",
    )
    assert _round_entries(progress_round, [world.police_action.pk]) == [entry]


def test_the_migration_keeps_file_facts_and_leaves_unknown_text_alone(world):
    def old(source: str) -> AuditEntry:
        return AuditEntry.objects.create(
            partnership=world.partnership,
            verb=Verb.CREATED,
            content_type=ContentType.objects.get_for_model(Action),
            object_id=world.police_action.pk,
            object_repr="old",
            source=source,
        )

    welsh = old("Mewnforio cynllun: plan.docx (SHA-256 " + "a" * 64 + ")")
    english = old("Plan re-import: plan.csv (SHA-256 " + "b" * 64 + ")")
    other = old("alias page")
    MIGRATION.forwards(apps, None)
    for entry in (welsh, english, other):
        entry.refresh_from_db()
    assert (welsh.origin_kind, welsh.source) == (
        "plan_import",
        "plan.docx (SHA-256 " + "a" * 64 + ")",
    )
    assert (english.origin_kind, english.source) == (
        "plan_reimport",
        "plan.csv (SHA-256 " + "b" * 64 + ")",
    )
    assert (other.origin_kind, other.source) == ("", "alias page")


def test_rolling_the_migration_back_writes_the_english_sentences_again(world, progress_round):
    action = _approve_new_timescale(world, progress_round)
    MIGRATION.backwards(apps, None)
    entry = history_for(action).first()
    assert entry.source == "2025/26 Q2 progress round"
