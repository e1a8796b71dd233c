"""Plan imports from the web: keep the uploaded document, let it be checked, then write the plan.

The only way to create or change a `PlanImport`. Each function checks that the person may manage
the partnership's plans and writes an audit entry, like the plan services. A document is read
before anything is stored, so an unreadable file leaves no trace; the plan itself is written by
`services.import_plan` inside the same transaction as the import's own record, so a failed
commit changes nothing at all.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.origins import Origin, OriginKind, file_detail
from vawdasv.imports import corrections as action_corrections
from vawdasv.imports.baseline import MappingMissing, baseline_statuses
from vawdasv.imports.columns import FIELDS
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.interpret import interpret, plan_found, years_in
from vawdasv.imports.model import ParsedPlan
from vawdasv.imports.models import PlanImport, stored_name
from vawdasv.imports.sandbox import read_document_isolated
from vawdasv.imports.services import actions_in_document_order, import_plan
from vawdasv.partnerships import aliases as partnership_aliases
from vawdasv.partnerships import permissions
from vawdasv.partnerships.leads import AliasTable
from vawdasv.partnerships.models import Partnership
from vawdasv.plans import baseline as plans_baseline
from vawdasv.plans.baseline import BaselineEntry
from vawdasv.plans.enums import StrategyStatus
from vawdasv.plans.models import Strategy

# What a person may set on an import before committing it.
DETAIL_FIELDS = ("title", "slug", "start_year", "end_year", "strategy_status")
AUDITED_FIELDS = ("status", "column_mapping", "corrections", "strategy", *DETAIL_FIELDS)
PASTED_NAME = "pasted-text.txt"
_SLUG_MAX = 100
R = TypeVar("R")
logger = logging.getLogger(__name__)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


def _require(user: Any, partnership: Partnership) -> None:
    kernel.require(permissions.can_manage_imports(user, partnership.pk))


def aliases_for(partnership: Partnership) -> AliasTable:
    """How the partnership's plans write its organisations' names: its own alias list and
    member organisations (the demo seeds its partnership's list like any other)."""
    return partnership_aliases.aliases_for(partnership)


def clean_filename(name: str) -> str:
    """The name as the person gave it, for display only: no folders or control characters."""
    base = _UNSAFE_NAME.sub("", PurePath(name.replace("\\", "/")).name).strip()
    return base[:255] or PASTED_NAME


def read_plan(data: bytes, filename: str, mapping: Mapping[str, str] | None = None) -> ParsedPlan:
    """Read and interpret a document; UnreadableDocument when there is no plan in it.

    The document is read in the limited worker process (`imports.sandbox`), every time.
    """
    parsed = interpret(read_document_isolated(data, filename), mapping=mapping or None)
    if not plan_found(parsed):
        raise UnreadableDocument(
            _(
                "No plan table was recognised in “%(name)s”. A plan needs a table with "
                "columns such as Commitment, Milestones/Actions, Evidence of Achievement, "
                "Timescale and Lead, or “We will” lists under headings."
            )
            % {"name": filename}
        )
    return parsed


def stored_plan(plan_import: PlanImport) -> ParsedPlan:
    """The import's document read again with its current column mapping."""
    with plan_import.file.open("rb") as stored:
        data = stored.read()
    return read_plan(data, plan_import.original_filename, plan_import.column_mapping)


def corrected_plan(plan_import: PlanImport) -> action_corrections.Applied:
    """The document read again, with the person's corrections to single actions laid over it.

    The preview and the commit both use this, so what is written is what was shown.
    """
    return action_corrections.apply_with_origins(
        stored_plan(plan_import), list(plan_import.corrections or [])
    )


def free_slug(title: str) -> str:
    """A strategy slug from the title that no strategy uses yet."""
    base = slugify(title)[:_SLUG_MAX].strip("-") or "imported-plan"
    slug, number = base, 2
    while Strategy.objects.filter(slug=slug).exists():
        slug, number = f"{base[: _SLUG_MAX - 6]}-{number}", number + 1
    return slug


def audit_source(plan_import: PlanImport) -> Origin:
    """The origin of every audit entry the import writes: the import, and its file and hash."""
    return Origin(
        OriginKind.PLAN_IMPORT,
        plan_import,
        file_detail(plan_import.original_filename, plan_import.sha256),
    )


def _store(data: bytes, sha256: str, plan_import: PlanImport) -> None:
    """Keep the document under its hash; the same document uploaded twice is kept once."""
    name = stored_name(sha256)
    storage = plan_import.file.storage
    if not storage.exists(name):
        name = storage.save(name, ContentFile(data))
    plan_import.file.name = name


def _title_details(parsed: ParsedPlan | None, name: str) -> dict[str, Any]:
    """The strategy details the document suggests: its title (else the file name) and years."""
    found_title = parsed.title if parsed is not None else ""
    title = (found_title or PurePath(name).stem.replace("-", " ").replace("_", " "))[:300]
    years = years_in(found_title, name)
    return {
        "title": title,
        "slug": free_slug(title),
        "start_year": years[0] if years else None,
        "end_year": years[1] if years else None,
    }


def _new_import(
    actor: Any, partnership: Partnership, name: str, data: bytes, **values: Any
) -> PlanImport:
    sha256 = hashlib.sha256(data).hexdigest()
    plan_import = PlanImport(
        partnership=partnership,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        original_filename=name,
        sha256=sha256,
        size=len(data),
        strategy_status=StrategyStatus.DRAFT,
        **values,
    )
    _store(data, sha256, plan_import)
    return plan_import


def create_import(
    *, actor: Any, partnership: Partnership, filename: str, data: bytes
) -> PlanImport:
    """Read an uploaded document at once and keep it for checking. Nothing is stored if it is
    unreadable. (The upload page reads in the background instead: `receive_import`.)

    Raises UnreadableDocument (with a message for the person) or PermissionDenied.
    """
    _require(actor, partnership)
    name = clean_filename(filename)
    parsed = read_plan(data, name)
    plan_import = _new_import(actor, partnership, name, data, **_title_details(parsed, name))
    with transaction.atomic():
        plan_import.save()
        kernel.created(
            actor=actor,
            instance=plan_import,
            fields=AUDITED_FIELDS,
            partnership=partnership,
            origin=audit_source(plan_import),
        )
    return plan_import


def _locked(plan_import: PlanImport) -> PlanImport:
    return kernel.lock(plan_import)


def _save_changes(actor: Any, locked: PlanImport, before: dict[str, Any]) -> None:
    kernel.save_changes(
        actor=actor,
        instance=locked,
        before=before,
        fields=AUDITED_FIELDS,
        partnership=locked.partnership,
        origin=audit_source(locked),
    )


def _require_waiting(locked: PlanImport) -> None:
    if not locked.is_waiting:
        raise ValidationError(
            _("This import is %(status)s, so it can no longer be changed.")
            % {"status": locked.get_status_display().lower()}
        )


@transaction.atomic
def update_import(
    *,
    actor: Any,
    plan_import: PlanImport,
    column_mapping: Mapping[str, str] | None = None,
    details: Mapping[str, Any] | None = None,
) -> PlanImport:
    """Change the column mapping or the strategy details of an import still being checked."""
    _require(actor, plan_import.partnership)
    locked = _locked(plan_import)
    _require_waiting(locked)
    before = audit.snapshot(locked, AUDITED_FIELDS)
    if column_mapping is not None:
        unknown = {field for field in column_mapping.values() if field not in FIELDS}
        if unknown:
            raise ValueError(f"Not a column field: {', '.join(sorted(unknown))}")
        locked.column_mapping = dict(column_mapping)
    for name, value in (details or {}).items():
        if name not in DETAIL_FIELDS:
            raise ValueError(f"Not editable here: {name}")
        setattr(locked, name, value)
    _save_changes(actor, locked, before)
    return locked


@transaction.atomic
def correct_action(
    *,
    actor: Any,
    plan_import: PlanImport,
    key: action_corrections.Key,
    records: list[dict[str, Any]],
) -> PlanImport:
    """Replace one action's corrections (an empty list undoes them) on an import being checked."""
    _require(actor, plan_import.partnership)
    locked = _locked(plan_import)
    _require_waiting(locked)
    for record in records:
        if action_corrections.key_of(record) != key or record.get("kind") not in (
            action_corrections.KINDS
        ):
            raise ValueError(f"Not a correction to action {key}: {record}")
    before = audit.snapshot(locked, AUDITED_FIELDS)
    locked.corrections = action_corrections.replace_for(
        list(locked.corrections or []), key, records
    )
    _save_changes(actor, locked, before)
    return locked


@dataclass(frozen=True)
class BaselineChoice:
    """The person's answer on the preview: record the statuses for this period, with these
    meanings for the words that do not say what they mean (word key → baseline.CHOICES)."""

    period_label: str
    meanings: Mapping[str, str]


def _record_baseline(
    actor: Any,
    plan_import: PlanImport,
    strategy: Strategy,
    parsed: ParsedPlan,
    choice: BaselineChoice,
) -> int:
    try:
        statuses = baseline_statuses(parsed.actions(), choice.meanings)
    except MappingMissing as missing:
        raise ValidationError(
            {"baseline": _("Choose what each status means, or record nothing for it")}
        ) from missing
    actions = actions_in_document_order(strategy)
    entries = [BaselineEntry(actions[s.position], s.rag, s.completed, s.word) for s in statuses]
    return plans_baseline.record_baseline(
        actor=actor,
        strategy=strategy,
        period_label=choice.period_label,
        entries=entries,
        document=plan_import.original_filename,
        origin=audit_source(plan_import),
    )


@transaction.atomic
def commit_import(
    *,
    actor: Any,
    plan_import: PlanImport,
    details: Mapping[str, Any],
    baseline: BaselineChoice | None = None,
) -> tuple[Strategy, bool]:
    """Write the plan as a new strategy, all or nothing; returns (strategy, created).

    With `baseline`, the document's statuses are recorded as approved updates for the chosen
    period in the same transaction: a refused baseline writes no plan either.
    Sending the same commit twice (a second click, the back button) finds the import already
    done under the row lock and returns its strategy, so the plan is never written twice.
    """
    _require(actor, plan_import.partnership)
    locked = _locked(plan_import)
    if locked.status == ImportStatus.IMPORTED and locked.strategy is not None:
        return locked.strategy, False
    _require_waiting(locked)
    before = audit.snapshot(locked, AUDITED_FIELDS)
    for name, value in details.items():
        if name not in DETAIL_FIELDS:
            raise ValueError(f"Not editable here: {name}")
        setattr(locked, name, value)
    try:
        parsed = corrected_plan(locked).plan
    except UnreadableDocument as problem:
        raise ValidationError(str(problem)) from problem
    strategy = import_plan(
        actor=actor,
        partnership=locked.partnership,
        parsed=parsed,
        strategy_data={
            "title_en": locked.title,
            "slug": locked.slug,
            "start_year": locked.start_year,
            "end_year": locked.end_year,
            "status": locked.strategy_status,
        },
        source=audit_source(locked),
        aliases=aliases_for(locked.partnership),
    )
    if baseline is not None:
        _record_baseline(actor, locked, strategy, parsed, baseline)
    locked.strategy = strategy
    locked.status = ImportStatus.IMPORTED
    _save_changes(actor, locked, before)
    return strategy, True


@transaction.atomic
def abandon_import(*, actor: Any, plan_import: PlanImport) -> PlanImport:
    """Give up an import that was not wanted; the record and its document stay for the history."""
    _require(actor, plan_import.partnership)
    locked = _locked(plan_import)
    _require_waiting(locked)
    before = audit.snapshot(locked, AUDITED_FIELDS)
    locked.status = ImportStatus.ABANDONED
    _save_changes(actor, locked, before)
    return locked


# Reading in the background (imports/tasks.py, docs/adr/0012) ----------------------------------


def receive_import(
    *,
    actor: Any,
    partnership: Partnership,
    filename: str,
    data: bytes,
    strategy: Strategy | None = None,
) -> PlanImport:
    """Keep an uploaded document as an import "being read" and queue the task that reads it.

    The web request never parses the document: a worker does (`read_received`), through the
    same limited child process. With the database queue the task is a row committed with the
    import, so there is never an import without its task. With `strategy`, the document is a
    revised version of that strategy's plan (imports/views/revise.py), read the same way.
    """
    if strategy is not None and strategy.partnership_id != partnership.pk:
        raise PermissionDenied
    from vawdasv.imports.tasks import read_import  # the task module imports this one
    from vawdasv.ops import queue

    _require(actor, partnership)
    name = clean_filename(filename)
    plan_import = _new_import(
        actor,
        partnership,
        name,
        data,
        status=ImportStatus.READING,
        strategy=strategy,
        **_title_details(None, name),
    )
    with transaction.atomic():
        plan_import.save()
        kernel.created(
            actor=actor,
            instance=plan_import,
            fields=AUDITED_FIELDS,
            partnership=partnership,
            origin=audit_source(plan_import),
        )
        queue.enqueue_with(plan_import, read_import, plan_import.pk)
    queue.enqueue_after(plan_import, read_import, plan_import.pk)
    return plan_import


WENT_WRONG = gettext_lazy(
    "Something went wrong while the document was being read. Try again, and if it fails again "
    "tell your regional team."
)


def _in_language_of(plan_import: PlanImport) -> str:
    user = plan_import.uploaded_by
    return getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE


def read_received(import_id: int) -> bool:
    """Read an import "being read" (run by the task): it becomes ready to check, with the
    details the document suggests, or refused with the reason in the uploader's language.

    False when the import was not waiting to be read (already read by another run). The
    outcome is written under the row lock, so two runs never both record one.
    """
    plan_import = PlanImport.objects.select_related("uploaded_by").filter(pk=import_id).first()
    if plan_import is None or not plan_import.is_reading:
        return False
    refusal, details = "", {}
    with translation.override(_in_language_of(plan_import)):
        try:
            parsed = stored_plan(plan_import)
        except UnreadableDocument as problem:
            refusal = str(problem)
        except Exception:
            # Whatever went wrong (a lost file, a fault), it must not stay "being read" for ever.
            logger.exception("Reading plan import %s failed", import_id)
            refusal = str(WENT_WRONG)
        else:
            details = _title_details(parsed, plan_import.original_filename)
    return _record_reading(plan_import, refusal, details)


def give_up_reading(import_id: int) -> bool:
    """Refuse an import whose reading task failed for good (its worker died too often)."""
    plan_import = PlanImport.objects.select_related("uploaded_by").filter(pk=import_id).first()
    if plan_import is None or not plan_import.is_reading:
        return False
    with translation.override(_in_language_of(plan_import)):
        refusal = str(WENT_WRONG)
    return _record_reading(plan_import, refusal, {})


def _record_reading(plan_import: PlanImport, refusal: str, details: dict[str, Any]) -> bool:
    with transaction.atomic():
        locked = _locked(plan_import)
        if not locked.is_reading:
            return False
        before = audit.snapshot(locked, AUDITED_FIELDS)
        if refusal:
            locked.status, locked.refusal = ImportStatus.REFUSED, refusal
        else:
            locked.status = ImportStatus.PREVIEWED
            for field, value in details.items():
                setattr(locked, field, value)
        kernel.save_changes(
            actor=None,
            instance=locked,
            before=before,
            fields=AUDITED_FIELDS,
            partnership=locked.partnership,
            origin=audit_source(locked),
        )
        if refusal:
            _forget_refused_file(locked)
    return True


def _forget_refused_file(refused: PlanImport) -> None:
    """A refused document (possibly hostile) is not kept, once the refusal commits, unless
    another import that was not refused is kept under the same hash."""
    in_use = (
        PlanImport.objects.filter(sha256=refused.sha256)
        .exclude(pk=refused.pk)
        .exclude(status=ImportStatus.REFUSED)
        .exists()
    )
    name, storage = refused.file.name or "", refused.file.storage
    if name and not in_use:
        transaction.on_commit(lambda: storage.delete(name))


# Revisions of an imported strategy (imports/views/revise.py) ---------------------------------


def revision_origin(plan_import: PlanImport) -> Origin:
    """The origin of every change a revision applies to the plan: the import, as re-import."""
    return Origin(
        OriginKind.PLAN_REIMPORT,
        plan_import,
        file_detail(plan_import.original_filename, plan_import.sha256),
    )


@transaction.atomic
def apply_revision(
    *, actor: Any, strategy: Strategy, plan_import: PlanImport, apply: Callable[[Origin], R]
) -> R | None:
    """Apply a revision once: `apply` writes the plan changes (through the plan services) with
    the revision as their origin, then the import is marked imported. None when another request
    applied it first."""
    _require(actor, plan_import.partnership)
    locked = kernel.lock(plan_import)
    if locked.status == ImportStatus.IMPORTED:
        return None
    result = apply(revision_origin(locked))
    before = audit.snapshot(locked, AUDITED_FIELDS)
    locked.status = ImportStatus.IMPORTED
    kernel.save_changes(
        actor=actor,
        instance=locked,
        before=before,
        fields=AUDITED_FIELDS,
        partnership=locked.partnership,
        origin=audit_source(locked),
    )
    return result
