"""Audit entries told in plain language, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.origins import OriginKind


@dataclass(frozen=True)
class HistoryLine:
    entry: AuditEntry
    sentences: list[str]


def _field(entry: AuditEntry, field_name: str) -> Any:
    model = apps.get_model(entry.content_type.app_label, entry.content_type.model)
    try:
        return model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return None


def _label(entry: AuditEntry, field_name: str) -> str:
    field = _field(entry, field_name)
    label = str(field.verbose_name) if field is not None else field_name.replace("_", " ")
    return label[:1].upper() + label[1:]


def _value(value: object, field: Any = None) -> str:
    if value in (None, "", []):
        return _("(blank)")
    # A choice is stored as its code ("ongoing"); the reader needs its label, in their language.
    choices = dict(getattr(field, "flatchoices", None) or ())
    if isinstance(value, str) and value in choices:
        return str(choices[value])
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def describe(entry: AuditEntry) -> HistoryLine:
    who = entry.actor_name or _("the system")
    if entry.verb == Verb.CREATED:
        sentences = [_("Created by %(who)s") % {"who": who}]
    elif entry.verb == Verb.DELETED:
        sentences = [_("Deleted by %(who)s") % {"who": who}]
    else:
        sentences = [
            _("%(field)s changed from %(before)s to %(after)s by %(who)s")
            % {
                "field": _label(entry, name),
                "before": _value(change.get("before"), _field(entry, name)),
                "after": _value(change.get("after"), _field(entry, name)),
                "who": who,
            }
            for name, change in entry.changes.items()
        ]
    source = origin_text(entry)
    if source:
        sentences.append(_("Source: %(source)s") % {"source": source})
    return HistoryLine(entry=entry, sentences=sentences)


def origin_text(entry: AuditEntry) -> str:
    """Where the change came from, worded now in the reader's language."""
    detail = entry.source
    if entry.origin_kind == OriginKind.PROGRESS_ROUND:
        return _("%(period)s progress round") % {"period": detail}
    if entry.origin_kind == OriginKind.PLAN_IMPORT:
        return _("Plan import: %(detail)s") % {"detail": detail}
    if entry.origin_kind == OriginKind.PLAN_REIMPORT:
        return _("Plan re-import: %(detail)s") % {"detail": detail}
    if entry.origin_kind == OriginKind.DATA_RETURN:
        return _("%(period)s data return") % {"period": detail}
    if entry.origin_kind == OriginKind.DEMO:
        return _("Demo data")
    return detail  # an entry from before origins: the text as it was stored
