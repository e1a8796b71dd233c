"""Old meeting packs go once a newer one of the same meeting, format and language exists and
they are older than the days kept; the newest pack of each always stays."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from vawdasv.governance import tasks
from vawdasv.governance.enums import PackState
from vawdasv.governance.models import PackJob

pytestmark = pytest.mark.django_db


def _pack(meeting, *, days_ago: int, language: str = "en", state: str = PackState.DONE):
    job = PackJob.objects.create(meeting=meeting, format="docx", language=language, state=state)
    if state == PackState.DONE:
        job.file.save("meeting-pack.docx", ContentFile(b"pack"), save=False)
    made = timezone.now() - datetime.timedelta(days=days_ago)
    job.save()
    PackJob.objects.filter(pk=job.pk).update(created_at=made, finished_at=made)
    return job


def test_superseded_packs_older_than_the_days_kept_go_with_their_files(
    world, gov, settings, django_capture_on_commit_callbacks
):
    settings.GOVERNANCE_PACK_KEEP_DAYS = 7
    old = _pack(gov.june, days_ago=30)
    failed = _pack(gov.june, days_ago=20, state=PackState.FAILED)
    recent_superseded = _pack(gov.june, days_ago=3)
    newest = _pack(gov.june, days_ago=1)
    welsh_only = _pack(gov.june, days_ago=40, language="cy")  # the newest in Welsh: it stays
    other_meeting = _pack(gov.september, days_ago=40)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.delete_superseded_packs.call() == 2
    kept = set(PackJob.objects.values_list("pk", flat=True))
    assert kept == {recent_superseded.pk, newest.pk, welsh_only.pk, other_meeting.pk}
    assert {old.pk, failed.pk}.isdisjoint(kept)
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(newest.file.name)


def test_the_cleanup_is_scheduled_every_night(settings):
    tasks_named = {entry["task"] for entry in settings.SCHEDULED_TASKS.values()}
    assert "vawdasv.governance.tasks.delete_superseded_packs" in tasks_named
