"""Small, safe readings of XML parts: no parser, so no entities are expanded and nothing fetched.

Relationship and manifest files are flat lists of elements with attributes; a regular
expression reads them without the risks of a full XML parser (entity expansion, DTD fetching).
Attribute values are unescaped the way an XML parser would, so `&#69;xternal` is "External".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ELEMENT = re.compile(r"<(?:[\w.-]+:)?(?P<tag>[\w.-]+)(?P<attrs>(?:\s[^<>]*)?)/?>", re.DOTALL)
_ATTRIBUTE = re.compile(
    r"(?:[\w.-]+:)?(?P<name>[\w.-]+)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')"
)
_CHARACTER_REFERENCE = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")
_NAMED = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


def _character(match: re.Match[str]) -> str:
    code = match.group(1)
    try:
        number = int(code[1:], 16) if code[0] in "xX" else int(code)
        return chr(number)
    except (ValueError, OverflowError):
        return ""


def unescape(value: str) -> str:
    value = _CHARACTER_REFERENCE.sub(_character, value)
    for entity, character in _NAMED.items():
        value = value.replace(entity, character)
    return value.replace("&amp;", "&")


def decode(data: bytes) -> str:
    """XML parts are UTF-8 or UTF-16 (with a byte-order mark); anything else is read leniently."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def elements(text: str, tag: str) -> Iterator[dict[str, str]]:
    """The attributes (local names, unescaped) of every element with this local name."""
    for match in _ELEMENT.finditer(text):
        if match.group("tag").lower() != tag.lower():
            continue
        yield {
            found.group("name"): unescape(found.group("dq") or found.group("sq") or "")
            for found in _ATTRIBUTE.finditer(match.group("attrs") or "")
        }


def element_texts(text: str, tag: str) -> Iterator[str]:
    """The text inside every element with this local name (unescaped)."""
    pattern = re.compile(
        rf"<(?:[\w.-]+:)?{re.escape(tag)}\b[^<>]*?(?<!/)>(.*?)</(?:[\w.-]+:)?{re.escape(tag)}\s*>",
        re.DOTALL,
    )
    for match in pattern.finditer(text):
        yield unescape(match.group(1))
