"""The write kernel every service uses: permission, lock and version, one audit entry."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from vawdasv.audit import kernel, origins
from vawdasv.audit import services as audit
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.plans.models import Action

pytestmark = pytest.mark.django_db

FIELDS = ("text_en", "timescale_text")


def test_a_rule_that_refuses_raises_permission_denied():
    with pytest.raises(PermissionDenied):
        kernel.require(False)
    kernel.require(True)


def test_locking_with_an_old_version_raises_a_conflict_carrying_the_saved_row(world):
    action = world.police_action
    Action.objects.filter(pk=action.pk).update(version=action.version + 1)
    with transaction.atomic(), pytest.raises(kernel.ConcurrentEditError) as conflict:
        kernel.lock(action, expected_version=action.version)
    assert conflict.value.current.version == action.version + 1


def test_locking_without_a_version_does_not_check_it(world):
    Action.objects.filter(pk=world.police_action.pk).update(version=7)
    with transaction.atomic():
        assert kernel.lock(world.police_action).version == 7


def test_saving_changes_bumps_the_version_and_records_one_entry_with_its_origin(
    world, progress_round
):
    with transaction.atomic():
        locked = kernel.lock(world.police_action)
        before = audit.snapshot(locked, FIELDS)
        locked.text_en = "Reworded"
        entry = kernel.save_changes(
            actor=world.admin, instance=locked, before=before, fields=FIELDS,
            partnership=world.partnership, origin=origins.progress_round(progress_round),
            bump_version=True,
        )  # fmt: skip
    saved = Action.objects.get(pk=world.police_action.pk)
    assert (saved.text_en, saved.version) == ("Reworded", world.police_action.version + 1)
    assert entry is not None and list(audit.history_for(saved)) == [entry]
    assert entry.changes == {
        "text_en": {"before": world.police_action.text_en, "after": "Reworded"}
    }
    assert (entry.origin_kind, entry.origin, entry.source) == (
        "progress_round", progress_round, progress_round.period_label,
    )  # fmt: skip


def test_saving_nothing_changed_writes_no_version_and_no_entry(world):
    locked = kernel.lock(world.police_action)
    entry = kernel.save_changes(
        actor=world.admin, instance=locked, before=audit.snapshot(locked, FIELDS),
        fields=FIELDS, partnership=world.partnership, bump_version=True,
    )  # fmt: skip
    assert entry is None
    assert not AuditEntry.objects.exists()
    assert Action.objects.get(pk=locked.pk).version == world.police_action.version


def test_deleting_records_the_last_values_before_the_row_goes(world):
    action = world.police_action
    kernel.delete(actor=world.admin, instance=action, partnership=world.partnership, fields=FIELDS)
    entry = AuditEntry.objects.get()
    assert entry.verb == Verb.DELETED
    assert entry.changes["text_en"] == {"before": action.text_en, "after": None}
    assert not Action.objects.filter(pk=action.pk).exists()


def test_saving_only_the_audited_fields_keeps_what_others_wrote_to_the_row(world):
    with transaction.atomic():
        locked = kernel.lock(world.police_action)
        Action.objects.filter(pk=locked.pk).update(evidence_en="Written meanwhile")
        before = audit.snapshot(locked, FIELDS)
        locked.text_en = "Reworded"
        locked.evidence_en = "Stale copy"
        kernel.save_changes(
            actor=world.admin, instance=locked, before=before, fields=FIELDS,
            partnership=world.partnership, bump_version=True, only_fields=True,
        )  # fmt: skip
    saved = Action.objects.get(pk=world.police_action.pk)
    assert (saved.text_en, saved.evidence_en) == ("Reworded", "Written meanwhile")
    assert saved.version == world.police_action.version + 1


def test_recording_worked_out_changes_writes_them_as_given_with_the_origin(world):
    changes = {"password": {"before": "", "after": ""}}
    with transaction.atomic():
        entry = kernel.record(
            actor=world.admin, instance=world.admin, verb=Verb.UPDATED, changes=changes,
            origin=origins.ADMIN,
        )  # fmt: skip
    assert list(audit.history_for(world.admin)) == [entry]
    assert (entry.changes, entry.origin_kind, entry.partnership) == (changes, "admin", None)
