"""The progress report as a tagged, accessible PDF, printed by WeasyPrint from the HTML.

PDF/UA-1 makes WeasyPrint tag the structure (headings, tables with their header cells, lists),
record the document language and title, and show the title rather than the file name. The
headings become the PDF's bookmarks.
"""

from __future__ import annotations

import logging

from vawdasv.progress.report.data import ProgressReport
from vawdasv.progress.report.html import render_standalone_html

# WeasyPrint logs each rendering step (some while it is imported) and each CSS rule it
# ignores; keep the log, and the command's output, for real problems such as a missing font.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)


def render_pdf(report: ProgressReport) -> bytes:
    from weasyprint import HTML  # after the log levels above are set

    document = HTML(string=render_standalone_html(report))
    return document.write_pdf(pdf_variant="pdf/ua-1")
