"""Reading an uploaded plan document, whatever its format, into a `SourceDocument`.

`read_document` is the one entry point for the upload page and `vawdasv import-plan`. It decides
the real type from the bytes (not the name), applies the size and zip-bomb limits before any
library opens the file, and hands over to the reader for that type. Whatever goes wrong, the
caller sees only `UnreadableDocument` with a message for the person importing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePath

from django.utils.translation import gettext as _

from vawdasv.imports.document import SourceDocument, Table, UnreadableDocument
from vawdasv.imports.readers.limits import ReadLimits, TableBudget, TextBudget, file_size
from vawdasv.imports.readers.sniff import Kind, describe, detect_kind

__all__ = ["ReadLimits", "UnreadableDocument", "read_document"]

logger = logging.getLogger(__name__)

Reader = Callable[[bytes, str, ReadLimits], SourceDocument]


def _read_docx(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    from vawdasv.imports.readers.docx import read_docx

    return read_docx(data, name, limits)


def _read_xlsx(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    from vawdasv.imports.readers.spreadsheet import read_xlsx

    return read_xlsx(data, name, limits)


def _read_csv(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    from vawdasv.imports.readers.spreadsheet import read_csv

    return read_csv(data, name, limits)


def _read_pdf(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    from vawdasv.imports.readers.pdf import read_pdf

    return read_pdf(data, name, limits)


def _read_text(data: bytes, name: str, limits: ReadLimits) -> SourceDocument:
    from vawdasv.imports.readers.text import read_text

    return read_text(data, name)


READERS: dict[Kind, Reader] = {
    Kind.DOCX: _read_docx,
    Kind.XLSX: _read_xlsx,
    Kind.CSV: _read_csv,
    Kind.PDF: _read_pdf,
    Kind.TEXT: _read_text,
}


def _check_budgets(document: SourceDocument, limits: ReadLimits) -> None:
    """The row, cell and paragraph limits, for readers that do not count as they go."""
    budget = TableBudget(limits, document.name)
    lines = TextBudget(limits, document.name)
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                budget.take(len(row.cells))
        else:
            lines.take()


def read_document(
    data: bytes, filename: str, *, limits: ReadLimits | None = None
) -> SourceDocument:
    """The document's headings, paragraphs and tables; UnreadableDocument if it has none."""
    limits = limits or ReadLimits.from_settings()
    name = PurePath(filename).name or _("the document")
    if not data.strip():
        raise UnreadableDocument(_("“%(name)s” is empty.") % {"name": name})
    if len(data) > limits.max_bytes:
        raise UnreadableDocument(
            _("“%(name)s” is %(size)s; the largest document that can be imported is %(limit)s.")
            % {"name": name, "size": file_size(len(data)), "limit": file_size(limits.max_bytes)}
        )
    kind = detect_kind(data, name, limits)
    try:
        document = READERS[kind](data, name, limits)
        _check_budgets(document, limits)
    except (UnreadableDocument, MemoryError):
        raise
    except Exception as exc:
        # A library failing on a malformed file must not become a server error; log it so a
        # reader bug is still seen, and tell the person what they can do.
        logger.warning("Reading %s as %s failed", name, kind, exc_info=True)
        raise UnreadableDocument(
            _(
                "“%(name)s” could not be read as %(kind)s; it may be damaged. Save a new copy "
                "and try again."
            )
            % {"name": name, "kind": describe(kind)}
        ) from exc
    if not document.blocks:
        raise UnreadableDocument(
            _("“%(name)s” has no text or tables in it that could be read.") % {"name": name}
        )
    return document
