"""English month names inside plan text ("Mar 2026", "by 31 March 2020"), in the reader's language.

Timescales are kept as the plan wrote them, and most plans were written in English, so a Welsh
page showed "Erbyn Dec 2023". Only a month name that is part of a date (followed by a year, or
after a day number) is put into the active language; the stored text is never changed, and any
other word ("May" in a sentence, "March" as a verb) is left alone.

The names are the ones the `date` filter uses: the same msgids as `django.utils.dates`, listed
here so that our catalogue holds them and wins over Django's, whose Welsh for July is misspelt
("Gorffenaf" for "Gorffennaf"). Abbreviations are Django's (`MONTHS_3`).
"""

from __future__ import annotations

import re

from django.utils.dates import MONTHS_3
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MONTH_NAMES = {
    1: _("January"), 2: _("February"), 3: _("March"), 4: _("April"), 5: _("May"), 6: _("June"),
    7: _("July"), 8: _("August"), 9: _("September"), 10: _("October"), 11: _("November"),
    12: _("December"),
}  # fmt: skip

_FULL = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_SHORT = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WORDS = "|".join(sorted({*_FULL, *_SHORT}, key=len, reverse=True))
# A month word followed by a year ("Mar 2026", "March, 2026", "Dec '23", "Sept-24"), or after
# a day number ("31 March", "1st Dec").
_IN_A_DATE = re.compile(
    rf"(?<![\w-])({_WORDS})\.?(?=[\s,'’-]*\d{{2}}(?:\d{{2}})?\b)"
    rf"|(?<=\d\s)({_WORDS})\b|(?<=\d(?:st|nd|rd|th)\s)({_WORDS})\b",
    re.IGNORECASE,
)


def _name(match: re.Match[str]) -> str:
    word = next(group for group in match.groups() if group).lower()
    if word in _FULL:
        return str(MONTH_NAMES[_FULL[word]])
    return str(MONTHS_3[_SHORT[word]]).title()


def months_in_language(text: str) -> str:
    """`text` with the English month names of its dates in the active language."""
    language = get_language() or "en"
    if not text or language.startswith("en"):
        return text
    return _IN_A_DATE.sub(_name, text)
