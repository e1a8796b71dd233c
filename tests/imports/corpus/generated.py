"""Plans written by the team as data, built into .docx, .xlsx and .pdf files by the suite.

Each `Spec` is a list of blocks (headings, paragraphs, sheets, tables with optional cell
shading) and the actions a correct import finds. The same spec is written in every format it
lists, so a layout is checked the way each kind of file really carries it: Word headings and
cell shading, Excel section rows, sheet names and fills, PDF bold lines and ruled tables.
None of this text comes from a real plan.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Block = tuple[str, Any]  # ("title"|"heading"|"para"|"sheet", text) or ("table", TableSpec)

RED, AMBER, GREEN = "FF0000", "FFC000", "00B050"


@dataclass(frozen=True)
class TableSpec:
    rows: list[list[str]]
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → RGB


@dataclass(frozen=True)
class Spec:
    name: str
    title: str
    blocks: list[Block]
    actions: list[dict[str, Any]]
    formats: tuple[str, ...] = ("docx", "xlsx", "pdf")
    # A file only one builder can make (a layout only one format has), instead of `BUILDERS`.
    custom: Callable[[], bytes] | None = None


def action(
    text: str,
    theme: str,
    commitment: str | None = None,
    timescale: str | None = None,
    due: str | None = None,
    kind: str = "unknown",
    leads: tuple[str, ...] = (),
    rag: str | None = None,
) -> dict[str, Any]:
    return {
        "text": text,
        "theme": theme,
        "commitment": commitment or text,
        "timescale": timescale,
        "due_date": due,
        "timescale_kind": kind,
        "leads": list(leads),
        "rag": rag,
    }


# Two themes under long headings ending in a full stop, the same header repeated under each.
_K = (
    "Theme one. Keeping children and young people safe at home, at school and online "
    "in every part of the region."
)
_A = "Safe accommodation"
_HEADER_1 = ["Commitment", "Action", "Timescale", "Lead", "Progress"]
LONG_HEADINGS = Spec(
    name="long-headings-tables",
    title="Brynmawr and Tawe Regional VAWDASV Plan 2025-2029",
    blocks=[
        ("title", "Brynmawr and Tawe Regional VAWDASV Plan 2025-2029"),
        ("para", "The regional board agreed this plan after talking with survivors and partners."),
        ("heading", _K),
        (
            "table",
            TableSpec(
                [
                    _HEADER_1,
                    [
                        "We will help schools respond to disclosures",
                        "Write a model disclosure policy for schools",
                        "Summer term 2025",
                        "Tawe Education Service",
                        "Complete",
                    ],
                    [
                        "",
                        "Offer online safety workshops to parents",
                        "Each term",
                        "Brynmawr Youth Service",
                        "In progress",
                    ],
                ]
            ),
        ),
        ("heading", _A),
        (
            "table",
            TableSpec(
                [
                    _HEADER_1,
                    [
                        "We will end the use of unsuitable emergency housing",
                        "Commission specialist supported housing for young survivors",
                        "2026/27",
                        "Brynmawr Council / Tawe Housing Partnership",
                        "Not started",
                    ],
                    [
                        "",
                        "Set a target time for moving families out of hotels",
                        "By the end of 2025",
                        "Brynmawr Council",
                        "On track",
                    ],
                ]
            ),
        ),
    ],
    actions=[
        action(
            "Write a model disclosure policy for schools",
            _K.rstrip("."),
            "We will help schools respond to disclosures",
            "Summer term 2025",
            "2025-08-31",
            "date",
            ("Tawe Education Service",),
            "green",
        ),
        action(
            "Offer online safety workshops to parents",
            _K.rstrip("."),
            "We will help schools respond to disclosures",
            "Each term",
            None,
            "recurring",
            ("Brynmawr Youth Service",),
            "amber",
        ),
        action(
            "Commission specialist supported housing for young survivors",
            _A,
            "We will end the use of unsuitable emergency housing",
            "2026/27",
            "2027-03-31",
            "date",
            ("Brynmawr Council", "Tawe Housing Partnership"),
            "red",
        ),
        action(
            "Set a target time for moving families out of hotels",
            _A,
            "We will end the use of unsuitable emergency housing",
            "By the end of 2025",
            "2025-12-31",
            "date",
            ("Brynmawr Council",),
            "green",
        ),
    ],
)

# Status shown only by a cell's shading: no word in the RAG column.
_E = "Engagement with survivors"
_HEADER_2 = ["Ref", "Commitment", "Action", "Lead", "By when", "RAG"]
FILL_RAG = Spec(
    name="shaded-rag",
    title="Glanfor Partnership Progress Tracker 2025",
    blocks=[
        ("title", "Glanfor Partnership Progress Tracker 2025"),
        ("heading", _E),
        (
            "table",
            TableSpec(
                [
                    _HEADER_2,
                    [
                        "E1",
                        "We will listen to people with lived experience",
                        "Pay survivors for the time they give to panels",
                        "Glanfor Council",
                        "April 2025",
                        "",
                    ],
                    [
                        "",
                        "",
                        "Hold two listening events a year in each county",
                        "Glanfor Survivors Network",
                        "Twice a year",
                        "",
                    ],
                    [
                        "E2",
                        "We will report back on what changed",
                        "Publish a you said, we did summary",
                        "Glanfor Council",
                        "Nov 2025",
                        "",
                    ],
                ],
                fills={(1, 5): GREEN, (2, 5): AMBER, (3, 5): RED},
            ),
        ),
    ],
    actions=[
        action(
            "Pay survivors for the time they give to panels",
            _E,
            "We will listen to people with lived experience",
            "April 2025",
            "2025-04-30",
            "date",
            ("Glanfor Council",),
            "green",
        ),
        action(
            "Hold two listening events a year in each county",
            _E,
            "We will listen to people with lived experience",
            "Twice a year",
            None,
            "recurring",
            ("Glanfor Survivors Network",),
            "amber",
        ),
        action(
            "Publish a you said, we did summary",
            _E,
            "We will report back on what changed",
            "Nov 2025",
            "2025-11-30",
            "date",
            ("Glanfor Council",),
            "red",
        ),
    ],
    formats=("docx", "xlsx"),
)

# The first header cell names the theme; the column below holds objective numbers.
_P = "Tackling perpetrators"
THEME_OBJECTIVE = Spec(
    name="theme-objective-numbers",
    title="Mawddach Community Safety Plan",
    blocks=[
        ("title", "Mawddach Community Safety Plan"),
        (
            "table",
            TableSpec(
                [
                    [_P, "Objective", "Action", "Timescale", "Lead"],
                    [
                        "3.1",
                        "We will widen the use of protective orders",
                        "Brief every response officer on the new orders",
                        "October 2025",
                        "Mawddach Police",
                    ],
                    [
                        "3.1 (cont.)",
                        "",
                        "Track breaches monthly at the tasking meeting",
                        "Monthly",
                        "Mawddach Police",
                    ],
                    [
                        "3.2",
                        "We will offer help to those who want to change",
                        "Open a self referral route to the perpetrator programme",
                        "2025/26",
                        "Mawddach Probation / Change Works",
                    ],
                    ["3.2", "Ensure partners know how to refer", "", "", ""],
                ]
            ),
        ),
    ],
    actions=[
        action(
            "Brief every response officer on the new orders",
            _P,
            "We will widen the use of protective orders",
            "October 2025",
            "2025-10-31",
            "date",
            ("Mawddach Police",),
        ),
        action(
            "Track breaches monthly at the tasking meeting",
            _P,
            "We will widen the use of protective orders",
            "Monthly",
            None,
            "recurring",
            ("Mawddach Police",),
        ),
        action(
            "Open a self referral route to the perpetrator programme",
            _P,
            "We will offer help to those who want to change",
            "2025/26",
            "2026-03-31",
            "date",
            ("Mawddach Probation", "Change Works"),
        ),
        action(
            "Ensure partners know how to refer",
            _P,
            "We will offer help to those who want to change",
        ),
    ],
)

# One text column for objectives and actions, numbered, with "We will" in each item.
_H = "Health and wellbeing"
SINGLE_COLUMN = Spec(
    name="single-text-column",
    title="Cwm Ogwen Domestic Abuse Plan",
    blocks=[
        ("title", "Cwm Ogwen Domestic Abuse Plan"),
        ("heading", _H),
        (
            "table",
            TableSpec(
                [
                    ["Objective / Action", "Timescale", "Action Owner"],
                    ["4. We will make health settings safe places to disclose", "", ""],
                    [
                        "4.1 We will place an advocate in the emergency department",
                        "Jan 2026",
                        "Ogwen Health Board",
                    ],
                    [
                        "4.2 We will add abuse questions to maternity booking",
                        "2025-09-01",
                        "Ogwen Health Board / Ogwen Midwifery Service",
                    ],
                ]
            ),
        ),
    ],
    actions=[
        action(
            "Place an advocate in the emergency department",
            _H,
            "We will make health settings safe places to disclose",
            "Jan 2026",
            "2026-01-31",
            "date",
            ("Ogwen Health Board",),
        ),
        action(
            "Add abuse questions to maternity booking",
            _H,
            "We will make health settings safe places to disclose",
            "2025-09-01",
            "2025-09-01",
            "date",
            ("Ogwen Health Board", "Ogwen Midwifery Service"),
        ),
    ],
)

# A workbook with a sheet per theme and a section row inside a sheet.
_HEADER_3 = ["Key actions", "Deadline", "Lead agency", "RAG status"]
SHEETS = Spec(
    name="sheet-per-theme",
    title="Dyfnant Strategy Delivery Plan",
    blocks=[
        ("title", "Dyfnant Strategy Delivery Plan"),
        ("sheet", "Prevention"),
        (
            "table",
            TableSpec(
                [
                    _HEADER_3,
                    [
                        "Run a bystander programme with the university",
                        "Feb 2026",
                        "Dyfnant University",
                        "A",
                    ],
                    [
                        "Fund youth workers trained in healthy relationships",
                        "2026/27",
                        "Dyfnant Council",
                        "R",
                    ],
                ]
            ),
        ),
        ("sheet", "Protection"),
        (
            "table",
            TableSpec(
                [
                    _HEADER_3,
                    [
                        "Recruit a second independent sexual violence adviser",
                        "Aug 2025",
                        "Dyfnant Rape Crisis",
                        "G",
                    ],
                ]
            ),
        ),
    ],
    actions=[
        action(
            "Run a bystander programme with the university",
            "Prevention",
            None,
            "Feb 2026",
            "2026-02-28",
            "date",
            ("Dyfnant University",),
            "amber",
        ),
        action(
            "Fund youth workers trained in healthy relationships",
            "Prevention",
            None,
            "2026/27",
            "2027-03-31",
            "date",
            ("Dyfnant Council",),
            "red",
        ),
        action(
            "Recruit a second independent sexual violence adviser",
            "Protection",
            None,
            "Aug 2025",
            "2025-08-31",
            "date",
            ("Dyfnant Rape Crisis",),
            "green",
        ),
    ],
)


def _page_break_pdf() -> bytes:
    """A PDF whose row carries over a page break with no ruling line around its rest."""
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, PAGE_BREAK_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 8, "Survivor support", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(first_row_as_headings=False) as table:
        for values in _BREAK_PAGE_ONE:
            row = table.row()
            for text in values:
                row.cell(text)
    pdf.add_page()
    # The rest of the split row: plain text in the Action column, no cell borders.
    pdf.set_xy(pdf.l_margin + pdf.epw / 4 + 1, pdf.t_margin)
    pdf.cell(pdf.epw / 4 - 2, 6, "and weekends across the county")
    pdf.set_xy(pdf.l_margin, pdf.t_margin + 8)
    with pdf.table(first_row_as_headings=False) as table:
        row = table.row()
        for text in _BREAK_PAGE_TWO:
            row.cell(text)
    return bytes(pdf.output())


PAGE_BREAK_TITLE = "Cwmtawe Partnership Delivery Plan"
_S = "Survivor support"
_BREAK_PAGE_ONE = [
    ["Commitment", "Action", "Timescale", "Lead"],
    [
        "We will make support easier to reach",
        "Open a drop-in advice session each week",
        "Weekly",
        "Cwmtawe Women's Aid",
    ],
    ["", "Extend the helpline hours to evenings", "April 2026", "Cwmtawe Council"],
]
_BREAK_PAGE_TWO = [
    "We will make refuges accessible",
    "Adapt two refuge rooms for wheelchair users",
    "2026/27",
    "Cwmtawe Housing",
]
PAGE_BREAK = Spec(
    name="pdf-page-break",
    title=PAGE_BREAK_TITLE,
    blocks=[],
    actions=[
        action(
            "Open a drop-in advice session each week",
            _S,
            "We will make support easier to reach",
            "Weekly",
            None,
            "recurring",
            ("Cwmtawe Women's Aid",),
        ),
        action(
            "Extend the helpline hours to evenings and weekends across the county",
            _S,
            "We will make support easier to reach",
            "April 2026",
            "2026-04-30",
            "date",
            ("Cwmtawe Council",),
        ),
        action(
            "Adapt two refuge rooms for wheelchair users",
            _S,
            "We will make refuges accessible",
            "2026/27",
            "2027-03-31",
            "date",
            ("Cwmtawe Housing",),
        ),
    ],
    formats=("pdf",),
    custom=_page_break_pdf,
)


def _shapes_docx() -> bytes:
    """A Word plan whose status column holds coloured circles (VML and DrawingML) or a glyph."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading(SHAPES_TITLE, level=0)
    document.add_heading(_O, level=2)
    rows = [
        ["Commitment", "Action", "Lead", "Timescale", "Status"],
        [
            "We will reach older survivors",
            "Train home care staff to spot abuse",
            "Tawel Council",
            "Oct 2025",
            "",
        ],
        ["", "Add an older people's page to the website", "Tawel Council", "Dec 2025", ""],
        ["", "Run sessions in day centres", "Age Well Tawel", "Monthly", "\u25cf"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    vml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:oval style="width:9pt;height:9pt" fillcolor="#00B050" stroked="f"/></w:pict></w:r>'
    )
    drawing = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:drawing>'
        '<a:solidFill><a:srgbClr val="C00000"/></a:solidFill></w:drawing></w:r>'
    )
    table.cell(1, 4).paragraphs[0]._p.append(parse_xml(vml))
    table.cell(2, 4).paragraphs[0]._p.append(parse_xml(drawing))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SHAPES_TITLE = "Tawel Valley Older People and Abuse Plan"
_O = "Older survivors"
SHAPES = Spec(
    name="shape-rag",
    title=SHAPES_TITLE,
    blocks=[],
    actions=[
        action(
            "Train home care staff to spot abuse",
            _O,
            "We will reach older survivors",
            "Oct 2025",
            "2025-10-31",
            "date",
            ("Tawel Council",),
            "green",
        ),
        action(
            "Add an older people's page to the website",
            _O,
            "We will reach older survivors",
            "Dec 2025",
            "2025-12-31",
            "date",
            ("Tawel Council",),
            "red",
        ),
        action(
            "Run sessions in day centres",
            _O,
            "We will reach older survivors",
            "Monthly",
            None,
            "recurring",
            ("Age Well Tawel",),
            "unknown",
        ),
    ],
    formats=("docx",),
    custom=_shapes_docx,
)


def _title_cell_xlsx() -> bytes:
    """A workbook with its title in the first cell and a Theme column, on a default sheet."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([TITLE_CELL_TITLE])
    sheet.append([])
    for row in _TITLE_CELL_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TITLE_CELL_TITLE = "Brackla Domestic Abuse Delivery Plan 2025-26"
_TITLE_CELL_ROWS = [
    ["Theme", "Action", "Lead", "Deadline", "Status"],
    ["Prevention", "Run assemblies in primary schools", "Brackla Council", "Feb 2026", "On target"],
    ["", "Publish leaflets in five languages", "Brackla Council", "2025/26", "Behind schedule"],
    ["Support", "Recruit a second IDVA", "Brackla Women's Aid", "Spring 2026", "Overdue"],
]
TITLE_CELL = Spec(
    name="title-cell-theme-column",
    title=TITLE_CELL_TITLE,
    blocks=[],
    actions=[
        action(
            "Run assemblies in primary schools",
            "Prevention",
            None,
            "Feb 2026",
            "2026-02-28",
            "date",
            ("Brackla Council",),
            "green",
        ),
        action(
            "Publish leaflets in five languages",
            "Prevention",
            None,
            "2025/26",
            "2026-03-31",
            "date",
            ("Brackla Council",),
            "amber",
        ),
        action(
            "Recruit a second IDVA",
            "Support",
            None,
            "Spring 2026",
            "2026-05-31",
            "date",
            ("Brackla Women's Aid",),
            "red",
        ),
    ],
    formats=("xlsx",),
    custom=_title_cell_xlsx,
)


def _bold_docx() -> bytes:
    """A Word plan whose headings are bold paragraphs, not heading styles."""
    import docx

    document = docx.Document()
    document.add_paragraph().add_run(BOLD_TITLE).bold = True
    document.add_paragraph("This plan was agreed by the partnership board in January.")
    document.add_paragraph().add_run(_BOLD_THEME + ".").bold = True
    rows = [
        ["Action", "Lead", "Timescale", "RAG"],
        ["Add three dispersed refuge units", "Pencoed Housing", "2026/27", "Red"],
        ["Agree a reciprocal housing protocol", "Pencoed Council", "Sept 2026", "Amber"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


BOLD_TITLE = "Pencoed Safer Homes Plan 2026"
_BOLD_THEME = (
    "Priority two. Making sure that every family who has to leave home can find a safe place "
    "to stay nearby"
)
BOLD = Spec(
    name="bold-paragraph-headings",
    title=BOLD_TITLE,
    blocks=[],
    actions=[
        action(
            "Add three dispersed refuge units",
            _BOLD_THEME,
            None,
            "2026/27",
            "2027-03-31",
            "date",
            ("Pencoed Housing",),
            "red",
        ),
        action(
            "Agree a reciprocal housing protocol",
            _BOLD_THEME,
            None,
            "Sept 2026",
            "2026-09-30",
            "date",
            ("Pencoed Council",),
            "amber",
        ),
    ],
    formats=("docx",),
    custom=_bold_docx,
)

SPECS: tuple[Spec, ...] = (
    LONG_HEADINGS,
    FILL_RAG,
    THEME_OBJECTIVE,
    SINGLE_COLUMN,
    SHEETS,
    PAGE_BREAK,
    SHAPES,
    TITLE_CELL,
    BOLD,
)


# Builders ------------------------------------------------------------------------------------


def build_docx(spec: Spec) -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for kind, value in spec.blocks:
        if kind == "title":
            document.add_heading(value, level=0)
        elif kind in ("heading", "sheet"):
            document.add_heading(value, level=2)
        elif kind == "para":
            document.add_paragraph(value)
        else:
            rows = value.rows
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, values in enumerate(rows):
                for c, text in enumerate(values):
                    cell = table.cell(r, c)
                    cell.text = text
                    if (r, c) in value.fills:
                        shading = OxmlElement("w:shd")
                        shading.set(qn("w:val"), "clear")
                        shading.set(qn("w:fill"), value.fills[(r, c)])
                        cell._tc.get_or_add_tcPr().append(shading)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_xlsx(spec: Spec) -> bytes:
    """Tables on one sheet with section rows, or a sheet each after a "sheet" block."""
    import openpyxl
    from openpyxl.styles import PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Plan"
    used = False
    for kind, value in spec.blocks:
        if kind == "sheet":
            sheet = workbook.create_sheet(value) if used else sheet
            sheet.title = value
            used = False
        elif kind == "title":
            continue  # a workbook's title lives in its file properties
        elif kind in ("heading", "para"):
            if kind == "heading":
                sheet.append([value])  # a section row: text in the first cell only
                used = True
        else:
            for r, values in enumerate(value.rows):
                sheet.append(values)
                used = True
                for (row, column), colour in value.fills.items():
                    if row == r:
                        sheet.cell(sheet.max_row, column + 1).fill = PatternFill(
                            "solid", start_color=colour, end_color=colour
                        )
    workbook.properties.title = spec.title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_pdf(spec: Spec) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape")
    pdf.add_page()
    for kind, value in spec.blocks:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 9, value, new_x="LMARGIN", new_y="NEXT")
        elif kind in ("heading", "sheet"):
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
        elif kind == "para":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(first_row_as_headings=False) as table:
                for values in value.rows:
                    row = table.row()
                    for text in values:
                        row.cell(text)
            pdf.ln(4)
    return bytes(pdf.output())


BUILDERS = {"docx": build_docx, "xlsx": build_xlsx, "pdf": build_pdf}
