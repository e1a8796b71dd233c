"""Saving an imported translation: all or nothing, through the write kernel.

Each changed row is locked and checked again: its English must still be what the file was
made from, and its Welsh what the preview showed as "before". If another person saved any of
them in between, nothing is saved and the error names the rows. Every row saved gets one audit
entry with the same origin (the translation import, with the file's name and fingerprint).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.origins import Origin, OriginKind, file_detail
from vawdasv.core import translation_state
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy, Versioned
from vawdasv.progress.translation.importing import Change
from vawdasv.progress.translation.strings import strategy_strings


class TranslationConflict(Exception):
    def __init__(self, rows: Sequence[int]) -> None:
        self.rows = sorted(rows)
        super().__init__(conflict_message(self.rows))


def conflict_message(rows: Sequence[int]) -> str:
    return _(
        "Someone else changed the Welsh or the English of rows %(rows)s since this file was "
        "exported or previewed, so nothing was saved. Export the file again."
    ) % {"rows": ", ".join(str(row) for row in rows)}


def translation_origin(file_name: str, sha256: str) -> Origin:
    return Origin(OriginKind.TRANSLATION_IMPORT, None, file_detail(file_name, sha256))


@transaction.atomic
def apply_translations(
    *, actor: Any, strategy: Strategy, changes: Sequence[Change], file_name: str, sha256: str
) -> int:
    """Save the Welsh of every change, or nothing; returns the number of texts saved."""
    kernel.require(permissions.can_translate_strategy(actor, strategy.partnership_id))
    current = {string.key: string for string in strategy_strings(strategy)}
    by_row: dict[tuple[type[models.Model], int], list[Change]] = defaultdict(list)
    conflicts = []
    for change in changes:
        string = current.get(change.key)
        if string is None:
            conflicts.append(change.row)
            continue
        by_row[(type(string.instance), string.instance.pk)].append(change)
    origin = translation_origin(file_name, sha256)
    saved = 0
    for (model, pk), row_changes in by_row.items():
        locked = kernel.lock(model(pk=pk))
        fields = [change.key.rsplit(":", 1)[1] for change in row_changes]
        for change, name in zip(row_changes, fields, strict=True):
            english = getattr(locked, f"{name}_en") or ""
            welsh = (getattr(locked, f"{name}_cy") or "").strip()
            if (
                translation_state.fingerprint(english) != change.english_fingerprint
                or welsh != change.before.strip()
            ):
                conflicts.append(change.row)
        if conflicts:
            continue  # keep checking, to name every row; nothing is saved
        audited = [f"{name}_cy" for name in fields]
        before = audit.snapshot(locked, audited)
        for change, name in zip(row_changes, fields, strict=True):
            setattr(locked, f"{name}_cy", change.after)
        kernel.save_changes(
            actor=actor,
            instance=locked,
            before=before,
            fields=audited,
            partnership=strategy.partnership,
            origin=origin,
            bump_version=isinstance(locked, Versioned),
        )
        # Welsh kept as it was is confirmed for the English it now stands beside.
        confirmed = [
            name for change, name in zip(row_changes, fields, strict=True) if change.confirms_only
        ]
        if confirmed:
            translation_state.confirm_translated(locked, confirmed)
        saved += len(row_changes)
    if conflicts:  # raising leaves the transaction: every row saved so far goes back
        raise TranslationConflict(conflicts)
    return saved
