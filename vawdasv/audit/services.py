"""Writing audit entries. Called only from service functions, inside their transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.origins import Origin

JSONValue = Any


def _plain(value: Any) -> JSONValue:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):  # JSON has no decimals; the text keeps every digit
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return sorted(str(v) for v in value)
    return value


def plain_list(values: Iterable[Any]) -> list[str]:
    """Many-to-many values as recorded in the audit: sorted names."""
    return sorted(str(v) for v in values)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, JSONValue]:
    """The audited fields of an instance as JSON-friendly values (m2m as sorted names)."""
    values: dict[str, JSONValue] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            # select_related() follows required foreign keys, which names often read.
            related = getattr(instance, name).select_related()
            values[name] = plain_list(related) if instance.pk else []
        elif field.is_relation:
            values[name] = _plain(getattr(instance, name))
        else:
            values[name] = _plain(getattr(instance, name))
    return values


def diff(
    before: dict[str, JSONValue], after: dict[str, JSONValue]
) -> dict[str, dict[str, JSONValue]]:
    return {
        name: {"before": before.get(name), "after": value}
        for name, value in after.items()
        if before.get(name) != value
    }


def record(
    *,
    actor: Any,
    instance: models.Model,
    verb: Verb,
    changes: dict[str, dict[str, JSONValue]],
    partnership: Any = None,
    source: Origin | str = "",
    origin: Origin | None = None,
) -> AuditEntry:
    """One audit entry. Pass where the change came from as an `Origin` (`origin=` or, while
    callers move over, `source=`); a plain `source` string is kept only for older callers and
    must not be translated text."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if isinstance(source, Origin):
        origin, source = source, ""
    origin_fields: dict[str, Any] = {}
    if origin is not None:
        source = origin.detail
        origin_fields["origin_kind"] = origin.kind
        if origin.obj is not None and origin.obj.pk is not None:
            origin_fields["origin_content_type"] = ContentType.objects.get_for_model(
                type(origin.obj)
            )
            origin_fields["origin_object_id"] = origin.obj.pk
    return AuditEntry.objects.create(
        actor=user,
        actor_name=(user.get_full_name() or user.username) if user else "",
        partnership=partnership,
        verb=verb,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        changes=changes,
        source=source[:300],
        **origin_fields,
    )


def from_origin(origin_object: models.Model) -> models.QuerySet[AuditEntry]:
    """Entries whose origin is this object (a round's changes to the plan, an import's)."""
    return AuditEntry.objects.filter(
        origin_content_type=ContentType.objects.get_for_model(type(origin_object)),
        origin_object_id=origin_object.pk,
    )


def history_for(instance: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
    ).select_related("actor")


def forget_demo_history(
    *, partnership: Any, kinds: Iterable[type[models.Model]], orphans_only: bool = True
) -> int:
    """Delete a partnership's entries about these models (only those whose object is gone, by
    default). For rebuilding the demo alone, whose rows are deleted and made again on every
    run; nothing else deletes audit entries. Returns how many were deleted."""
    deleted = 0
    for model in kinds:
        entries = AuditEntry.objects.filter(
            partnership=partnership, content_type=ContentType.objects.get_for_model(model)
        )
        if orphans_only:
            entries = entries.exclude(object_id__in=model._default_manager.values_list("pk"))
        deleted += entries.delete()[0]
    return deleted
