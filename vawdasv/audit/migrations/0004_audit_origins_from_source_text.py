"""Turn the sentences older entries stored in `source` into structured origins.

Sources were written in the actor's (or the site's) language: both English and Welsh wordings
are recognised. A round or import that can be identified is linked; otherwise the kind and the
language-neutral detail (period label, file name and hash) are kept. Text that matches nothing
stays as it was and is shown as stored.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

ROUND = (re.compile(r"^(?P<detail>.+) progress round$"), re.compile(r"^cylch cynnydd (?P<detail>.+)$"))
IMPORT = (re.compile(r"^Plan import: (?P<detail>.+)$"), re.compile(r"^Mewnforio cynllun: (?P<detail>.+)$"))
REIMPORT = (
    re.compile(r"^Plan re-import: (?P<detail>.+)$"),
    re.compile(r"^Ail-fewnforio cynllun: (?P<detail>.+)$"),
)
SHA = re.compile(r"\(SHA-256 (?P<sha>[0-9a-f]{64})\)")


def _match(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    for pattern in patterns:
        if found := pattern.match(text):
            return found.group("detail")
    return None


def _round(apps: Any, entry: Any, period: str) -> Any:
    rounds = apps.get_model("progress", "ProgressRound").objects.filter(
        period_label=period, strategy__partnership_id=entry.partnership_id
    )
    if len(rounds) > 1 and entry.content_type.model == "action":
        action = apps.get_model("plans", "Action").objects.filter(pk=entry.object_id).first()
        if action is not None:
            rounds = rounds.filter(strategy_id=action.commitment.theme.strategy_id)
    found = list(rounds[:2])
    return found[0] if len(found) == 1 else None


def _import(apps: Any, entry: Any, detail: str) -> Any:
    sha = SHA.search(detail)
    if sha is None:
        return None
    found = list(
        apps.get_model("imports", "PlanImport").objects.filter(
            sha256=sha.group("sha"), partnership_id=entry.partnership_id
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def forwards(apps: Any, schema_editor: Any) -> None:
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    entries = AuditEntry.objects.filter(origin_kind="").exclude(source="")
    for entry in entries.select_related("content_type").iterator():
        text = entry.source.strip()
        origin = None
        if text == "load-demo":
            kind, detail = "demo", ""
        elif (detail := _match(ROUND, text)) is not None:
            kind, origin = "progress_round", _round(apps, entry, detail)
        elif (detail := _match(REIMPORT, text)) is not None:
            kind, origin = "plan_reimport", _import(apps, entry, detail)
        elif (detail := _match(IMPORT, text)) is not None:
            kind, origin = "plan_import", _import(apps, entry, detail)
        else:
            continue
        entry.origin_kind, entry.source = kind, detail
        if origin is not None:
            entry.origin_content_type = ContentType.objects.get_for_model(type(origin))
            entry.origin_object_id = origin.pk
        entry.save(
            update_fields=["origin_kind", "source", "origin_content_type", "origin_object_id"]
        )


ENGLISH = {
    "progress_round": "{} progress round",
    "plan_import": "Plan import: {}",
    "plan_reimport": "Plan re-import: {}",
    "demo": "load-demo",
}


def backwards(apps: Any, schema_editor: Any) -> None:
    """Back to the sentences (in English, the site's language), so rolling back loses nothing."""
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for kind, wording in ENGLISH.items():
        for entry in AuditEntry.objects.filter(origin_kind=kind).iterator():
            entry.source = wording.format(entry.source)[:300]
            entry.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_audit_entry_structured_origin"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("imports", "0002_plan_import_corrections"),
        ("plans", "0001_initial"),
        ("progress", "0002_round_evidence_labels_new_actions_report_jobs"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
