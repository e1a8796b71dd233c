"""A warning, before a report is kept, of text that may be personal data.

The repository holds published, anonymised reports only. A report that slipped through with a
real name, a date of birth, an address, an NHS or National Insurance number or a telephone
number must be caught before it is stored, so the uploader sees each place and confirms or takes
the file back. The scan errs towards warning: a false alarm costs a glance, a miss costs a
family's privacy. Names of the partnership's organisations (and their aliases) are not names
of people, so the caller passes them in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "name": _("Possible full name"),
    "date_of_birth": _("Possible date of birth"),
    "address": _("Possible address"),
    "postcode": _("Possible postcode"),
    "nhs_number": _("Possible NHS number"),
    "ni_number": _("Possible National Insurance number"),
    "phone": _("Possible telephone number"),
}
MAX_FINDINGS = 200
_CONTEXT = 40

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "date_of_birth",
        re.compile(
            rf"\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?)\W{{0,3}}\s*(?:was\s+)?{_DATE}",
            re.IGNORECASE,
        ),
    ),
    (
        "postcode",
        re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b"),
    ),
    (
        "address",
        re.compile(
            r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z']+\s+){1,3}"
            r"(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Way|Terrace|Place|Court|Gardens|"
            r"Grove|Rise|Hill|Row|Square|View|Walk)\b"
            r"|\b\d{1,4}[A-Za-z]?,?\s+(?:Heol|Stryd|Ffordd|Lon|Lôn|Rhodfa|Cilgant)(?:\s+(?:[A-Z][a-z']*|y|yr)){1,3}"
        ),
    ),
    ("nhs_number", re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")),
    (
        "ni_number",
        re.compile(
            r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
        ),
    ),
    (
        "phone",
        re.compile(r"(?<![\d-])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b"),
    ),
)
# Two or three capitalised words (a first name and a surname), optionally after a title.
_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    r"(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}\b"
)
# Capitalised words that are not names: sentence starts, months, days, titles of documents
# and the words of the field. Lower case.
_NOT_NAME_WORDS = frozenset(
    """the a an this that these those there their they he she his her it its in on at of for to
    from by with and or but when while after before during since following however although
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday review reviews panel report
    domestic homicide abuse violence safeguarding adult adults child children practice board
    council police health service services team unit court county borough city university
    hospital nhs trust welsh wales government england united kingdom office home act multi
    agency agencies partnership regional national local mental single unified recommendation
    recommendations learning executive summary chapter section page appendix figure table
    chair author independent victim perpetrator family friends north south east west mid
    vale cardiff swansea newport gwent dyfed powys glamorgan cwm taf morgannwg aneurin bevan
    betsi cadwaladr hywel dda bae valleys marac idva idvas dash gp gps probation prison
    housing association""".split()  # noqa: SIM905
)
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    page: int | None
    context: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _valid_nhs_number(candidate: str) -> bool:
    digits = [int(c) for c in candidate if c.isdigit()]
    if len(digits) != 10:
        return False
    remainder = sum(d * w for d, w in zip(digits, _NHS_WEIGHTS, strict=False)) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def _known(names: Iterable[str]) -> set[str]:
    return {" ".join(n.lower().split()) for n in names if n.strip()}


def _is_name(candidate: str, known: set[str]) -> bool:
    words = [w.lower().rstrip(".") for w in candidate.split()]
    if words[0] in {"mr", "mrs", "ms", "miss", "dr"}:
        return len(words) > 1 and words[1] not in _NOT_NAME_WORDS
    if any(w in _NOT_NAME_WORDS for w in words):
        return False
    phrase = " ".join(words)
    return not any(phrase in name for name in known)


def scan_text(
    text: str, *, page: int | None = None, known_names: Iterable[str] = ()
) -> list[Finding]:
    """The places in one piece of text that may be personal data."""
    known = _known(known_names)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if any(start < e and s < end for s, e in taken):
            return  # one place, one warning (a date of birth is not also a phone number)
        taken.append((start, end))
        findings.append(Finding(kind, text[start:end], page, _context(text, start, end)))

    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if kind == "nhs_number" and not _valid_nhs_number(match.group()):
                continue
            add(kind, match.start(), match.end())
    for match in _NAME.finditer(text):
        if _is_name(match.group(), known):
            add("name", match.start(), match.end())
    return sorted(findings, key=lambda f: text.find(f.text))


def scan_pages(
    pages: Sequence[tuple[int | None, str]], *, known_names: Iterable[str] = ()
) -> list[Finding]:
    """Findings over a document's pages, in order, at most MAX_FINDINGS."""
    known = list(known_names)
    findings: list[Finding] = []
    for number, text in pages:
        findings.extend(scan_text(text, page=number, known_names=known))
        if len(findings) >= MAX_FINDINGS:
            return findings[:MAX_FINDINGS]
    return findings
