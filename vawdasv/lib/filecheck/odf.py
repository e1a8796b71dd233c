"""Active content in OpenDocument files (.odt, .ods).

LibreOffice keeps Basic macros under Basic/ and other scripts under Scripts/ (also inside an
embedded sub-document, "Object 1/Basic/…"); an embedded OLE object is a binary member named
like "Object 1" at any level (a chart is a folder, "Object 1/content.xml", and its picture
"ObjectReplacements/Object 1": both allowed); and an element can fetch an object, a section
or an image from outside the document through its `xlink:href`. DDE connections ask the
program to run a command. Hyperlinks (`text:a`, `draw:a`) are the one kind of outside link kept.
"""

from __future__ import annotations

import re

from vawdasv.lib.filecheck import xmltext
from vawdasv.lib.filecheck.ooxml import PROGRAM_EXTENSIONS, dde, embedded, external
from vawdasv.lib.filecheck.ooxml import _macros as macros

_MACRO_FOLDERS = {"basic", "scripts"}
_OLE_OBJECT = re.compile(r"(.*/)?object\s*\d+", re.IGNORECASE)
_XML_PARTS = re.compile(r"(.*/)?(content|styles|settings|manifest)\.xml", re.IGNORECASE)
_LINK = re.compile(
    r"<(?P<element>[\w.-]+:[\w.-]+)\b[^<>]*?\bxlink:href\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')",
    re.DOTALL,
)
_HYPERLINK_ELEMENTS = {"text:a", "draw:a"}
_SCRIPT = re.compile(r"vnd\.sun\.star\.script:|macro:", re.IGNORECASE)
_DDE_ELEMENTS = re.compile(r"<(?:office:dde-source|text:dde-connection-decl|table:dde-link)\b")
_EMBEDDED_ELEMENTS = re.compile(r"<(?:draw:applet|draw:plugin|draw:object-ole)\b")
# A target inside the package: "./Object 1", "Pictures/x.png", "#bookmark".
_INTERNAL = re.compile(r"^(\./|#|[\w .-]+/)?[^:]*$")


def needs_reading(name: str) -> bool:
    return bool(_XML_PARTS.fullmatch(name))


def check_names(members: list[str], name: str) -> None:
    for member in members:
        parts = member.lower().split("/")
        if any(folder in _MACRO_FOLDERS for folder in parts[:-1]):
            raise macros(name)
        # "ObjectReplacements/Object 1" is only the picture shown for a chart or object.
        is_picture = parts[0] == "objectreplacements"
        if member.lower().endswith(PROGRAM_EXTENSIONS) or (
            _OLE_OBJECT.fullmatch(member) and not is_picture
        ):
            raise embedded(name)


def _external(target: str) -> bool:
    target = target.strip()
    return target.startswith(("/", "..", "\\")) or not _INTERNAL.match(target)


def check_parts(parts: dict[str, bytes], name: str) -> None:
    for data in parts.values():
        text = xmltext.decode(data)
        if _DDE_ELEMENTS.search(text):
            raise dde(name)
        if _EMBEDDED_ELEMENTS.search(text):
            raise embedded(name)
        for match in _LINK.finditer(text):
            target = xmltext.unescape(match.group("dq") or match.group("sq") or "")
            if _SCRIPT.match(target.strip()):
                raise macros(name)
            if match.group("element") not in _HYPERLINK_ELEMENTS and _external(target):
                raise external(name, target)
        if "script:event-listener" in text and _SCRIPT.search(text):
            raise macros(name)
