"""Bytes to text for .txt, .md and .csv files, as partnerships' computers save them.

Plans arrive as UTF-8 (with or without the byte-order mark Excel and Notepad add), UTF-16 from
"Unicode text" exports, or Windows-1252 from older Office. Anything that decodes but is full of
control characters is a binary file with the wrong name, and is refused rather than shown as
nonsense.
"""

from __future__ import annotations

import codecs

from django.utils.translation import gettext as _

from vawdasv.imports.document import UnreadableDocument

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for char in text if ord(char) < 32 and char not in _ALLOWED_CONTROLS)
    return controls > max(2, len(text) // 100)


def decode_text(data: bytes, name: str) -> str:
    """The file's text, or UnreadableDocument when it is not a text file."""
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = None
            break
    else:
        for encoding in ("utf-8", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None or looks_binary(text):
        raise UnreadableDocument(
            _(
                "“%(name)s” is not a Word, Excel, PDF, CSV or text document. Save the plan "
                "as .docx, .xlsx, .pdf, .csv or .txt and import that."
            )
            % {"name": name}
        )
    return text
