"""What every service does around a write, written once.

    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    locked = kernel.lock(instance, expected_version)        # row lock + optimistic check
    before = audit.snapshot(locked, FIELDS)
    ... change locked ...
    kernel.save_changes(actor=actor, instance=locked, before=before, fields=FIELDS,
                        partnership=partnership, origin=origin)   # diff → save → ONE entry

Callers wrap the whole service in `transaction.atomic`; the kernel adds no transaction of its
own so a service that writes several rows still records them all or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from vawdasv.audit import services as audit
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.origins import Origin

M = TypeVar("M", bound=models.Model)


class ConcurrentEditError(Exception):
    """Raised when a save is based on a version that somebody else has since changed."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(_("Somebody else changed this while you were editing it."))
        self.current = current


def require(allowed: bool) -> None:
    """PermissionDenied unless the rule (from partnerships/permissions.py) allowed it."""
    if not allowed:
        raise PermissionDenied(_("You do not have permission to change this."))


def check_version(current: models.Model, expected_version: int | None) -> None:
    """ConcurrentEditError when somebody saved a newer version (None: do not check)."""
    if expected_version is not None and current.version != expected_version:  # type: ignore[attr-defined]
        raise ConcurrentEditError(current)


def lock(instance: M, expected_version: int | None = None) -> M:
    """The row again, locked until the transaction ends, checked against `expected_version`."""
    manager = type(instance)._default_manager
    locked: M = manager.select_for_update().get(pk=instance.pk)
    check_version(locked, expected_version)
    return locked


def save_changes(
    *,
    actor: Any,
    instance: models.Model,
    before: dict[str, Any],
    fields: Iterable[str],
    partnership: Any,
    origin: Origin | str = "",
    bump_version: bool = False,
    extra: dict[str, Any] | None = None,
    only_fields: bool = False,
) -> AuditEntry | None:
    """Save `instance` and record one UPDATED entry, or do nothing when no audited field moved.

    `extra` adds facts to the entry's changes that are not fields (a self-approval).
    `only_fields` saves just the audited fields, so a row that others write too (a user's
    last login) keeps their values."""
    fields = tuple(fields)
    changes = {**audit.diff(before, audit.snapshot(instance, fields)), **(extra or {})}
    if not changes:
        return None
    if bump_version:
        instance.version += 1  # type: ignore[attr-defined]
    if only_fields:
        instance.save(update_fields=[*fields, *(["version"] if bump_version else [])])
    else:
        instance.save()
    return audit.record(
        actor=actor,
        instance=instance,
        verb=Verb.UPDATED,
        changes=changes,
        partnership=partnership,
        source=origin,
    )


def record_changes(
    *,
    actor: Any,
    instance: models.Model,
    before: dict[str, Any],
    fields: Iterable[str],
    partnership: Any,
    origin: Origin | str = "",
    extra: dict[str, Any] | None = None,
) -> AuditEntry | None:
    """One UPDATED entry for what moved since `before`, for changes already written (a
    many-to-many `add`); nothing when nothing moved."""
    changes = {**audit.diff(before, audit.snapshot(instance, tuple(fields))), **(extra or {})}
    if not changes:
        return None
    return audit.record(
        actor=actor,
        instance=instance,
        verb=Verb.UPDATED,
        changes=changes,
        partnership=partnership,
        source=origin,
    )


def record(
    *,
    actor: Any,
    instance: models.Model,
    verb: Verb,
    changes: dict[str, dict[str, Any]],
    partnership: Any = None,
    origin: Origin | str = "",
) -> AuditEntry:
    """One entry for changes the service has already worked out itself: many-to-many values
    taken from what was submitted (re-reading them would cost queries), or a fact that is not
    a field (a password or two-factor change)."""
    return audit.record(
        actor=actor,
        instance=instance,
        verb=verb,
        changes=changes,
        partnership=partnership,
        source=origin,
    )


def created(
    *,
    actor: Any,
    instance: models.Model,
    fields: Iterable[str],
    partnership: Any,
    origin: Origin | str = "",
) -> AuditEntry:
    """Record the CREATED entry for a row the service has just saved."""
    return audit.record(
        actor=actor,
        instance=instance,
        verb=Verb.CREATED,
        changes=audit.diff({}, audit.snapshot(instance, tuple(fields))),
        partnership=partnership,
        source=origin,
    )


def delete(
    *,
    actor: Any,
    instance: models.Model,
    partnership: Any,
    origin: Origin | str = "",
    fields: Iterable[str] = (),
) -> None:
    """Record the DELETED entry (with the last values of `fields`), then delete the row."""
    last = audit.snapshot(instance, tuple(fields))
    audit.record(
        actor=actor,
        instance=instance,
        verb=Verb.DELETED,
        changes=audit.diff(last, dict.fromkeys(last)),
        partnership=partnership,
        source=origin,
    )
    instance.delete()
