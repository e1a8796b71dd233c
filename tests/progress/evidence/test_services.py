"""Adding and removing evidence: permission, open rounds, limits, duplicates and the audit."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from tests.progress.conftest import GOOD_UPDATE
from tests.progress.evidence.conftest import EXE, PDF, PNG, docx_bytes, upload
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.plans import services as plan_services
from vawdasv.progress import services
from vawdasv.progress.evidence import add_evidence_file, add_evidence_link, remove_evidence
from vawdasv.progress.models import ProgressUpdate, UpdateEvidence


def _add_file(world, progress_round, name="evaluation.docx", data=None, actor=None, action=None):
    return add_evidence_file(
        actor=actor or world.lead,
        progress_round=progress_round,
        action=action or world.police_action,
        title="",
        uploaded_file=upload(name, docx_bytes() if data is None else data),
    )


def test_adding_a_file_to_an_action_with_no_update_starts_a_draft(world, progress_round):
    evidence = _add_file(world, progress_round)
    update = ProgressUpdate.objects.get(progress_round=progress_round, action=world.police_action)
    assert update.state == "draft"
    assert evidence.update == update
    assert evidence.title == "evaluation.docx"
    assert evidence.added_by == world.lead


def test_a_file_is_stored_under_its_update_and_hash_never_its_name(world, progress_round):
    evidence = _add_file(world, progress_round, name="../../etc/Adroddiad ŵyr.pdf", data=PDF)
    assert evidence.file.name == f"evidence/{evidence.update_id}/{evidence.sha256}"
    assert evidence.file_name == "Adroddiad ŵyr.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF)
    with default_storage.open(evidence.file.name, "rb") as stored:
        assert stored.read() == PDF


def test_the_stored_content_type_comes_from_the_check_not_the_browser(world, progress_round):
    evidence = add_evidence_file(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        title="Photo", uploaded_file=upload("photo.png", PNG, content_type="text/html"),
    )  # fmt: skip
    assert evidence.content_type == "image/png"


def test_a_refused_file_leaves_no_update_no_file_and_no_audit(world, progress_round):
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        _add_file(world, progress_round, name="minutes.pdf", data=EXE)
    assert "minutes.pdf" in str(refused.value)
    assert not ProgressUpdate.objects.filter(action=world.police_action).exists()
    assert not UpdateEvidence.objects.exists()
    assert AuditEntry.objects.count() == entries
    assert not default_storage.exists("evidence")


def test_the_same_file_twice_on_one_update_is_refused(world, progress_round):
    data = docx_bytes("one")
    _add_file(world, progress_round, name="evaluation.docx", data=data)
    with pytest.raises(ValidationError) as refused:
        _add_file(world, progress_round, name="copy.docx", data=data)
    assert "“copy.docx” is already attached to this update as “evaluation.docx”" in str(
        refused.value
    )
    assert UpdateEvidence.objects.count() == 1


def test_the_same_file_on_two_updates_is_stored_once_for_each(
    world, progress_round, django_capture_on_commit_callbacks
):
    first = _add_file(world, progress_round, data=PDF, name="plan.pdf")
    second = _add_file(
        world, progress_round, data=PDF, name="plan.pdf", actor=world.council_lead,
        action=world.council_action,
    )  # fmt: skip
    assert first.sha256 == second.sha256
    assert first.file.name != second.file.name
    with django_capture_on_commit_callbacks(execute=True):
        remove_evidence(actor=world.lead, evidence=first)
    assert not default_storage.exists(first.file.name)
    with default_storage.open(second.file.name, "rb") as stored:
        assert stored.read() == PDF


def test_a_stray_file_at_the_path_is_never_reused(world, progress_round):
    # A file left by a removal whose clean-up has not run yet must not become the new one.
    update = services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action, data={}
    )
    stray = f"evidence/{update.pk}/{hashlib.sha256(PDF).hexdigest()}"
    default_storage.save(stray, ContentFile(PDF))
    evidence = _add_file(world, progress_round, data=PDF, name="plan.pdf")
    assert evidence.file.name != stray
    assert evidence.file.name.startswith(f"evidence/{update.pk}/")


def test_an_update_holds_at_most_the_configured_number_of_files(world, progress_round, settings):
    settings.EVIDENCE_MAX_FILES = 2
    _add_file(world, progress_round, data=docx_bytes("one"))
    _add_file(world, progress_round, data=docx_bytes("two"))
    with pytest.raises(ValidationError) as refused:
        _add_file(world, progress_round, data=docx_bytes("three"), name="third.docx")
    assert "already has 2 files" in str(refused.value)
    assert "third.docx" in str(refused.value)


def test_a_file_bigger_than_the_limit_is_refused_before_it_is_read(world, progress_round, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        _add_file(world, progress_round, name="big.pdf", data=PDF + b" " * 2048)
    assert "big.pdf" in str(refused.value)
    assert not UpdateEvidence.objects.exists()


def test_bethan_cannot_add_evidence_to_owains_action(world, progress_round):
    with pytest.raises(PermissionDenied):
        _add_file(world, progress_round, actor=world.council_lead)
    with pytest.raises(PermissionDenied):
        add_evidence_link(
            actor=world.council_lead, progress_round=progress_round, action=world.police_action,
            title="News", url="https://example.org/news",
        )  # fmt: skip
    assert not UpdateEvidence.objects.exists()


@pytest.mark.parametrize("persona", ["board", "outsider"])
def test_a_board_member_or_an_outsider_cannot_add_evidence(world, progress_round, persona):
    with pytest.raises(PermissionDenied):
        _add_file(world, progress_round, actor=getattr(world, persona))


def test_evidence_cannot_be_added_in_a_closed_round(world, progress_round):
    services.close_round(actor=world.admin, progress_round=progress_round)
    with pytest.raises(ValidationError) as refused:
        _add_file(world, progress_round)
    assert "closed" in str(refused.value)


def test_evidence_cannot_be_added_or_removed_once_submitted(world, progress_round):
    link = add_evidence_link(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        title="News", url="https://example.org/news",
    )  # fmt: skip
    services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        _add_file(world, progress_round)
    assert "submitted for review" in str(refused.value)
    with pytest.raises(ValidationError):
        remove_evidence(actor=world.lead, evidence=link)
    assert UpdateEvidence.objects.filter(pk=link.pk).exists()


def test_evidence_can_be_added_again_once_the_update_is_returned(world, progress_round):
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    services.return_update(actor=world.admin, update=update, comment="Add the evaluation")
    evidence = _add_file(world, progress_round)
    assert evidence.update_id == update.pk


def test_a_link_must_be_a_web_address(world, progress_round):
    with pytest.raises(ValidationError) as refused:
        add_evidence_link(
            actor=world.lead, progress_round=progress_round, action=world.police_action,
            title="Click me", url="javascript:alert(1)",
        )  # fmt: skip
    assert "url" in refused.value.message_dict
    assert not ProgressUpdate.objects.exists()


def test_adding_and_removing_evidence_is_audited(world, progress_round):
    link = add_evidence_link(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        title="Evaluation report", url="https://example.org/evaluation",
    )  # fmt: skip
    added = AuditEntry.objects.get(
        object_id=link.pk, verb=Verb.CREATED, content_type__model="updateevidence"
    )
    assert added.actor == world.lead
    assert added.partnership == world.partnership
    assert added.changes["url"]["after"] == "https://example.org/evaluation"
    pk = link.pk
    remove_evidence(actor=world.lead, evidence=link)
    removed = AuditEntry.objects.get(
        object_id=pk, verb=Verb.DELETED, content_type__model="updateevidence"
    )
    assert removed.changes["title"] == {"before": "Evaluation report", "after": None}


def test_removing_a_file_deletes_the_stored_copy(
    world, progress_round, django_capture_on_commit_callbacks
):
    evidence = _add_file(world, progress_round, data=PDF, name="plan.pdf")
    path = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        remove_evidence(actor=world.lead, evidence=evidence)
    assert not UpdateEvidence.objects.exists()
    assert not default_storage.exists(path)


def test_a_rolled_back_removal_keeps_the_stored_file(
    world, progress_round, django_capture_on_commit_callbacks
):
    evidence = _add_file(world, progress_round, data=PDF, name="plan.pdf")
    pk, path = evidence.pk, evidence.file.name
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        remove_evidence(actor=world.lead, evidence=evidence)
        raise RuntimeError("the page failed after the removal")
    assert callbacks == []
    assert UpdateEvidence.objects.filter(pk=pk).exists()
    assert default_storage.exists(path)


def test_deleting_the_round_deletes_its_evidence_files(
    world, progress_round, django_capture_on_commit_callbacks
):
    evidence = _add_file(world, progress_round, data=PDF, name="plan.pdf")
    path = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        progress_round.delete()
    assert not UpdateEvidence.objects.exists()
    assert not default_storage.exists(path)


def test_deleting_the_action_deletes_its_evidence_files(
    world, progress_round, django_capture_on_commit_callbacks
):
    kept = _add_file(
        world, progress_round, data=PDF, name="plan.pdf", actor=world.council_lead,
        action=world.council_action,
    )  # fmt: skip
    evidence = _add_file(world, progress_round, data=PDF, name="plan.pdf")
    path = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.delete_action(actor=world.admin, action=world.police_action)
    assert not UpdateEvidence.objects.filter(pk=evidence.pk).exists()
    assert not default_storage.exists(path)
    assert default_storage.exists(kept.file.name)


def test_bethan_cannot_remove_evidence_on_owains_action(world, progress_round):
    evidence = _add_file(world, progress_round)
    with pytest.raises(PermissionDenied):
        remove_evidence(actor=world.council_lead, evidence=evidence)
    assert UpdateEvidence.objects.filter(pk=evidence.pk).exists()


def test_adding_the_same_link_twice_keeps_one_and_records_one(world, progress_round):
    def add():
        return add_evidence_link(
            actor=world.lead, progress_round=progress_round, action=world.police_action,
            title="Evaluation report", url="https://example.org/evaluation",
        )  # fmt: skip

    first, second = add(), add()
    assert first.pk == second.pk
    assert UpdateEvidence.objects.count() == 1
    assert AuditEntry.objects.filter(content_type__model="updateevidence").count() == 1
