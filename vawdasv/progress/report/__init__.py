"""The progress report the board reads, for a strategy and a reporting period.

`data.gather` collects what the report says once; `html`, `docx` and `pdf` render it. The page,
the downloads and `vawdasv progress-report` all go through `render` below.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from vawdasv.progress.report.data import ProgressReport


@dataclass(frozen=True)
class ReportFormat:
    name: str
    content_type: str
    extension: str


FORMATS = {
    "html": ReportFormat("html", "text/html; charset=utf-8", "html"),
    "docx": ReportFormat(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "pdf": ReportFormat("pdf", "application/pdf", "pdf"),
}


def render(report: ProgressReport, format_name: str) -> bytes:
    """The report as a complete file in the named format ("html", "docx" or "pdf")."""
    # Imported here so the page does not load Typst or python-docx until asked for them.
    if format_name == "docx":
        from vawdasv.progress.report.docx import render_docx

        return render_docx(report)
    if format_name == "pdf":
        from vawdasv.progress.report.pdf import render_pdf

        return render_pdf(report)
    if format_name == "html":
        from vawdasv.progress.report.html import render_standalone_html

        return render_standalone_html(report).encode("utf-8")
    raise ValueError(f"Unknown report format {format_name!r}")


def file_name(report: ProgressReport, format_name: str) -> str:
    """For example "cv-2018-progress-report-2018-19-cy.docx"."""
    period = slugify(report.period.label.replace("/", "-"))
    extension = FORMATS[format_name].extension
    return f"{report.strategy_slug}-progress-report-{period}-{report.language}.{extension}"
