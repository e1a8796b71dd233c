"""The annual governance review as a Word document, built from the health figures (health.py)
in the reader's language: each group's meetings against its frequency, quorum, terms of
reference reviews, and attendance by organisation over the year."""

from __future__ import annotations

import datetime
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vawdasv.governance.health import GroupHealth
from vawdasv.lib.bilingual import read
from vawdasv.lib.text import xml_safe


def _day(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else "–"


def review_docx(
    partnership: object, rows: list[GroupHealth], start: datetime.date, end: datetime.date,
    language: str,
) -> bytes:  # fmt: skip
    from docx import Document

    document = Document()
    title = _("Annual governance review, %(start)s to %(end)s") % {
        "start": _day(start), "end": _day(end),
    }  # fmt: skip
    document.core_properties.title = xml_safe(title)
    document.core_properties.language = "cy-GB" if language == "cy" else "en-GB"
    document.add_heading(xml_safe(title), level=0)
    document.add_paragraph(xml_safe(read(partnership, "name", language).text))
    document.add_heading(_("Meetings due and terms of reference"), level=1)
    headers = [_("Group"), _("Meets"), _("Meetings held (quorate)"), _("Last meeting"),
               _("Next meeting due"), _("Terms of reference review")]  # fmt: skip
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    overdue = _("Overdue")
    for row in rows:
        cells = table.add_row().cells
        values = [
            read(row.group, "name", language).text,
            str(row.group.get_frequency_display()),
            f"{row.meetings_held} ({row.quorate_meetings})",
            _day(row.last_meeting),
            f"{overdue}: {_day(row.next_due)}" if row.meeting_overdue else _day(row.next_due),
            f"{overdue}: {_day(row.group.review_date)}"
            if row.review_overdue
            else _day(row.group.review_date),
        ]
        for cell, value in zip(cells, values, strict=True):
            cell.text = xml_safe(value)
    document.add_heading(_("Attendance by organisation"), level=1)
    for row in rows:
        if not row.meetings_held:
            continue
        document.add_heading(xml_safe(read(row.group, "name", language).text), level=2)
        for organisation, count in row.attended_by_organisation.items():
            line = _("%(organisation)s: %(count)s of %(held)s meetings") % {
                "organisation": organisation, "count": count, "held": row.meetings_held,
            }  # fmt: skip
            document.add_paragraph(xml_safe(line), style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
