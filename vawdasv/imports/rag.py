"""Reading a RAG status from a progress or status cell.

Plans write RAG status in many ways: "Green", "G", "Complete", "Not started", "Amber – some
delays", and in Welsh "Gwyrdd", "Wedi'i gwblhau", "Parhaus". When the document was converted from
Word or PDF the coloured circle often survives only as a stray glyph ("16", "•"); such a cell is
read as "unknown" so a person checks it, never guessed.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

RED, AMBER, GREEN, UNKNOWN = "red", "amber", "green", "unknown"

# Whole-cell words and phrases, compared after `_key` (lower case, plain apostrophes).
_WORDS: dict[str, str] = {
    "red": RED, "r": RED, "not started": RED, "not yet started": RED, "no progress": RED,
    "off track": RED, "stopped": RED, "coch": RED, "heb ddechrau": RED,
    "amber": AMBER, "a": AMBER, "ongoing": AMBER, "in progress": AMBER, "started": AMBER,
    "some progress": AMBER, "delayed": AMBER, "at risk": AMBER, "ambr": AMBER, "oren": AMBER,
    "parhaus": AMBER, "ar y gweill": AMBER, "ar waith": AMBER, "yn parhau": AMBER,
    "green": GREEN, "g": GREEN, "complete": GREEN, "completed": GREEN, "done": GREEN,
    "achieved": GREEN, "on track": GREEN, "good progress": GREEN, "gwyrdd": GREEN,
    "wedi'i gwblhau": GREEN, "wedi ei gwblhau": GREEN, "cwblhawyd": GREEN, "wedi gorffen": GREEN,
    "ar y trywydd": GREEN,
    # Status words progress trackers use in place of a colour.
    "behind schedule": AMBER, "partially complete": AMBER, "partially completed": AMBER,
    "partially achieved": AMBER, "slipped": AMBER, "overdue": RED, "not achieved": RED,
    "not yet begun": RED, "on target": GREEN, "fully achieved": GREEN,
}  # fmt: skip
_LEAD_WORD = re.compile(
    r"^(red|amber|green|coch|ambr|oren|gwyrdd|complete[d]?|ongoing|parhaus|not started|"
    r"wedi'i gwblhau|[rag])\b\s*[-–—:(/,.]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RagReading:
    """The status read from a cell; `note` keeps any words written after the status."""

    rag: str | None
    note: str | None = None

    @property
    def needs_checking(self) -> bool:
        return self.rag == UNKNOWN


def _key(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def read_rag(cell: str | None) -> RagReading:
    """The RAG status in a cell: None for an empty cell, "unknown" for anything unreadable."""
    text = " ".join((cell or "").split())
    if not text:
        return RagReading(rag=None)
    key = _key(text)
    if key in _WORDS:
        return RagReading(rag=_WORDS[key])
    if lead := _LEAD_WORD.match(text):
        status = _WORDS.get(_key(lead.group(1)))
        note = text[lead.end() :].strip(" )") or None
        if status:
            return RagReading(rag=status, note=note)
    # A progress column sometimes holds a sentence; keep it as a note for a person to rate.
    return RagReading(rag=UNKNOWN, note=text if len(key.split()) > 2 else None)


def colour_rag(rgb: str | None) -> str | None:
    """The RAG status a cell's fill colour ("RRGGBB") shows, or None for no clear colour.

    Plans shade a status cell red, amber (orange to yellow) or green with no word in it. Pale,
    grey or white fills, and other hues, say nothing and give None.
    """
    if not rgb or not re.fullmatch(r"[0-9A-Fa-f]{6}", rgb):
        return None
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < 0.35 or value < 0.3:
        return None
    degrees = hue * 360
    if degrees < 20 or degrees >= 340:
        return RED
    if degrees < 65:
        return AMBER
    if 75 <= degrees < 170:
        return GREEN
    return None
