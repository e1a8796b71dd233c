"""Tagged PDFs (PDF/UA-1) typeset by Typst from data, for every document the platform prints
(the progress report, meeting packs, …; ADR 0016).

A document is a Typst template that reads its content as JSON from `sys.inputs.data`: partners'
words are placed as strings, never evaluated as markup. Fonts come from settings.REPORT_FONT_DIRS
only, so every machine prints the same PDF; text loses control characters, which no font shows.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import typst
from django.conf import settings

from vawdasv.lib.text import xml_safe

FONT = "DejaVu Sans"  # in fonts-dejavu-core, which scripts/system-packages.sh installs


@cache
def fonts() -> typst.Fonts:
    """Only the project's fonts: the machine's others would make the output differ by host."""
    directories = [str(path) for path in settings.REPORT_FONT_DIRS if Path(path).is_dir()]
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=directories
    )


def printable(value: Any) -> Any:
    """Every text in the data without control characters (a pasted vertical tab would make
    Typst refuse the whole PDF/UA document)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {key: printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [printable(item) for item in value]
    return value


def tagged_pdf(template: Path, data: dict[str, Any]) -> bytes:
    """The template typeset with `data` as a tagged PDF/UA-1 document."""
    return bytes(
        typst.compile(
            template,
            root=template.parent,
            font_paths=fonts(),
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(printable(data), ensure_ascii=False)},
            pdf_standards=["ua-1"],
        )
    )


DOCUMENT_TEMPLATE = Path(__file__).with_name("document.typ")


def document_pdf(*, title: str, language: str, blocks: list[dict[str, Any]]) -> bytes:
    """A plain document (headings, paragraphs, quotes, tables; see document.typ) as a tagged
    PDF. Blocks: {"kind": "heading", "level", "text"}, {"kind": "para", "text", "strong"?},
    {"kind": "quote", "text"}, {"kind": "table", "header": [...], "rows": [[...], ...]}."""
    return tagged_pdf(
        DOCUMENT_TEMPLATE, {"title": title, "lang": language, "font": FONT, "blocks": blocks}
    )


def png(template: Path, inputs: dict[str, str], ppi: int = 150) -> bytes:
    """The template's first page as a PNG (a chart for a Word document), with the same fonts."""
    return bytes(
        typst.compile(
            template,
            root=template.parent,
            font_paths=fonts(),
            ignore_system_fonts=True,
            sys_inputs={key: xml_safe(value) for key, value in inputs.items()},
            format="png",
            ppi=ppi,
        )
    )
