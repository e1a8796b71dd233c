"""Saving and resetting RAG labels: administrators only, audited, refusing stale saves."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.services import history_for
from vawdasv.progress import rag
from vawdasv.progress.models import RagLabels


def test_an_administrator_renames_red_and_it_is_audited(world):
    labels = rag.save_rag_labels(
        actor=world.admin, partnership=world.partnership, data={"red_label_en": " Off track "}
    )
    assert labels.red_label_en == "Off track"
    entry = history_for(labels).get()
    assert entry.verb == Verb.CREATED
    assert entry.partnership == world.partnership
    assert entry.changes["red_label_en"]["after"] == "Off track"


@pytest.mark.parametrize("persona", ["lead", "council_lead", "board", "outsider"])
def test_only_the_partnerships_administrators_may_rename(world, persona):
    with pytest.raises(PermissionDenied):
        rag.save_rag_labels(
            actor=getattr(world, persona),
            partnership=world.partnership,
            data={"red_label_en": "Off track"},
        )
    assert not RagLabels.objects.exists()


def test_a_save_based_on_an_old_version_is_refused_with_the_saved_one(world, renamed):
    rag.save_rag_labels(
        actor=world.admin, partnership=world.partnership, data={"red_label_en": "Stuck"},
        expected_version=renamed.version,
    )  # fmt: skip
    with pytest.raises(rag.ConcurrentEditError) as refused:
        rag.save_rag_labels(
            actor=world.admin, partnership=world.partnership, data={"red_label_en": "Late"},
            expected_version=renamed.version,
        )  # fmt: skip
    assert refused.value.current.red_label_en == "Stuck"
    assert refused.value.current.version == renamed.version + 1


def test_a_first_save_is_refused_when_someone_else_saved_first(world, renamed):
    with pytest.raises(rag.ConcurrentEditError):
        rag.save_rag_labels(
            actor=world.admin, partnership=world.partnership, data={"red_label_en": "Late"},
            expected_version=0,
        )  # fmt: skip


def test_saving_the_same_words_again_makes_no_new_version_or_entry(world, renamed):
    before = AuditEntry.objects.count()
    again = rag.save_rag_labels(
        actor=world.admin, partnership=world.partnership, data={"red_label_en": "Off track"},
        expected_version=renamed.version,
    )  # fmt: skip
    assert again.version == renamed.version
    assert AuditEntry.objects.count() == before


def test_reset_blanks_every_word_and_keeps_the_history(world, renamed):
    labels = rag.reset_rag_labels(actor=world.admin, partnership=world.partnership)
    assert all(getattr(labels, name) == "" for name in rag.LABEL_FIELDS)
    assert rag.rag_vocabulary(world.partnership.pk, "en").label("red") == "Red"
    assert history_for(labels).count() == 2


def test_the_partnership_object_sees_new_words_straight_after_a_save(world, renamed):
    assert rag.rag_vocabulary(world.partnership, "en").label("red") == "Off track"
    rag.save_rag_labels(
        actor=world.admin, partnership=world.partnership, data={"red_label_en": "Late"}
    )
    assert rag.rag_vocabulary(world.partnership, "en").label("red") == "Late"
