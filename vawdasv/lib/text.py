"""One normaliser for text people type, paste or import, and one guard for text we write out.

Text reaches the platform from browsers, from pasted Word content and from imported documents.
Word's manual line break arrives as a vertical tab (``\\x0b``) and its page break as a form feed
(``\\x0c``); other C0 control characters come with text copied out of PDFs and old systems. XML
(so Word and Excel files) cannot hold any of them, and a single one used to make every download
of a plan fail. So text is normalised on the way in (`normalise_text`: forms, importers, the API)
and every writer is tolerant on the way out (`xml_safe`), for rows stored before this existed or
written straight to the database.

Nothing here touches printable characters: Welsh letters (ŵ, ŷ, â…), typographic quotes and
dashes, emoji and every other script are kept. Text is put in Unicode normal form C, so a
circumflex typed as a combining accent becomes the single letter Welsh spell checkers expect.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Word's manual line break and page break mean "a new line" to the person who typed them.
_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# Every other C0 control except tab and line feed, DEL and the C1 controls (never typed on
# purpose), and the two code points Unicode reserves as non-characters at the end of the BMP.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
# What XML 1.0 cannot hold at all (surrogates cannot reach here from valid UTF-8, but a
# Python string can carry one).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def normalise_text(value: str) -> str:
    """Text as the platform stores it: \\n line endings, no control characters, NFC.

    CRLF and lone CR become \\n; vertical tab, form feed and the Unicode line and paragraph
    separators become \\n; other control characters are dropped; tabs are kept.
    """
    if not value:
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def normalise_value(value: Any) -> Any:
    """`normalise_text` for strings; anything else (numbers, dates, files, None) unchanged."""
    return normalise_text(value) if isinstance(value, str) else value


def xml_safe(value: str) -> str:
    """Text that an XML document (.docx, .xlsx) can hold: breaks kept as \\n, the rest dropped.

    For writers, so a control character that reached the database some other way cannot turn
    a download into a server error.
    """
    if not value:
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAKS.sub("\n", text)
    return _XML_ILLEGAL.sub("", text)
