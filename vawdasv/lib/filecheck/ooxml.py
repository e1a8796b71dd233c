"""Active content in Office Open XML documents (.docx, .xlsx, .pptx).

An office program runs or fetches things named inside the package when the document is opened.
Evidence, plans and papers never need any of them, so each is refused:

- macros (a vbaProject part, or a macro-enabled content type);
- embedded programs and objects: OLE objects, packages, ActiveX controls, executables;
- relationships to anything outside the document other than a hyperlink: an external OLE
  object (the "Follina" layout) or an attached template fetched from a server;
- DDE fields in Word, and DDE links in Excel, which ask the program to run a command.
"""

from __future__ import annotations

import fnmatch
import re

from django.utils.translation import gettext as _

from vawdasv.lib.filecheck import xmltext
from vawdasv.lib.filecheck.errors import Reason, RefusedFile

# Matched against lower-case member names.
MACRO_PATTERNS = ("*vbaproject.bin", "*vbadata.xml")
EMBEDDED_PATTERNS = (
    "*/embeddings/*.bin",
    "*/embeddings/*.docm",
    "*/embeddings/*.xlsm",
    "*/embeddings/*.pptm",
    "*/embeddings/*.exe",
    "*oleobject*",
    "*/activex/*",
)
# Whatever the folder, a member with one of these endings is a program or a script.
PROGRAM_EXTENSIONS = (
    ".exe", ".dll", ".scr", ".com", ".pif", ".bat", ".cmd", ".vbs", ".vbe", ".js", ".jse",
    ".wsf", ".wsh", ".ps1", ".hta", ".msi", ".jar", ".lnk", ".cpl", ".sys",
)  # fmt: skip
# Relationship types (their last part) that bring code or another program's object in.
EMBEDDING_RELATIONSHIPS = {"oleobject", "package", "activexcontrol", "activexcontrolbinary",
                           "vbaproject", "wordvbadata", "control"}  # fmt: skip
HYPERLINK_RELATIONSHIP = "hyperlink"
# The parts of a Word document that can hold fields.
_WORD_TEXT_PART = re.compile(
    r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments|glossary/document)\.xml"
)
_DDE = re.compile(r"\bDDE(AUTO)?\b", re.IGNORECASE)
# An Excel formula that starts another program: =cmd|' /c calc'!A1
_DDE_FORMULA = re.compile(r"[A-Za-z0-9_.\-]+\s*\|\s*'")


def is_small_part(name: str) -> bool:
    return name.endswith(".rels") or name == "[Content_Types].xml"


def needs_reading(name: str) -> bool:
    """The members whose contents the checks read."""
    return (
        is_small_part(name)
        or bool(_WORD_TEXT_PART.fullmatch(name))
        or name.startswith("xl/externalLinks/")
        or bool(re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name))
    )


def _macros(name: str) -> RefusedFile:
    return RefusedFile(
        _(
            "“%(name)s” contains macros, which can carry viruses. Save a copy without macros "
            "and upload that."
        )
        % {"name": name},
        Reason.MACROS,
    )


def embedded(name: str) -> RefusedFile:
    return RefusedFile(
        _(
            "“%(name)s” contains embedded objects or controls, which can carry viruses. Save "
            "a copy without them and upload that."
        )
        % {"name": name},
        Reason.EMBEDDED,
    )


def external(name: str, target: str) -> RefusedFile:
    return RefusedFile(
        _(
            "“%(name)s” links to content outside the document (%(target)s) that would be "
            "fetched when it is opened. Remove the link, or save a copy without it, and upload "
            "that."
        )
        % {"name": name, "target": target[:80]},
        Reason.EXTERNAL,
    )


def dde(name: str) -> RefusedFile:
    return RefusedFile(
        _(
            "“%(name)s” contains a DDE field or link, which can run commands when the document "
            "is opened. Remove it and upload the document again."
        )
        % {"name": name},
        Reason.DDE,
    )


def check_names(members: list[str], name: str) -> None:
    lowered = [member.lower() for member in members]
    if any(fnmatch.fnmatchcase(member, p) for member in lowered for p in MACRO_PATTERNS):
        raise _macros(name)
    for member in lowered:
        if member.endswith(PROGRAM_EXTENSIONS) or any(
            fnmatch.fnmatchcase(member, pattern) for pattern in EMBEDDED_PATTERNS
        ):
            raise embedded(name)


def check_parts(parts: dict[str, bytes], name: str) -> None:
    """Content types, every relationship, and the fields of the text parts."""
    content_types = xmltext.decode(parts.get("[Content_Types].xml", b"")).lower()
    if "macroenabled" in content_types or "vbaproject" in content_types:
        raise _macros(name)
    for part, data in parts.items():
        if part.endswith(".rels"):
            _check_relationships(part, xmltext.decode(data), name)
    for part, data in parts.items():
        text = xmltext.decode(data)
        if _WORD_TEXT_PART.fullmatch(part):
            _check_fields(text, name)
        elif part.startswith("xl/") and _excel_dde(part, text):
            raise dde(name)


def _excel_dde(part: str, text: str) -> bool:
    """A DDE link to another program, or a formula that starts one (=cmd|' /c calc'!A1)."""
    if part.startswith("xl/externalLinks/"):
        return "ddelink" in text.lower()
    formulas = xmltext.element_texts(text, "f")
    return part.startswith("xl/worksheets/") and any(_DDE_FORMULA.search(f) for f in formulas)


def _check_relationships(part: str, text: str, name: str) -> None:
    for relationship in xmltext.elements(text, "Relationship"):
        kind = relationship.get("Type", "").rstrip("/").rsplit("/", 1)[-1].lower()
        target = relationship.get("Target", "")
        mode = relationship.get("TargetMode", "").strip().lower()
        if mode == "external" and kind != HYPERLINK_RELATIONSHIP:
            raise external(name, target)
        if kind in EMBEDDING_RELATIONSHIPS and not _chart_data(part, kind, target):
            raise embedded(name)


def _chart_data(part: str, kind: str, target: str) -> bool:
    """A chart's own data: Word and PowerPoint keep it as an embedded, macro-free workbook.

    Every document with a native chart has one, so it is allowed, but only from a chart's
    relationships and only as an .xlsx (a macro-enabled .xlsm is refused by name).
    """
    return kind == "package" and "/charts/_rels/" in part and target.lower().endswith(".xlsx")


def _check_fields(text: str, name: str) -> None:
    # A field's code may be split over several runs ("DD" + "E"), so join them before looking.
    codes = "".join(xmltext.element_texts(text, "instrText"))
    simple = " ".join(field.get("instr", "") for field in xmltext.elements(text, "fldSimple"))
    if _DDE.search(codes) or _DDE.search(simple):
        raise dde(name)
