"""Whether the person reviewing a progress update also wrote it (issue 8, finding 10).

An administrator can write an update (for an organisation without a lead officer, say), so the
review must not silently become approval of one's own words: see
`permissions.must_leave_own_update_to_another`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType

from vawdasv.audit.models import AuditEntry
from vawdasv.progress.models import ProgressUpdate


def wrote_update(user: Any, update: ProgressUpdate, written_fields: Iterable[str]) -> bool:
    """True when the person saved any of the update's content, now or in an earlier version.

    `written_fields` are the fields a writer fills in; a reviewer's own entries (returning the
    update with a comment) change none of them.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if update.updated_by_id == user.pk:
        return True
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ProgressUpdate),
        object_id=update.pk,
        actor=user,
    ).values_list("changes", flat=True)
    written = set(written_fields)
    return any(written & set(changes) for changes in entries)
