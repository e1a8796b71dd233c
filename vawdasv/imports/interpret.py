"""Turn a `SourceDocument` from any reader into a `ParsedPlan`.

Every format (.docx, .xlsx/.csv, .pdf, text) arrives as the same blocks, so the same rules
read all of them. This module walks the blocks in document order and hands each to the reader
it belongs to: table rows to `tables.TableReader`, objective headings and "We will"/"We have"
lists to `narrative.NarrativeReader`, the title and vision above the plan to itself, and
paragraphs inside a theme to the narrative kept beside the plan. Nothing raises on odd input;
whatever is not understood becomes a warning with its location.

`mapping` lets a person override how columns are read: header text → field name (one of
`columns.FIELDS`, "ignore" to skip a column), applied to every header row that has that text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from vawdasv.imports.cells import clean_cell, starts_lower
from vawdasv.imports.columns import THEME, match_header
from vawdasv.imports.document import SourceDocument, Table, TextLine
from vawdasv.imports.drafts import Place, PlanDraft, ThemeDraft
from vawdasv.imports.model import ParsedPlan
from vawdasv.imports.narrative import OBJECTIVE, NarrativeReader
from vawdasv.imports.tables import TableReader

NOISE = re.compile(
    r"(draft|official|official[\s-]*sensitive|confidential|not protectively marked"
    r"|page\s*\d+(\s*of\s*\d+)?|[\d\s]{1,20}|[^\w\s]{1,3}|\[image:[^\]]*\])",
    re.IGNORECASE,
)
_VISION = re.compile(r"(?:our\s+)?vision\s*(?:[:\-–]\s*(.*))?", re.IGNORECASE | re.DOTALL)
_LABEL = re.compile(r"[\w\s'’&-]{1,40}:")
_BRACKETS = re.compile(r"^(?:\[[^\]]*\]\s*)+")
_HEADING_MAX = 80
# A heading directly above a table header names the table's theme even when it is long or
# ends with a full stop; beyond this it is a paragraph.
_NAMED_HEADING_MAX = 250
_SKIPPED_SHOWN = 8
# Words a plan's own title has; a cover page's first line may be only the body's name.
_PLAN_WORD = re.compile(
    r"\b(plan|strategy|framework|report|cynllun|strategaeth|fframwaith|adroddiad)\b",
    re.IGNORECASE,
)
# Titles word processors record by default, which say nothing about the plan.
_GENERIC_TITLE = re.compile(
    r"\s*(microsoft word\s*-.*|document\s*\d*|untitled.*|title|slide \d+|book\d*|"
    r"dogfen\s*\d*|teitl)\s*",
    re.IGNORECASE,
)
# Cells of a statistics, funding or contacts table: figures, money, percentages, dates,
# telephone numbers, email and web addresses.
_DATA_CELL = re.compile(
    r"[£$€]?\s*[-+]?[\d,.]+\s*(%|k|m|bn|million)?|[\d\s()+-]{7,}|\S+@\S+\.\S+|"
    r"(https?://|www\.)\S+|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}",
    re.IGNORECASE,
)


def looks_like_data(rows: list[list[str]]) -> bool:
    """Whether a table's cells, beyond its first column, are mostly figures or contacts."""
    cells = [clean_cell(cell) for row in rows for cell in row[1:] if cell.strip()]
    figures = [cell for cell in cells if _DATA_CELL.fullmatch(cell.strip())]
    return len(cells) >= 2 and 2 * len(figures) >= len(cells)


# "Theme 2.", "Priority three:", "Workstream B –", "3." : a long line that is still a heading.
_NUMBERED_HEADING = re.compile(
    r"(?:(?:theme|priority|objective|outcome|section|workstream|strand|aim|chapter|thema|"
    r"blaenoriaeth|amcan)\s+(?:\d{1,2}|[a-z]|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"|\d{1,2})\s*[.:\-–—]\s",
    re.IGNORECASE,
)
_TITLE_MAX = 300
# The heading of the words before a progress report's tables, which the report keeps.
_INTRODUCTION = re.compile(r"(introduction|cyflwyniad)\s*:?", re.IGNORECASE)


@dataclass
class _Item:
    """One row or line, cleaned, with its place in the document."""

    cells: list[str]
    place: Place
    in_table: bool
    style: str = "body"
    split_by_spaces: bool = False  # a row of a table whose columns were guessed
    split_by_shapes: bool = False  # ... from what its cells hold, with no spaces to go by
    fills: dict[int, str] = field(default_factory=dict)  # shaded cells: column → "RRGGBB"
    table: str | None = None  # where the row's table starts
    first_row: bool = False
    headerless: bool = False  # the row's table has no plan header row anywhere
    data: bool = False  # ... and its cells are figures, money, dates or contacts: not a plan
    emphasis: tuple[str, ...] = ()  # a paragraph's words in bold or italics


def is_noise(text: str) -> bool:
    return bool(NOISE.fullmatch(text.strip()))


def could_be_heading(text: str) -> bool:
    return (
        len(text) <= _HEADING_MAX
        and not text.endswith((".", ",", ";", ":"))
        and not starts_lower(text)
        and ". " not in text
        and not text.lower().startswith("we will")
    )


def _items(document: SourceDocument) -> list[_Item]:
    items: list[_Item] = []
    for block in document.blocks:
        if isinstance(block, Table):
            headerless = all(match_header(row.cells) is None for row in block.rows)
            data = headerless and looks_like_data([row.cells for row in block.rows])
            for number, row in enumerate(block.rows):
                cells = [clean_cell(cell) for cell in row.cells]
                place = Place(location=row.location, position=len(items))
                items.append(
                    _Item(
                        cells,
                        place,
                        in_table=True,
                        split_by_spaces=block.split_by_spaces,
                        split_by_shapes=block.split_by_shapes,
                        fills=row.fills,
                        table=block.location,
                        first_row=number == 0,
                        headerless=headerless,
                        data=data,
                    )
                )
        elif isinstance(block, TextLine):
            text = _BRACKETS.sub("", clean_cell(block.text))
            place = Place(location=block.location, position=len(items))
            items.append(
                _Item(
                    cells=[text],
                    place=place,
                    in_table=False,
                    style=block.style,
                    emphasis=block.emphasis,
                )
            )
    return items


class _Interpreter:
    def __init__(self, document: SourceDocument, override: Mapping[str, str] | None) -> None:
        self.items = _items(document)
        self.plan = PlanDraft()
        self.tables = TableReader(self.plan, override)
        self.narrative = NarrativeReader(self.plan)
        self.seen_content = False
        self.vision_next = False
        self.title_position = -2
        self.skip_position = -1
        self.names_table = False  # the item being read sits directly above a header row
        self.narrative.prose = not any(
            item.in_table and match_header(item.cells, override) is not None for item in self.items
        )
        self.index = 0
        self.recorded_title = document.title
        self.title_lines: list[tuple[str, str]] = []  # lines above the plan: title candidates
        self.introducing = False  # reading the paragraphs under an "Introduction" heading

    def read(self) -> ParsedPlan:
        for index, item in enumerate(self.items):
            if index == self.skip_position:
                continue
            filled = [cell for cell in item.cells if cell]
            if not filled or (len(filled) == 1 and is_noise(filled[0])):
                continue
            self.index = index
            self.names_table = len(filled) == 1 and self.header_follows(index)
            if item.split_by_shapes and item.first_row:
                self.plan.warn(
                    item.place,
                    _(
                        "This table had nothing between its columns but single spaces: each row "
                        "was split by what its cells hold (a number, a date, a status, an "
                        "organisation's name). Check every row."
                    ),
                )
            if item.split_by_spaces and item.first_row:
                self.plan.warn(
                    item.place,
                    _(
                        "This table had no column separators (text pasted from a PDF): its "
                        "rows were split by the positions of the header's columns. Check that "
                        "each value is in the right column."
                    ),
                )
            if not item.in_table and not self.plan.themes and len(self.title_lines) < 40:
                self.title_lines.append((filled[0], item.style))
            if item.in_table:
                self.tables.fills = item.fills
                self.tables.table = item.table
                self.tables.headerless = item.headerless
                if item.data:
                    self.tables.skip_row()
                    continue
                self.tables.table_guess = (
                    _("columns split by spaces")
                    if item.split_by_spaces
                    else _("columns told apart by what the cells hold")
                    if item.split_by_shapes
                    else None
                )
                self.narrative.end_list()
                self.read_row(index, item, filled)
            else:
                self.read_line(item, filled[0])
            self.seen_content = True
        self.narrative.end_list()
        self.report_skipped_tables()
        self.plan.title = self.best_title()
        return self.plan.finish(expect_tables=True)

    def best_title(self) -> str | None:
        """The document's own title: what the file records, else the line above the plan
        that names a plan or strategy (a cover page often starts with the body's name)."""
        recorded = self.recorded_title
        if recorded and not _GENERIC_TITLE.fullmatch(recorded) and len(recorded) <= _TITLE_MAX:
            return recorded
        current = self.plan.title
        if current is None or _PLAN_WORD.search(current):
            return current  # None: the first line named the first table's theme
        candidates = [
            (text, style)
            for text, style in self.title_lines
            if _PLAN_WORD.search(text) and len(text) <= _TITLE_MAX and not text.endswith(".")
        ]
        headings = [text for text, style in candidates if style == "heading"]
        return (headings or [text for text, _style in candidates] or [current])[0]

    def report_skipped_tables(self) -> None:
        """One warning for every table that is not part of the plan, not one per row."""
        skipped = self.tables.skipped_tables
        if not skipped:
            return
        places = list(skipped)
        shown = ", ".join(places[:_SKIPPED_SHOWN]) + (", …" if len(places) > _SKIPPED_SHOWN else "")
        self.plan.warn_document(
            _(
                "Tables with no plan columns (contents, statistics, funding or contact lists) "
                "were skipped (rows skipped: %(rows)s; at %(places)s). If one of them is part "
                "of the plan, give it a header row such as Action, Timescale, Lead."
            )
            % {"rows": sum(skipped.values()), "places": shown}
        )

    def list_follows(self) -> bool:
        """Whether the next item with text is a bullet."""
        for item in self.items[self.index + 1 :]:
            if any(item.cells):
                return not item.in_table and item.style == "bullet"
        return False

    def header_follows(self, index: int) -> bool:
        """Whether the next item with text is a table header row."""
        for item in self.items[index + 1 :]:
            filled = [cell for cell in item.cells if cell]
            if not filled or (len(filled) == 1 and is_noise(filled[0])):
                continue
            return item.in_table and match_header(item.cells, self.tables.override) is not None
        return False

    def current_theme(self) -> ThemeDraft | None:
        return self.narrative.theme or self.tables.theme

    def read_row(self, index: int, item: _Item, filled: list[str]) -> None:
        tables = self.tables
        if (
            tables.theme is None
            and tables.heading is None
            and self.plan.title
            and self.title_position == item.place.position - 1
            and (columns := match_header(item.cells, tables.override)) is not None
            and THEME not in columns.values()  # the theme column names the themes
        ):
            # A heading on the first line, straight above the table, names the theme; it is
            # still the document's title when it names a plan ("Northvale Action Plan").
            tables.heading = (self.plan.title, item.place)
            if not _PLAN_WORD.search(self.plan.title):
                self.plan.title = None
        if tables.try_header(item.cells, item.place):
            return
        if tables.heads_rows(item.cells) or tables.holds_action(item.cells):
            tables.read_row(item.cells, item.place)
        elif len(filled) == 1 and item.cells[0]:
            self.read_single(filled[0], item, has_tabs=True)
        elif len(filled) == 1 and could_be_heading(filled[0]) and filled[0].isupper():
            tables.set_heading(filled[0], item.place)  # "\tFUTURE ACTIVITY\t\t"
        elif tables.columns is None:
            below = self.items[index + 1] if index + 1 < len(self.items) else None
            below_rows = [below.cells] if below is not None and below.in_table else []
            if tables.read_before_table(below_rows, filled, item.place):
                self.skip_position = index + 1
        else:
            tables.read_row(item.cells, item.place)

    def read_line(self, item: _Item, text: str) -> None:
        if self.names_table and OBJECTIVE.match(text) and len(text) <= _NAMED_HEADING_MAX:
            # "Priority 1: Early intervention" straight above a table names that table's
            # theme; the narrative reader would take it for a prose objective.
            self.narrative.end_list()
            self.tables.set_heading(text, item.place)
            return
        if self.narrative.read_line(text, item.style, item.place):
            return
        self.read_single(text, item, has_tabs=False)

    def read_single(self, text: str, item: _Item, *, has_tabs: bool) -> None:
        """One piece of text: title, vision, label, heading, a short row or a paragraph."""
        tables = self.tables
        if tables.columns is None and self.current_theme() is None:
            if self.vision_next:
                self.plan.vision, self.vision_next = text, False
                return
            if vision := _VISION.fullmatch(text):
                self.plan.vision = (vision.group(1) or "").strip() or None
                self.vision_next = self.plan.vision is None
                return
            # A spreadsheet's title sits in its first cell, so a one-cell row naming a plan
            # can be the title too.
            named = not has_tabs or bool(_PLAN_WORD.search(text))
            if not self.seen_content and named and len(text) <= _TITLE_MAX:
                self.plan.title = text.lstrip("# ").strip() or None
                self.title_position = item.place.position
                return
            if _LABEL.fullmatch(text):
                return
            if item.style == "heading" or has_tabs:
                # Still read as a heading below: a plan may name its first theme so.
                self.introducing = bool(_INTRODUCTION.fullmatch(text))
        names_table = (
            self.names_table
            and len(text) <= _NAMED_HEADING_MAX
            and (has_tabs or item.style == "heading" or bool(_NUMBERED_HEADING.match(text)))
        )
        if names_table or (could_be_heading(text) and (has_tabs or item.style != "bullet")):
            tables.set_heading(text, item.place)
            if not has_tabs:
                self.narrative.note_heading(text, item.place, list_follows=self.list_follows())
        elif tables.columns is not None and has_tabs:
            tables.read_row(item.cells, item.place)
        else:
            self.read_paragraph(text, item)

    def read_paragraph(self, text: str, item: _Item) -> None:
        theme = self.current_theme()
        if theme is None:
            if self.introducing:
                self.plan.introduce(text, bullet=item.style == "bullet")
            return  # other context before the plan starts
        self.narrative.keep_paragraph(
            text, theme, item.place, emphasis=item.emphasis, future=self.tables.future
        )
        if self.tables.columns is not None:
            self.tables.interrupted = True


def interpret(document: SourceDocument, mapping: Mapping[str, str] | None = None) -> ParsedPlan:
    """Read a plan from a document's blocks. Never raises on odd input; problems are warnings."""
    return _Interpreter(document, mapping).read()


# "2023-2028", "2023 – 2028", "2023 to 2028", "2023-28"
_YEARS = re.compile(r"(20\d\d)\s*(?:-|–|—|/|to)\s*(20\d\d|\d\d)(?!\d)")


def years_in(*texts: str | None) -> tuple[int, int] | None:
    """The strategy period named in a title or file name, such as "Plan 2023-2028"."""
    for text in texts:
        if text and (found := _YEARS.search(text)):
            start, end = int(found.group(1)), found.group(2)
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            if start <= end_year <= start + 20:
                return start, end_year
    return None


def plan_found(parsed: ParsedPlan) -> bool:
    counts = parsed.counts()
    return counts.themes > 0 and counts.commitments > 0
