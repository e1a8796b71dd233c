"""Re-importing a revised plan: what is paired, what is shown, and what is written."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from tests.imports.reimport.conftest import BASE, build_plan, revised
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.demo.load import CARDIFF_VALE_LEADS
from vawdasv.imports.reimport import (
    REFERENCE,
    SAME_TEXT,
    SIMILAR_TEXT,
    apply_reimport,
    plan_reimport,
)
from vawdasv.partnerships.models import Organisation
from vawdasv.plans import services as plan_services
from vawdasv.plans.models import Action, Commitment, Theme
from vawdasv.plans.services import ConcurrentEditError

SOURCE = "Plan re-import: plan-2025.docx"


def compare(strategy, spec, **kwargs):
    return plan_reimport(strategy, build_plan(spec), aliases=CARDIFF_VALE_LEADS, **kwargs)


def action(text: str) -> Action:
    return Action.objects.get(text_en=text)


def test_the_same_document_again_is_all_unchanged_and_writes_nothing(world, base_strategy):
    diff = compare(base_strategy, BASE)
    assert len(diff.unchanged) == 5
    assert not diff.added and not diff.changed and not diff.missing
    assert not diff.has_changes
    entries = AuditEntry.objects.count()
    versions = sorted(Action.objects.values_list("pk", "version"))
    result = apply_reimport(world.admin, base_strategy, diff, remove_missing=True, source=SOURCE)
    assert (result.added, result.changed, result.removed) == (0, 0, 0)
    assert AuditEntry.objects.count() == entries
    assert sorted(Action.objects.values_list("pk", "version")) == versions


def test_actions_under_a_commitment_found_by_its_reference_are_matched_by_reference(
    world, base_strategy
):
    spec = revised()
    spec["PREPARE"][0][1] = "We will plan and commission services together"
    diff = compare(base_strategy, spec)
    commitment = diff.commitments[0]
    assert commitment.matched_by == REFERENCE
    assert [c.field for c in commitment.changes] == ["text_en"]
    first = diff.actions[0]
    assert first.matched_by == REFERENCE and not first.is_changed
    apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    assert Commitment.objects.get(ref="1.1", theme__strategy=base_strategy).text_en == (
        "We will plan and commission services together"
    )


def test_a_reworded_action_is_matched_by_similarity_and_its_history_kept(world, base_strategy):
    original = action("Map current VAWDASV services across the region")
    spec = revised()
    spec["PREPARE"][0][2][0][0] = "Map all current VAWDASV services across the whole region"
    diff = compare(base_strategy, spec)
    [changed] = diff.changed
    assert changed.existing_id == original.pk
    assert changed.matched_by == SIMILAR_TEXT
    assert [(c.field, c.before, c.after) for c in changed.changes] == [
        (
            "text_en",
            "Map current VAWDASV services across the region",
            "Map all current VAWDASV services across the whole region",
        )
    ]
    assert not diff.added and not diff.missing
    apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    original.refresh_from_db()
    assert original.text_en == "Map all current VAWDASV services across the whole region"
    entry = AuditEntry.objects.filter(object_id=original.pk, verb=Verb.UPDATED).get()
    assert entry.source == SOURCE
    assert entry.changes["text_en"]["before"] == "Map current VAWDASV services across the region"


def test_an_action_moved_to_another_commitment_is_moved_not_duplicated(world, base_strategy):
    moving = action("Report progress to the Executive Group every year")
    spec = revised()
    spec["PREPARE"][0][2].append(spec["PREPARE"][1][2].pop())
    diff = compare(base_strategy, spec)
    [moved] = diff.changed
    assert moved.existing_id == moving.pk
    assert moved.matched_by == SAME_TEXT
    assert moved.moved_from == "1.2 We will strengthen the governance of the partnership"
    apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    moving.refresh_from_db()
    assert moving.commitment.ref == "1.1"
    assert Action.objects.filter(text_en=moving.text_en).count() == 1
    assert compare(base_strategy, spec).has_changes is False


def test_new_actions_commitments_and_themes_are_added(world, base_strategy):
    spec = revised()
    spec["PREPARE"][1][2].append(
        ["Publish a communications plan", "Plan published", "Jun 2025", ["Regional Team"]]
    )
    spec["PROTECT"] = [
        [
            "4.1",
            "We will keep survivors safe at home",
            [["Fund target hardening", "Homes made safe", "Ongoing", ["Cardiff Council"]]],
        ]
    ]
    diff = compare(base_strategy, spec)
    assert [a.parsed.text for a in diff.added] == [
        "Publish a communications plan",
        "Fund target hardening",
    ]
    assert [t.parsed.name for t in diff.added_themes] == ["PROTECT"]
    assert [c.parsed.ref for c in diff.added_commitments] == ["4.1"]
    assert len(diff.unchanged) == 5
    apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    theme = Theme.objects.get(strategy=base_strategy, name_en="PROTECT")
    added = Action.objects.get(commitment__theme=theme)
    assert added.text_en == "Fund target hardening"
    assert list(added.lead_organisations.all()) == [world.council]
    assert AuditEntry.objects.filter(
        object_id=added.pk, verb=Verb.CREATED, source=SOURCE,
        content_type=ContentType.objects.get_for_model(Action),
    ).exists()  # fmt: skip


def test_an_action_no_longer_in_the_plan_is_listed_but_kept_without_confirmation(
    world, base_strategy
):
    dropped = action("Share intelligence between police and specialist services")
    spec = revised()
    del spec["PURSUE"]
    diff = compare(base_strategy, spec)
    assert [m.action_id for m in diff.missing] == [dropped.pk]
    result = apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    assert result.kept_missing == 1 and result.removed == 0
    assert Action.objects.filter(pk=dropped.pk).exists()
    assert Theme.objects.filter(strategy=base_strategy, name_en="PURSUE").exists()


def test_removing_missing_actions_deletes_them_with_audit_entries(world, base_strategy):
    dropped = action("Share intelligence between police and specialist services")
    theme = dropped.commitment.theme
    spec = revised()
    del spec["PURSUE"]
    diff = compare(base_strategy, spec)
    result = apply_reimport(world.admin, base_strategy, diff, remove_missing=True, source=SOURCE)
    assert result.removed == 1
    assert not Action.objects.filter(pk=dropped.pk).exists()
    assert not Theme.objects.filter(pk=theme.pk).exists()
    deleted = AuditEntry.objects.filter(verb=Verb.DELETED, source=SOURCE)
    assert deleted.filter(
        object_id=dropped.pk, content_type=ContentType.objects.get_for_model(Action)
    ).exists()
    assert deleted.filter(
        object_id=theme.pk, content_type=ContentType.objects.get_for_model(Theme)
    ).exists()


def test_changed_leads_are_shown_and_a_new_lead_body_is_created(world, base_strategy):
    shared = action("Share intelligence between police and specialist services")
    spec = revised()
    spec["PURSUE"][0][2][0][3] = ["SWP", "Bawso"]
    diff = compare(base_strategy, spec)
    [changed] = diff.changed
    [change] = changed.changes
    assert change.field == "lead_organisations"
    assert change.before == ["South Wales Police"]
    assert change.after == ["Bawso", "South Wales Police"]
    assert [entry.name_en for entry in diff.new_organisations] == ["Bawso"]
    apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    bawso = Organisation.objects.get(name_en="Bawso")
    assert set(shared.lead_organisations.all()) == {world.police, bawso}
    assert world.partnership.organisations.filter(pk=bawso.pk).exists()


def test_unrelated_wording_is_not_matched_but_added_and_listed_as_missing(world, base_strategy):
    spec = revised()
    spec["PURSUE"][0][2][0][0] = "Commission a perpetrator programme for young people"
    diff = compare(base_strategy, spec)
    assert [a.parsed.text for a in diff.added] == [
        "Commission a perpetrator programme for young people"
    ]
    assert [m.text for m in diff.missing] == [
        "Share intelligence between police and specialist services"
    ]


def test_a_lead_officer_cannot_apply_a_reimport(world, base_strategy):
    spec = revised()
    spec["PREPARE"][0][2][0][1] = "Service map published online"
    diff = compare(base_strategy, spec)
    with pytest.raises(PermissionDenied):
        apply_reimport(world.lead, base_strategy, diff, remove_missing=False, source=SOURCE)
    assert action("Map current VAWDASV services across the region").evidence_en == (
        "Service map published"
    )


def test_an_edit_made_after_the_comparison_stops_the_whole_import(world, base_strategy):
    spec = revised()
    spec["PREPARE"][0][2].append(["A new action", "Evidence", "Mar 2027", ["Regional Team"]])
    spec["PURSUE"][0][2][0][2] = "Mar 2025"
    diff = compare(base_strategy, spec)
    edited = action("Share intelligence between police and specialist services")
    plan_services.update_action(
        actor=world.admin, action=edited, data={"evidence_en": "Protocol signed by all"}
    )
    with pytest.raises(ConcurrentEditError):
        apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    assert not Action.objects.filter(text_en="A new action").exists()
    edited.refresh_from_db()
    assert edited.timescale_text == "Dec 2024"


def test_timescale_and_evidence_changes_are_written_with_the_due_date(world, base_strategy):
    spec = revised()
    spec["PREPARE"][1][2][0][1:3] = ["Structure agreed by the Board", "Mar 2026"]
    diff = compare(base_strategy, spec)
    [changed] = diff.changed
    assert {c.field: (c.before, c.after) for c in changed.changes} == {
        "evidence_en": ("Structure agreed and minutes kept", "Structure agreed by the Board"),
        "timescale_text": ("2024/25", "Mar 2026"),
    }
    apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    updated = Action.objects.get(pk=changed.existing_id)
    assert updated.due_date.isoformat() == "2026-03-31"


def test_a_welsh_document_is_compared_with_and_written_to_the_welsh_fields(world, base_strategy):
    diff = compare(base_strategy, BASE, language="cy")
    assert len(diff.unchanged) == 0  # the Welsh fields are empty, so every text is a change
    first = diff.changed[0]
    assert ("text_cy", "", "Map current VAWDASV services across the region") in [
        (c.field, c.before, c.after) for c in first.changes
    ]
    apply_reimport(world.admin, base_strategy, diff, remove_missing=False, source=SOURCE)
    mapped = action("Map current VAWDASV services across the region")
    assert mapped.text_cy == mapped.text_en


def test_a_comparison_for_another_strategy_is_refused(world, base_strategy):
    diff = compare(base_strategy, BASE)
    with pytest.raises(ValueError):
        apply_reimport(world.admin, world.strategy, diff, remove_missing=False, source=SOURCE)
