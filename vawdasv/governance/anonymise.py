"""A warning scan for details that could identify a survivor in "you said, we did" text.

It cannot prove text anonymous; it catches the common slips (a name after a title or "my name
is", a date of birth, a postcode, a street address, a phone number) so the person entering it
looks again and confirms. Findings name the kind and the words found, for the warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿŵŷ'’-]+"
PATTERNS: tuple[tuple[Promise, re.Pattern[str]], ...] = (
    (_("a name"), re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{_NAME_WORD}")),
    (_("a name"), re.compile(rf"\b(?i:my name is|I am called|I'm called|called)\s+{_NAME_WORD}")),
    (_("a date of birth"), re.compile(r"\b(?:born|DOB|date of birth|d\.o\.b\.?)\b", re.I)),
    (_("a date"), re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")),
    (_("a postcode"), re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)),
    (_("an address"), re.compile(
        r"\b\d+[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|"
        r"Drive|Way|Crescent|Terrace|Place|Court|Gardens|Heol|Stryd|Ffordd)\b"
    )),
    (_("a phone number"), re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b")),
    (_("an email address"), re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")),
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str


def scan(*texts: str) -> list[Finding]:
    findings: list[Finding] = []
    for text in texts:
        for kind, pattern in PATTERNS:
            for match in pattern.finditer(text or ""):
                finding = Finding(str(kind), match.group(0).strip())
                if finding not in findings:
                    findings.append(finding)
    return findings
