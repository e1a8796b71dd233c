"""Plan documents built from table data, so each test says exactly what its file holds.

Every builder writes the same small plan in the Cardiff and Vale layout (Commitment,
Milestones/Actions, Evidence of Achievement, Timescale, Lead) in a different format, with the
awkward parts real documents have: merged cells, blank "same as above" cells, a row carried
over a page break under a repeated header row.
"""

from __future__ import annotations

import csv
import datetime
import io

import docx
import openpyxl
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from PIL import Image

HEADER = ["Commitment", "Milestones/Actions", "Evidence of Achievement", "Timescale", "Lead"]

PREPARE_ROWS = [
    [
        "We will improve strategic planning and commissioning of services",
        "Map current VAWDASV services across the region",
        "Service map published",
        "Mar 2026",
        "Regional Team",
    ],
    [
        "",
        "Review commissioning arrangements with partners",
        "Review report to the Board",
        "Sept 2023",
        "Regional Team / Providers",
    ],
    [
        "We will strengthen the governance of the partnership",
        "Establish a governance structure with clear lines of accountability",
        "Structure agreed and minutes kept",
        "2024/25",
        "SWP/PCC / Regional Team",
    ],
    [
        "",  # merged with the cell above in Word and Excel: "same as above"
        "Report progress to the Executive Group",
        "Annual report",
        "Annually",
        "Executive Group",
    ],
]

PURSUE_ROWS = [
    [
        "We will disrupt perpetrators through better intelligence sharing",
        "Share intelligence between police and specialist services",
        "Information sharing protocol signed",
        "Q3 2024/25",
        "SWP",
    ],
]
# The rest of the row above, carried onto the next page under the repeated header row.
PURSUE_CONTINUED = ["", "and with neighbouring regions", "", "", ""]
PURSUE_AFTER_BREAK = [
    [
        "We will increase the use of legal powers",
        "Train officers in the use of protective orders",
        "Number of officers trained",
        "Ongoing",
        "SWP",
    ],
]

INTRODUCTION_BULLETS = [
    "Survivors helped to write this plan.",
    "Partners agreed it in March 2023.",
]


def _repeat_as_header(row: docx.table._Row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _add_table(document: docx.document.Document, rows: list[list[str]]) -> docx.table.Table:
    table = document.add_table(rows=0, cols=len(HEADER))
    table.style = "Table Grid"
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    return table


def plan_docx() -> bytes:
    """The plan as Word writes it: headings, a bullet list, three tables over two pages."""
    document = docx.Document()
    document.add_heading("Implementation Plan 2023-2028", level=0)
    document.add_heading("Introduction", level=1)
    document.add_paragraph("This plan sets out how the partnership will deliver its strategy.")
    for bullet in INTRODUCTION_BULLETS:
        document.add_paragraph(bullet, style="List Bullet")

    document.add_heading("PREPARE", level=1)
    prepare = _add_table(document, [HEADER, *PREPARE_ROWS])
    _repeat_as_header(prepare.rows[0])
    # A line break inside a cell, as Word keeps it.
    evidence = prepare.cell(1, 2).paragraphs[0]
    evidence.add_run().add_break()
    evidence.add_run("online")
    # The second commitment's cell covers both of its rows.
    above, below = prepare.cell(3, 0), prepare.cell(4, 0)
    below.text = ""
    above.merge(below)

    # A theme row across the whole table (one cell spanning five columns), then the header.
    pursue = _add_table(document, [["PURSUE", "", "", "", ""], HEADER, *PURSUE_ROWS])
    theme_row = pursue.rows[0].cells
    theme_row[0].merge(theme_row[-1])
    _repeat_as_header(pursue.rows[1])

    # The page breaks; the header is repeated and the split row carries on.
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    continued = _add_table(document, [HEADER, PURSUE_CONTINUED, *PURSUE_AFTER_BREAK])
    _repeat_as_header(continued.rows[0])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plan_xlsx() -> bytes:
    """The PREPARE table in a workbook with its columns in another order and merged cells."""
    order = [4, 3, 0, 2, 1]  # Lead, Timescale, Commitment, Evidence, Milestones/Actions
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Implementation plan"
    sheet.append(["PREPARE"])
    sheet.merge_cells("A1:E1")
    sheet.append([HEADER[i] for i in order])
    for values in PREPARE_ROWS:
        row: list[object] = [values[i] for i in order]
        if row[1] == "Mar 2026":
            row[1] = datetime.datetime(2026, 3, 1)  # typed as a date, shown as "Mar-26"
        sheet.append(row)
    sheet.merge_cells("C5:C6")  # the second commitment covers both of its rows
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plan_csv(delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(PREPARE_ROWS)
    return buffer.getvalue().encode(encoding)


def plan_pdf() -> bytes:
    """The PREPARE table as a PDF with a text layer: title and heading above a ruled table."""
    pdf = FPDF(orientation="landscape")
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=20)
    pdf.cell(text="Implementation Plan 2023-2028", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.cell(text="PREPARE", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=9)
    with pdf.table() as table:
        for values in [HEADER, *PREPARE_ROWS]:
            row = table.row()
            for value in values:
                row.cell(value)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A page that is only a picture, as a scanner makes it."""
    pdf = FPDF()
    pdf.add_page()
    picture = Image.new("RGB", (200, 100), "white")
    pdf.image(picture, x=10, y=10, w=100)
    return bytes(pdf.output())


def password_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="PREPARE")
    return bytes(pdf.output())


def big_csv(rows: int) -> bytes:
    lines = [",".join(HEADER)] + [
        f"We will act {n},Action {n},Evidence,Mar 2026,SWP" for n in range(rows)
    ]
    return "\n".join(lines).encode()
