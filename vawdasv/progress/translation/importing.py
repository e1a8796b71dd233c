"""Reading a translator's workbook back: what would change, and every problem by row.

Nothing is saved here; `services.apply_translations` saves what the preview showed. A file that
is not the workbook (not an .xlsx, damaged, too big, another plan's) is refused as a whole; a
row whose key is unknown or whose Welsh is too long is an error (nothing can be saved until the
file is mended); a row whose English changed since the export is left out with a warning;
a row whose Welsh someone else saved since the export is a conflict, which refuses the import.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.db import models
from django.utils.translation import gettext as _

from vawdasv.core.translation_state import State
from vawdasv.lib.filecheck import FileKind, RefusedFile, check_upload, file_size
from vawdasv.lib.text import normalise_text
from vawdasv.plans.models import Strategy
from vawdasv.progress.translation import export
from vawdasv.progress.translation.strings import TranslationString, strategy_strings

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


class TranslationFileRefused(Exception):
    """The file as a whole cannot be read as this plan's translation workbook."""


@dataclass(frozen=True)
class Change:
    row: int
    key: str
    where: str
    english_fingerprint: str
    before: str  # the Welsh in the database when the file was read
    after: str

    @property
    def confirms_only(self) -> bool:
        """The Welsh stays as it is; it is confirmed for the new English."""
        return self.before == self.after

    def as_data(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "key": self.key,
            "where": self.where,
            "english_fingerprint": self.english_fingerprint,
            "before": self.before,
            "after": self.after,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Change:
        return cls(
            row=int(data["row"]),
            key=str(data["key"]),
            where=str(data["where"]),
            english_fingerprint=str(data["english_fingerprint"]),
            before=str(data["before"]),
            after=str(data["after"]),
        )


@dataclass
class ImportPlan:
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # block the import
    warnings: list[str] = field(default_factory=list)  # rows left out
    conflict_rows: list[int] = field(default_factory=list)  # someone else saved Welsh

    @property
    def can_save(self) -> bool:
        return bool(self.changes) and not self.errors and not self.conflict_rows


def _cell(row: tuple[Any, ...], index: int) -> str:
    value = row[index] if index < len(row) else None
    return "" if value is None else normalise_text(str(value))


def check_size(name: str, size: int) -> None:
    """Refuse a file too big to be a translation workbook, before reading it."""
    if size > MAX_BYTES:
        raise TranslationFileRefused(
            _("“%(name)s” is %(size)s; a translation file can be at most %(limit)s.")
            % {"name": name, "size": file_size(size), "limit": file_size(MAX_BYTES)}
        )


def _open(name: str, data: bytes, strategy: Strategy) -> Any:
    check_size(name, len(data))
    try:
        check_upload(name, data, {FileKind.XLSX})
    except RefusedFile as refused:
        raise TranslationFileRefused(str(refused)) from refused
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TranslationFileRefused(
            _("“%(name)s” cannot be read as a spreadsheet.") % {"name": name}
        ) from error
    if export.SHEET not in workbook.sheetnames:
        raise TranslationFileRefused(
            _("“%(name)s” is not a translation file exported from this service.") % {"name": name}
        )
    if (workbook.properties.identifier or "") != export.identifier(strategy):
        raise TranslationFileRefused(
            _("“%(name)s” was exported for another plan. Export this plan's file and use that.")
            % {"name": name}
        )
    return workbook


def _max_length(string: TranslationString) -> int | None:
    model_field = string.instance._meta.get_field(f"{string.field}_cy")
    return model_field.max_length if isinstance(model_field, models.CharField) else None


def read_translation_file(name: str, data: bytes, strategy: Strategy) -> ImportPlan:
    """What importing the file would change; raises TranslationFileRefused for a wrong file."""
    workbook = _open(name, data, strategy)
    try:
        return _read_rows(workbook, name, strategy)
    finally:
        workbook.close()


def _read_rows(workbook: Any, name: str, strategy: Strategy) -> ImportPlan:
    known = {string.key: string for string in strategy_strings(strategy)}
    plan = ImportPlan()
    seen: dict[str, int] = {}
    rows = workbook[export.SHEET].iter_rows(min_row=2, values_only=True)
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS:
            raise TranslationFileRefused(
                _("“%(name)s” has more than %(count)s rows.") % {"name": name, "count": MAX_ROWS}
            )
        key = _cell(row, export.KEY).strip()
        welsh = _cell(row, export.WELSH_NEW).strip()
        if not welsh:
            continue  # nothing to import (a row left for later, or a text since deleted)
        string = known.get(key)
        if string is None:
            plan.errors.append(
                _(
                    "Row %(row)s: “%(key)s” is not a text of this plan. Keep the key column as "
                    "it was exported."
                )
                % {"row": number, "key": key}
            )
            continue
        if key in seen:
            plan.errors.append(
                _("Row %(row)s: the same text as row %(first)s.")
                % {"row": number, "first": seen[key]}
            )
            continue
        seen[key] = number
        if _cell(row, export.FINGERPRINT).strip() != string.english_fingerprint:
            plan.warnings.append(
                _(
                    "Row %(row)s (%(where)s): the English changed after the file was exported, "
                    "so this row is not imported. Export again to translate the new English."
                )
                % {"row": number, "where": string.where}
            )
            continue
        limit = _max_length(string)
        if limit is not None and len(welsh) > limit:
            plan.errors.append(
                _(
                    "Row %(row)s (%(where)s): the Welsh is %(length)s characters long; it can be "
                    "at most %(limit)s."
                )
                % {"row": number, "where": string.where, "length": len(welsh), "limit": limit}
            )
            continue
        if _cell(row, export.WELSH_NOW).strip() != string.welsh.strip():
            plan.conflict_rows.append(number)
            continue
        if welsh == string.welsh.strip() and string.state != State.ENGLISH_CHANGED:
            continue  # already this Welsh, and nothing to confirm
        plan.changes.append(
            Change(number, key, string.where, string.english_fingerprint, string.welsh, welsh)
        )
    return plan
