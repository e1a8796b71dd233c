"""Audit entries told in plain language, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.origins import OriginKind
from vawdasv.lib.bilingual import read
from vawdasv.lib.months import months_in_language


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
    if isinstance(value, str) and "timescale" in getattr(field, "name", ""):
        return months_in_language(value)  # "Mar 2026" as the plan wrote it, Maw on Welsh pages
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
    if source and entry.origin_kind == OriginKind.MEETING:
        sentences.append(source)  # already a sentence: "Amended at the … meeting of …"
    elif source:
        sentences.append(_("Source: %(source)s") % {"source": source})
    return HistoryLine(entry=entry, sentences=sentences)


def _meeting_text(entry: AuditEntry) -> str:
    """ "Amended at the Steering Group meeting of 12 June 2026", the group's name and the date
    in the reader's language; the stored ISO date alone if the meeting has since gone."""
    meeting = entry.origin
    when: Any = getattr(meeting, "starts_at", None)
    day = localdate(when) if when else parse_date(entry.source)
    group = getattr(meeting, "group", None)
    if group is None:
        return _("Amended at a meeting of %(date)s") % {
            "date": date_format(day, "j F Y") if day else entry.source
        }
    return _("Amended at the %(group)s meeting of %(date)s") % {
        "group": read(group, "name").text,
        "date": date_format(day, "j F Y") if day else "",
    }


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
    if entry.origin_kind == OriginKind.MEETING:
        return _meeting_text(entry)
    if entry.origin_kind in OriginKind.values:
        # Any other kind: its own label in the reader's language, then its facts.
        label = str(OriginKind(entry.origin_kind).label)
        return f"{label}: {detail}" if detail else label
    return detail  # an entry from before origins: the text as it was stored
