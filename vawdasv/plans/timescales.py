"""Reading the timescale of an action as plans write it.

The original text is always kept; this works out a due date and a kind where it can. Anything it
does not understand is marked for checking, never dropped. Financial years are Welsh public
sector years, 1 April to 31 March, so "2019/20" means by 31 March 2020.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy, pgettext_lazy

from vawdasv.plans.enums import TimescaleKind

MONTHS = {
    # English, with the usual abbreviations
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
    # Welsh
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6,
    "gorffennaf": 7, "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}  # fmt: skip

# The last month of each season, so "by autumn 2022" means by the end of November 2022.
SEASONS = {
    "spring": 5, "summer": 8, "autumn": 11, "winter": 2,
    "gwanwyn": 5, "haf": 8, "hydref": 11, "gaeaf": 2,
}  # fmt: skip

RECURRING_WORDS = (
    "annually", "annual", "yearly", "quarterly", "monthly", "weekly", "biannually",
    "every year", "each year", "yn flynyddol", "bob blwyddyn", "yn chwarterol", "yn fisol",
    "twice a year", "each term", "every term", "termly", "six monthly", "bi-annually",
    "bob tymor",
)  # fmt: skip
# "Every November", "each spring": a month or season that comes round again.
_EVERY = re.compile(r"\b(?:every|each|bob)\s+([a-z]+)\b")
ONGOING_WORDS = ("ongoing", "on-going", "on going", "continuous", "parhaus", "yn barhaus")
UNKNOWN_WORDS = ("tbc", "tbd", "to be confirmed", "to be agreed", "i'w gadarnhau", "igc")

_PREFIX = re.compile(
    r"^(?:by the end of|by end of|by|before|the end of|end of|erbyn diwedd|erbyn|diwedd)\s+",
    re.I,
)
_RANGE = re.compile(r"\s*(?:-|–|—|to|until|till|tan|i)\s*", re.IGNORECASE)
# A date inside longer text ("Annual report due 2024/25", "By spring 2026 and beyond"), most
# specific first: each is handed to `_parse_date` on its own.
_MONTH_WORDS = "|".join(sorted({*MONTHS, *SEASONS}, key=len, reverse=True))
_DATE_INSIDE = re.compile(
    r"\bq[1-4]\s*\d{4}\s*[/-]\s*\d{2,4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b"
    r"|\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + _MONTH_WORDS + r")"
    r"(?:\s+term)?[\s,-]*'?(?:\d{4}|\d{2})\b"
    r"|(?<![qQ]\d\s)(?<![qQ]\d)\b\d{4}\s*[/-]\s*(?:\d{4}|\d{2})\b"
    r"|\b(?:by|end of|erbyn|diwedd)\s+\d{4}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Timescale:
    text: str
    due_date: datetime.date | None
    kind: TimescaleKind
    needs_check: bool = False


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _year(raw: str) -> int | None:
    value = int(raw)
    if len(raw) == 2:
        value += 2000
    return value if 1990 <= value <= 2100 else None


def _financial_year_end(first: str, second: str) -> datetime.date | None:
    start = _year(first)
    if start is None:
        return None
    end = _year(second) if len(second) == 4 else _year(str(start)[:2] + second)
    if end != start + 1:
        return None
    return datetime.date(end, 3, 31)


def _parse_date(text: str) -> datetime.date | None:
    t = text.lower().strip().rstrip(".")
    while True:
        stripped = _PREFIX.sub("", t)
        if stripped == t:
            break
        t = stripped

    if m := re.fullmatch(r"q([1-4])\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})", t):
        fy_end = _financial_year_end(m.group(2), m.group(3))
        if fy_end is None:
            return None
        quarter = int(m.group(1))
        start_year = fy_end.year - 1
        return {
            1: month_end(start_year, 6),
            2: month_end(start_year, 9),
            3: month_end(start_year, 12),
            4: fy_end,
        }[quarter]
    if m := re.fullmatch(r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})", t):
        return _financial_year_end(m.group(1), m.group(2))
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", t):
        year = _year(m.group(3))
        try:
            return datetime.date(year, int(m.group(2)), int(m.group(1))) if year else None
        except ValueError:
            return None
    if m := re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)[\s,-]*'?(\d{2}|\d{4})", t):
        word, year = m.group(2), _year(m.group(3))
        if year is None:
            return None
        if word in MONTHS:
            if m.group(1):
                try:
                    return datetime.date(year, MONTHS[word], int(m.group(1)))
                except ValueError:
                    return None
            return month_end(year, MONTHS[word])
        if word in SEASONS and not m.group(1):
            month = SEASONS[word]
            return month_end(year + 1 if month == 2 else year, month)
        return None
    if m := re.fullmatch(r"(\d{4})", t):
        year = _year(m.group(1))
        return datetime.date(year, 12, 31) if year else None
    return None


def parse_timescale(raw: str | None) -> Timescale:
    text = " ".join((raw or "").split())
    lowered = text.lower()
    if not text or any(lowered == w or lowered.startswith(w + " ") for w in UNKNOWN_WORDS):
        return Timescale(text, None, TimescaleKind.UNKNOWN)
    due = _parse_date(text)
    if due is not None:
        return Timescale(text, due, TimescaleKind.DATE)
    # A date anywhere in the cell wins over the words around it, so "Annual report due
    # 2024/25" is due on 31 March 2025; only the first date is used, and the text is kept.
    dated = [
        (found, due)
        for found in _DATE_INSIDE.finditer(text)
        if (due := _parse_date(re.sub(r"\s+term\b", "", found.group(0), flags=re.I)))
    ]
    if dated:
        # "April 2025 – March 2026" runs to its end; otherwise the first date is the one meant.
        last = len(dated) - 1
        between = text[dated[0][0].end() : dated[last][0].start()] if last else ""
        ranged = bool(_RANGE.fullmatch(between))
        return Timescale(text, dated[last if ranged else 0][1], TimescaleKind.DATE)
    if any(word in lowered for word in RECURRING_WORDS) or _comes_round(lowered):
        return Timescale(text, None, TimescaleKind.RECURRING)
    if any(word in lowered for word in ONGOING_WORDS):
        return Timescale(text, None, TimescaleKind.ONGOING)
    return Timescale(text, None, TimescaleKind.UNKNOWN, needs_check=True)


def _comes_round(lowered: str) -> bool:
    return any(
        word.group(1) in MONTHS or word.group(1) in SEASONS for word in _EVERY.finditer(lowered)
    )


def financial_year_label(day: datetime.date) -> str:
    """The Welsh financial year a date falls in, as "2025/26"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{str(start + 1)[2:]}"


def financial_year_bounds(label: str) -> tuple[datetime.date, datetime.date] | None:
    m = re.fullmatch(r"(\d{4})/(\d{2})", label)
    if not m:
        return None
    start = int(m.group(1))
    if (start + 1) % 100 != int(m.group(2)):
        return None
    return datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)


# Welsh timescale words as the plan's English text records them.
_ENGLISH_KIND_WORDS = {
    "parhaus": "Ongoing", "yn barhaus": "Ongoing", "yn flynyddol": "Annually",
    "bob blwyddyn": "Annually", "i'w gadarnhau": "TBC", "igc": "TBC",
}  # fmt: skip
_WELSH_MONTHS = (
    "ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi",
    "hydref", "tachwedd", "rhagfyr",
)  # fmt: skip
_MONTH_YEAR = re.compile(r"([a-z]+)\s*,?\s*'?(\d{4}|\d{2})")


def plan_text(raw: str) -> str:
    """A timescale typed by a person (in either language) as the plan's text records it.

    The plan's timescale text is the English plan's, so "Medi 2028" or "erbyn Medi 2028"
    becomes "Sep 2028" and "Parhaus" becomes "Ongoing"; the due date and kind are the same
    either way. Anything else (an English month, a financial year, "Q3 2025/26") is kept as
    typed.
    """
    text = " ".join((raw or "").split())
    lowered = text.lower().rstrip(".")
    if lowered in _ENGLISH_KIND_WORDS:
        return _ENGLISH_KIND_WORDS[lowered]
    stripped = lowered
    while (shorter := _PREFIX.sub("", stripped)) != stripped:
        stripped = shorter
    if (m := _MONTH_YEAR.fullmatch(stripped)) and m.group(1) in _WELSH_MONTHS:
        year = _year(m.group(2))
        if year is not None:
            return f"{calendar.month_abbr[MONTHS[m.group(1)]]} {year}"
    return text


# Rendering a timescale in the reader's language. The month names are this project's own
# msgids (not Django's) so the Welsh catalogue spells them as the glossary does ("Gorffennaf").
MONTH_NAMES = (
    gettext_lazy("January"), gettext_lazy("February"), gettext_lazy("March"),
    gettext_lazy("April"), gettext_lazy("May"), gettext_lazy("June"), gettext_lazy("July"),
    gettext_lazy("August"), gettext_lazy("September"), gettext_lazy("October"),
    gettext_lazy("November"), gettext_lazy("December"),
)  # fmt: skip
# Timescale words a reader reads in their own language, by the whole phrase as written (either
# language). A timescale that says more ("every November", "quarterly reports") is kept as
# written: its words are content, not a kind.
_PHRASE_LABELS = {
    **dict.fromkeys(("ongoing", "on-going", "on going", "continuous", "parhaus", "yn barhaus"),
                    gettext_lazy("Ongoing")),
    **dict.fromkeys(("annually", "annual", "yearly", "every year", "each year", "yn flynyddol",
                     "bob blwyddyn"), gettext_lazy("Annually")),
    **dict.fromkeys(("quarterly", "yn chwarterol", "bob chwarter"), gettext_lazy("Quarterly")),
    **dict.fromkeys(("monthly", "yn fisol", "bob mis"), gettext_lazy("Monthly")),
    **dict.fromkeys(UNKNOWN_WORDS, gettext_lazy("TBC")),
}  # fmt: skip
# "Annually and Ongoing": each part is a phrase of its own.
_AND = re.compile(r"\s+(?:and|&|ac|a)\s+|\s*[,;/]\s*", re.IGNORECASE)
_TIMESCALE_AND = pgettext_lazy("joins two timescale words, as in 'Annually and Ongoing'", " and ")
_HAS_LETTERS = re.compile(r"[^\W\d_]")
_SPAN = re.compile(r"\s+(?:-|–|—|to|until|till|tan|i)\s+", re.IGNORECASE)


def _date_label(day: datetime.date) -> str:
    """A due date as the reader reads it: the month and year, with the day when it is not the
    month's last (a plan that named a day)."""
    label = month_year_label(day)
    return label if day == month_end(day.year, day.month) else f"{day.day} {label}"


def month_year_label(day: datetime.date) -> str:
    """ "March 2020" in the active language ("Mawrth 2020" in Welsh)."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def timescale_label(
    text: str, kind: str, due_date: datetime.date | None, language: str | None = None
) -> str:
    """A timescale as the reader reads it, worked out from its kind and date.

    The one place a timescale is rendered (pages, reports, exports, packs, the API), so a
    Welsh reader never sees "Sep 2028" and an English reader never sees "Medi 2028". A date is
    its month and year (with the day when the plan named one), except that a timescale written
    without words, such as "2019/20", reads the same in both languages and is kept as written,
    and so is a date inside longer words ("Annual report due 2024/25").
    Timescale words ("Ongoing", "Annually and Ongoing", "TBC") are said in the reader's words
    when the whole text is such words; anything else, and what could not be understood, shows
    its original text. `language` overrides the active one.
    """
    if language is not None:
        with translation.override(language):
            return timescale_label(text, kind, due_date)
    text = " ".join((text or "").split())
    lowered = text.lower()
    if kind == TimescaleKind.DATE and due_date is not None:
        # Written without words ("2019/20"), or a date inside longer words ("Annual report
        # due 2024/25", "April 2025 – March 2026"): the words say more than the date.
        if text and not _HAS_LETTERS.search(text):
            return text
        if text and _parse_date(text) is None:
            # "April 2025 – March 2026": each end in the reader's words.
            ends = [_parse_date(end) for end in _SPAN.split(text)]
            if len(ends) == 2 and all(ends):
                return " – ".join(_date_label(end) for end in ends if end)
            return text
        return _date_label(due_date)
    if kind == TimescaleKind.DATE:
        return text
    parts = [part for part in _AND.split(lowered.rstrip(".")) if part]
    if parts and all(part in _PHRASE_LABELS for part in parts):
        return str(_TIMESCALE_AND).join(str(_PHRASE_LABELS[part]) for part in parts)
    return text


def label_of(action: object, language: str | None = None) -> str:
    """`timescale_label` of anything with the action's timescale fields (one marked for checking
    was not understood, so it shows as written)."""
    if getattr(action, "timescale_needs_check", False):
        return " ".join((getattr(action, "timescale_text", "") or "").split())
    return timescale_label(
        getattr(action, "timescale_text", ""),
        getattr(action, "timescale_kind", TimescaleKind.UNKNOWN),
        getattr(action, "due_date", None),
        language,
    )


def label_of_text(text: str, language: str | None = None) -> str:
    """A timescale known only as text (a proposal, a past value): read it, then render it."""
    parsed = parse_timescale(text)
    return timescale_label(parsed.text, parsed.kind, parsed.due_date, language)
