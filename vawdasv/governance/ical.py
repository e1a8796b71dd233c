"""iCalendar (RFC 5545) text for meetings, written by hand: the format is small, and every
text value is escaped (backslash, semicolon, comma, line breaks) and long lines folded, so a
meeting's place or a group's name can never add a property or an event of its own."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from vawdasv.governance.models import Meeting
from vawdasv.lib.bilingual import read

DEFAULT_LENGTH = datetime.timedelta(hours=2)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11); control characters other than line breaks are dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(c for c in value if c == "\n" or (ord(c) >= 32 and ord(c) != 127))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (3.1), never
    splitting a UTF-8 character."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not out else 74
        if len(current) + len(encoded) > limit:
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(meeting: Meeting, stamp: datetime.datetime, host: str) -> list[str]:
    ends = meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
    summary = read(meeting.group, "name").text
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(ends)}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if meeting.place:
        lines.append(f"LOCATION:{escape_text(meeting.place)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[Meeting], *, name: str, host: str) -> str:
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//vawdasv//governance//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for meeting in meetings:
        lines.extend(_event(meeting, stamp, host))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
