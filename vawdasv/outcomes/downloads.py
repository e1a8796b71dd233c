"""The headline-data dashboard as files: a spreadsheet and a one-page summary (Word or PDF),
in English or Welsh, made by a worker as a registered download (ops.exports, kind
`outcomes-dashboard`): the dashboard's button asks for it, the person who asked gets it.

The files say what the page says: figures worked out live from approved values, each state
that is not a number in words ("suppressed", "missing", "denominator missing"), with a key,
never as a number; each indicator's caveats (the demonstration's quarters say there that they
are demonstration values); the trend as a table (the accessible alternative to the chart, which
the Word edition also carries as an image with alternative text). Spreadsheets are written
only through lib/tabular; the PDF is typeset by Typst from data (lib/typeset).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import docx
import openpyxl
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.lib import tabular, typeset
from vawdasv.lib.bilingual import read
from vawdasv.lib.text import xml_safe
from vawdasv.ops.exports import Built, Export, register
from vawdasv.outcomes import dashboard, selectors
from vawdasv.outcomes.enums import DownloadFormat
from vawdasv.partnerships.models import Partnership

log = logging.getLogger(__name__)
KIND = "outcomes-dashboard"
CHART_TEMPLATE = Path(__file__).with_name("chart.typ")
CONTENT_TYPES: dict[str, str] = {
    DownloadFormat.XLSX: tabular.XLSX_CONTENT_TYPE,
    DownloadFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DownloadFormat.PDF: "application/pdf",
}


@dataclass
class Sheet:
    """What every edition prints, already in the chosen language."""

    title: str
    area: str
    headlines: list[dashboard.Headline]
    missing: list[str]
    key: list[tuple[str, str]]


def key() -> list[tuple[str, str]]:
    """How the files write figures that are not numbers (the page's words)."""
    return [
        (_("suppressed"), _("Suppressed: fewer than the threshold, or withheld so that a small "
                            "number cannot be worked out from the totals")),
        (_("missing"), _("Not available")),
        (_("not applicable"), _("Not applicable")),
        (_("denominator missing"), _("Denominator missing")),
    ]  # fmt: skip


def gather(partnership: Partnership, geo: str, theme: str) -> Sheet:
    """The dashboard for the partnership, area and theme, in the active language."""
    headlines = dashboard.headlines_for(partnership, geo, theme)
    authority = partnership.local_authorities.filter(gss_code=geo).first()
    area = str(read(authority or partnership, "name"))
    missing = [
        f"{read(item.supplier, 'name')} {item.period_label} ({item.get_state_display()})"
        for item in dashboard.missing_returns(partnership.pk)
    ]
    title = _("Headline data: %(area)s") % {"area": area}
    return Sheet(title=title, area=area, headlines=headlines, missing=missing, key=key())


def _caveats(headline: dashboard.Headline) -> str:
    return read(headline.indicator.numerator, "caveats").text


def _rating(headline: dashboard.Headline) -> str:
    return dashboard.rating_word(headline.rag)


def _cell(text: str) -> Any:
    """A figure as a number when it is one; a state stays its words, never a number."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return number if number.is_finite() else text


# Spreadsheet -----------------------------------------------------------------------------


def render_xlsx(sheet: Sheet) -> bytes:
    book = openpyxl.Workbook()
    table = book.active
    assert table is not None
    table.title = _("Headline data")[:31]
    tabular.append_row(table, [sheet.title])
    tabular.append_row(table, [
        _("Code"), _("Indicator"), _("Period"), _("Latest"), _("Change on the previous quarter"),
        _("Change on the same quarter last year"), _("Rolling 12 months"), _("Target"),
        _("Rating"), _("Caveats"),
    ])  # fmt: skip
    for h in sheet.headlines:
        tabular.append_row(table, [
            h.indicator.code, h.name, h.period, _cell(h.latest), h.previous_change,
            h.year_change, _cell(h.rolling), _cell(h.target), _rating(h), _caveats(h),
        ])  # fmt: skip
    trend = book.create_sheet(_("Trend")[:31])
    tabular.append_row(trend, [_("Code"), _("Indicator"), _("Period"), _("Value")])
    for h in sheet.headlines:
        for point in h.trend:
            tabular.append_row(trend, [h.indicator.code, h.name, point.period, _cell(point.text)])
    notes = book.create_sheet(_("Key")[:31])
    for word, meaning in sheet.key:
        tabular.append_row(notes, [word, meaning])
    for line in sheet.missing:
        tabular.append_row(notes, [_("Returns not yet approved:"), line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# One page ----------------------------------------------------------------------------------


def _figures(h: dashboard.Headline) -> list[list[str]]:
    rows = [
        [_("Latest (%(period)s)") % {"period": h.period}, h.latest],
        [_("Change on the previous quarter"), h.previous_change],
        [_("Change on the same quarter last year"), h.year_change],
        [_("Rolling 12 months"), h.rolling],
    ]
    rows += [[f"{_('Benchmark')}: {label}", f"{value} ({source})"]
             for label, value, source in h.benchmarks]  # fmt: skip
    if h.target:
        rows.append([_("Target"), f"{h.target} {_rating(h)}".strip()])
    return rows


def _intro() -> str:
    return _("Worked out from approved returns only.")


def chart_png(h: dashboard.Headline) -> bytes:
    """The trend as an image for the Word edition (its text alternative is the summary)."""
    points = ";".join(f"{p.x},{p.y}" for p in h.trend if p.x is not None)
    return typeset.png(
        CHART_TEMPLATE,
        {"points": points, "width": str(dashboard.CHART_WIDTH),
         "height": str(dashboard.CHART_HEIGHT)},
    )  # fmt: skip


def render_docx(sheet: Sheet) -> bytes:
    document = docx.Document()
    document.add_heading(xml_safe(sheet.title), level=0)
    document.add_paragraph(_intro())
    if sheet.missing:
        document.add_paragraph(
            f"{_('Returns not yet approved:')} {xml_safe('; '.join(sheet.missing))}"
        )
    for h in sheet.headlines:
        document.add_heading(xml_safe(h.name), level=1)
        document.add_paragraph(xml_safe(h.summary))
        if caveats := _caveats(h):
            document.add_paragraph(xml_safe(caveats), style="Intense Quote")
        _docx_table(document, [_("Figure"), _("Value")], _figures(h))
        if any(p.x is not None for p in h.trend):
            document.add_picture(io.BytesIO(chart_png(h)), width=docx.shared.Cm(8))
            picture = document.inline_shapes[-1]._inline.docPr
            picture.set("descr", xml_safe(h.summary))
            picture.set("title", xml_safe(h.name))
        _docx_table(document, [_("Period"), _("Value")], [[p.period, p.text] for p in h.trend])
    document.add_heading(_("Key"), level=1)
    _docx_table(document, [_("Written as"), _("Meaning")], [list(k) for k in sheet.key])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = xml_safe(str(text))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = xml_safe(str(text))


def render_pdf(sheet: Sheet, language: str) -> bytes:
    blocks: list[dict[str, Any]] = [
        {"kind": "heading", "level": 1, "text": sheet.title},
        {"kind": "para", "text": _intro()},
    ]
    if sheet.missing:
        blocks.append(
            {"kind": "para", "text": f"{_('Returns not yet approved:')} {'; '.join(sheet.missing)}"}
        )
    for h in sheet.headlines:
        blocks.append({"kind": "heading", "level": 2, "text": h.name})
        blocks.append({"kind": "para", "text": h.summary})
        if caveats := _caveats(h):
            blocks.append({"kind": "para", "strong": True, "text": caveats})
        blocks.append({"kind": "table", "header": [_("Figure"), _("Value")], "rows": _figures(h)})
        blocks.append(
            {"kind": "table", "header": [_("Period"), _("Value")],
             "rows": [[p.period, p.text] for p in h.trend]}
        )  # fmt: skip
    blocks.append({"kind": "heading", "level": 2, "text": _("Key")})
    blocks.append(
        {"kind": "table", "header": [_("Written as"), _("Meaning")],
         "rows": [list(k) for k in sheet.key]}
    )  # fmt: skip
    return typeset.document_pdf(title=sheet.title, language=language, blocks=blocks)


def build(params: Mapping[str, Any], user: Any) -> Built:
    """The file for a member of the partnership (checked again when it is made)."""
    format = str(params.get("format", ""))
    if format not in CONTENT_TYPES:
        raise Http404
    partnership = selectors.get_partnership_for_member(user, str(params.get("slug", "")))
    language = translation.get_language() or "en"
    sheet = gather(partnership, str(params.get("area", "")), str(params.get("theme", "")))
    if format == DownloadFormat.XLSX:
        data = render_xlsx(sheet)
    elif format == DownloadFormat.DOCX:
        data = render_docx(sheet)
    else:
        data = render_pdf(sheet, language)
    return Built(
        data=data,
        file_name=f"headline-data-{partnership.slug}-{language}.{format}",
        content_type=CONTENT_TYPES[format],
    )


def _back(params: Mapping[str, Any]) -> str:
    return reverse("outcomes:dashboard", kwargs={"slug": params.get("slug", "")})


def register_dashboard_downloads() -> None:
    register(Export(kind=KIND, build=build, back_url=_back, title=gettext_lazy("Headline data")))
