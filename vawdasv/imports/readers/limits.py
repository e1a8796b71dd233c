"""How much of a document the importer will read before refusing it.

A plan has a few hundred table rows; a file far beyond that is a mistake (the wrong
spreadsheet) or an attack (a zip bomb), and reading it would tie up the server. The limits are
generous for real plans and are checked before anything large is unpacked or parsed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from vawdasv.imports.document import UnreadableDocument
from vawdasv.lib.filecheck import MEGABYTE, PackageLimits

__all__ = ["MEGABYTE", "ReadLimits", "TableBudget", "TextBudget", "file_size"]


@dataclass(frozen=True)
class ReadLimits:
    # The file as uploaded (IMPORT_MAX_BYTES).
    max_bytes: int = 20 * MEGABYTE
    # A .docx/.xlsx is a zip: the members together, and any one, once really unpacked
    # (IMPORT_MAX_UNPACKED_BYTES, IMPORT_MAX_MEMBER_BYTES).
    max_unpacked_bytes: int = 256 * MEGABYTE
    max_member_bytes: int = 64 * MEGABYTE
    # Office XML packs about 10:1; a member packed far tighter than this is a zip bomb.
    max_ratio: int = 200
    max_members: int = 5_000
    # Table rows and cells in the whole document.
    max_rows: int = 20_000
    max_cells: int = 400_000
    # Paragraphs (Word) or lines (PDF, text) outside tables (IMPORT_MAX_PARAGRAPHS).
    max_paragraphs: int = 20_000
    max_pages: int = 1_000
    # What a PDF's compressed streams may inflate to, one and all together
    # (IMPORT_PDF_MAX_STREAM_BYTES, IMPORT_PDF_MAX_TOTAL_STREAM_BYTES).
    max_pdf_stream_bytes: int = 32 * MEGABYTE
    max_pdf_total_stream_bytes: int = 256 * MEGABYTE

    @classmethod
    def from_settings(cls) -> ReadLimits:
        values = {
            field: getattr(settings, setting)
            for field, setting in _SETTINGS.items()
            if getattr(settings, setting, None) is not None
        }
        return cls(**values)

    def package(self) -> PackageLimits:
        """The shared file checker's limits for a .docx or .xlsx."""
        return PackageLimits(
            max_unpacked_bytes=self.max_unpacked_bytes,
            max_member_bytes=self.max_member_bytes,
            max_members=self.max_members,
            max_ratio=self.max_ratio,
        )


_SETTINGS = {
    "max_bytes": "IMPORT_MAX_BYTES",
    "max_unpacked_bytes": "IMPORT_MAX_UNPACKED_BYTES",
    "max_member_bytes": "IMPORT_MAX_MEMBER_BYTES",
    "max_rows": "IMPORT_MAX_TABLE_ROWS",
    "max_paragraphs": "IMPORT_MAX_PARAGRAPHS",
    "max_pages": "IMPORT_MAX_PAGES",
    "max_pdf_stream_bytes": "IMPORT_PDF_MAX_STREAM_BYTES",
    "max_pdf_total_stream_bytes": "IMPORT_PDF_MAX_TOTAL_STREAM_BYTES",
}


def file_size(size: int) -> str:
    """A size as people read it: "300 MB", "12 KB", "900 bytes"."""
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


class TableBudget:
    """Counts table rows and cells as a reader goes, and stops it at the limit.

    Readers call `take` for every row *before* keeping it, so an enormous sheet is refused
    after reading one row too many rather than after filling memory.
    """

    def __init__(self, limits: ReadLimits, name: str) -> None:
        self.limits = limits
        self.name = name
        self.rows = 0
        self.cells = 0

    def take(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        if self.rows > self.limits.max_rows or self.cells > self.limits.max_cells:
            raise UnreadableDocument(
                _(
                    "“%(name)s” has enormous tables (more than %(rows)s rows or %(cells)s "
                    "cells), far more than a plan has. Check it is the right file, or split "
                    "it and import the plan part."
                )
                % {
                    "name": self.name,
                    "rows": f"{self.limits.max_rows:,}",
                    "cells": f"{self.limits.max_cells:,}",
                }
            )


class TextBudget:
    """Counts paragraphs or lines outside tables, and stops the reader at the limit."""

    def __init__(self, limits: ReadLimits, name: str) -> None:
        self.limits = limits
        self.name = name
        self.count = 0

    def take(self) -> None:
        self.count += 1
        if self.count > self.limits.max_paragraphs:
            raise UnreadableDocument(
                _(
                    "“%(name)s” is too large to import: it has more than %(limit)s paragraphs "
                    "or lines of text, far more than a plan has. Check it is the right file, or "
                    "split it and import the plan part."
                )
                % {"name": self.name, "limit": f"{self.limits.max_paragraphs:,}"}
            )
