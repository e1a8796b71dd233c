"""Audit entries told in plain language, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from vawdasv.audit.models import AuditEntry, Verb


@dataclass(frozen=True)
class HistoryLine:
    entry: AuditEntry
    sentences: list[str]


def _label(entry: AuditEntry, field_name: str) -> str:
    model = apps.get_model(entry.content_type.app_label, entry.content_type.model)
    try:
        label = str(model._meta.get_field(field_name).verbose_name)
    except FieldDoesNotExist:
        label = field_name.replace("_", " ")
    return label[:1].upper() + label[1:]


def _value(value: object) -> str:
    if value in (None, "", []):
        return _("(blank)")
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
                "before": _value(change.get("before")),
                "after": _value(change.get("after")),
                "who": who,
            }
            for name, change in entry.changes.items()
        ]
    if entry.source:
        sentences.append(_("Source: %(source)s") % {"source": entry.source})
    return HistoryLine(entry=entry, sentences=sentences)
