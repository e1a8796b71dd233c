"""Reading plan tables row by row, whatever format they came from.

The rules every table layout shares (see `columns` for how columns are recognised):

- The short line above a header row ("PREPARE") names the theme; the same heading and header
  repeated after a page break carry on the same theme. A theme column, where there is one,
  names the theme on each row, and a blank cell means "same as above".
- A row with an empty commitment cell is another action for the commitment above.
- A page break can split a row: the next row then has no timescale and its text starts in lower
  case mid-sentence, or has no action text at all. Its cells are joined to the row above.
- A "Future activity" heading inside a progress report keeps the table's columns and marks the
  actions below it as future activity.
- Rows after a narrative paragraph, with no heading or header to say what they are, are kept
  as narrative and reported, never read as actions by guesswork.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext as _

from vawdasv.imports.cells import join_fragments, starts_lower
from vawdasv.imports.columns import (
    ACTION,
    COLUMN_NAMES,
    COMMITMENT,
    EVIDENCE,
    LEAD,
    RAG,
    REF,
    SECTION,
    THEME,
    TIMESCALE,
    header_key,
    match_header,
)
from vawdasv.imports.drafts import (
    FUTURE,
    TABLE,
    ActionDraft,
    CommitmentDraft,
    Place,
    PlanDraft,
    ThemeDraft,
    excerpt,
)
from vawdasv.imports.rag import colour_rag
from vawdasv.partnerships.leads import normalise_name

# "1.2 We will …", "3. We will …", "4) We will …" but not "16 Days of Action …".
COMMITMENT_REF = re.compile(r"(\d{1,3}(?:\.\d{1,3})+[a-z]?|\d{1,3}[a-z]?(?=[.)]))[.)]?\s+(?=\S)")
OBJECTIVE_NUMBER = re.compile(
    r"(\d{1,3}(?:\.\d{1,3})*[a-z]?)\.?\s*(?:\(?\s*(?:cont(?:inued)?|parhad)\.?\s*\)?)?",
    re.IGNORECASE,
)
# The words an action starts with, so text in an objective column can be told to be one.
ACTION_VERB = re.compile(
    r"(deliver|ensure|develop|provide|review|run|hold|train|publish|agree|map|fund|set up|"
    r"establish|create|introduce|launch|recruit|commission|undertake|implement|produce|"
    r"monitor|promote|raise|share|work with|support|offer|extend|expand|pilot|embed|"
    r"improve|increase|reduce|carry out|continue|place|appoint|adopt|write|set|make|give|"
    r"open|bring|build|audit|add|pay|track|brief|consult|engage|co-ordinate|coordinate)\b",
    re.IGNORECASE,
)
FUTURE_ACTIVITY = re.compile(r"future\s+activit(y|ies)|gweithgarwch\s+i\s+ddod", re.IGNORECASE)
_AIM_NAME_MAX = 60
_HEADING_WORDS_MAX = 8
_COLOUR_NAMES = {"red": lambda: _("Red"), "amber": lambda: _("Amber"), "green": lambda: _("Green")}
_PAGE = re.compile(r"\s*page\s*\d+\s*", re.IGNORECASE)
_DETAILS = (EVIDENCE, TIMESCALE, LEAD, RAG)


class TableReader:
    """Keeps the table, theme, commitment and action being read."""

    def __init__(self, plan: PlanDraft, override: Mapping[str, str] | None = None) -> None:
        self.plan = plan
        self.override = override
        self.columns: dict[int, str] | None = None
        self.theme: ThemeDraft | None = None
        self.commitment: CommitmentDraft | None = None
        self.action: ActionDraft | None = None
        self.heading: tuple[str, Place] | None = None
        self.after_break = False
        self.interrupted = False
        self.future = False
        # A "Future activity" heading whose table has a header row of its own: the header
        # keeps the rows below it in future activity (set by set_heading, spent by a row).
        self.future_header = False
        self.heading_commitment = False  # a text-only row heads the rows below it
        self.fills: Mapping[int, str] = {}  # the shaded cells of the row being read
        self.table: str | None = None  # where the table of the row being read starts
        self.table_guess: str | None = None  # why every row of this table is uncertain
        # A table with no plan header row anywhere (contents, statistics, funding, contacts):
        # its rows are counted here for one summary warning, not reported one by one.
        self.headerless = False
        self.skipped_tables: dict[str, int] = {}
        self._headers_seen: set[tuple[str, ...]] = set()
        self._header_keys: dict[str, tuple[str, ...]] = {}

    @property
    def section_layout(self) -> bool:
        """Whether the commitment column is a progress report's short "Section" label."""
        keys = self._header_keys.get(COMMITMENT, ())
        return any(key in COLUMN_NAMES[SECTION] for key in keys)

    # Themes --------------------------------------------------------------------------------

    def open_theme(self, place: Place, name: str | None) -> None:
        if not name and not self.plan.themes and self.plan.title:
            name = self.plan.title  # a plan with one table and no heading: the document's own
        if not name:
            name = _("Section %(number)s") % {"number": len(self.plan.themes) + 1}
            self.plan.warn(
                place,
                _("The table has no heading above it; it was named “%(name)s”.") % {"name": name},
            )
        existing = self.plan.find_theme(name)
        if existing is self.theme and existing is not None:
            self.after_break = True
            return
        if existing is not None:
            self.plan.warn(
                place,
                _(
                    "“%(name)s” appears again; its rows were added to the earlier "
                    "section of that name."
                )
                % {"name": name},
            )
            self.theme = existing
        else:
            self.theme = self.plan.add_theme(place, name)
        self.commitment = self.theme.commitments[-1] if self.theme.commitments else None
        self.action = None
        self.after_break = False

    def set_heading(self, text: str, place: Place) -> None:
        """A short line that may name the next table's theme, or start its future activity."""
        if FUTURE_ACTIVITY.search(text) and len(text) <= 40:
            self.future = True
            self.future_header = True  # a Word report heads its future table with a header row
            self.interrupted = False
            self.commitment = None
            self.action = None
            self.heading = None
            return
        # "Theme 2. Making sure every survivor …." names the theme without its full stop.
        self.future_header = False
        self.heading = (text.rstrip(" .") or text, place)

    # Rows ----------------------------------------------------------------------------------

    def try_header(self, cells: list[str], place: Place) -> bool:
        columns = match_header(cells, self.override)
        if columns is None:
            return False
        heading = self.heading[0] if self.heading else None
        if THEME in columns.values() and 0 in columns and columns[0] == THEME:
            first = cells[0].strip()
            if header_key(first) not in ("theme", "themes", "thema", "chapter", "pennod"):
                heading = first
        self.plan_mapping(cells, columns, place)
        if self.theme is not None and (
            heading is None or normalise_name(heading) == normalise_name(self.theme.name)
        ):
            self.after_break = True  # the header repeated at the top of a new page
        elif heading is not None or THEME not in columns.values():
            self.open_theme(place, heading)
        # else: a theme column names each row's theme; the first row opens it
        self.columns = columns
        self._header_keys = {}
        for index, column in columns.items():
            key = header_key(cells[index]) if index < len(cells) else ""
            self._header_keys[column] = (*self._header_keys.get(column, ()), key)
        self.heading = None
        self.interrupted = False
        self.future, self.future_header = self.future_header, False
        self.heading_commitment = False
        return True

    def heads_rows(self, cells: list[str]) -> bool:
        """Whether a one-cell row is a numbered objective heading the rows below belong to.

        Only in tables whose single text column holds both objectives and actions
        (`Objective / Action | Timescales | Action Owner`).
        """
        if not self.columns or COMMITMENT in self.columns.values():
            return False
        filled = [i for i, cell in enumerate(cells) if cell]
        if len(filled) != 1 or self.columns.get(filled[0]) != ACTION:
            return False
        text = cells[filled[0]]
        return bool(COMMITMENT_REF.match(text) or re.match(r"objective\s+\d", text, re.I))

    def plan_mapping(self, cells: list[str], columns: dict[int, str], place: Place) -> None:
        key = tuple(cells)
        if key in self._headers_seen:
            return
        self._headers_seen.add(key)
        self.plan.mapping.append(
            {
                "location": place.location,
                "columns": [
                    {"header": cell, "field": columns.get(index)}
                    for index, cell in enumerate(cells)
                ],
            }
        )

    def read_before_table(
        self, rows_below: list[list[str]], filled: list[str], place: Place
    ) -> int:
        """Rows before any table: the aims table (names above texts), otherwise reported.

        Returns how many following rows were used (1 when the row below held the aims).
        """
        contents = any(_PAGE.fullmatch(cell) for cell in [*filled, *(rows_below or [[]])[0]])
        if rows_below and len(filled) >= 2 and not contents:
            texts = [cell for cell in rows_below[0] if cell]
            if (
                all(len(name) <= _AIM_NAME_MAX for name in filled)
                and len(texts) == len(filled)
                and match_header(rows_below[0], self.override) is None
            ):
                for name, aim in zip(filled, texts, strict=True):
                    self.plan.aims[normalise_name(name)] = (name, aim)
                return 1
        if self.headerless and self.table is not None:
            self.skip_row()
            return 0
        self.plan.warn(
            place,
            _("This row comes before any table header, so it was not read: “%(text)s”.")
            % {"text": excerpt(" | ".join(filled))},
        )
        return 0

    def skip_row(self) -> None:
        """Count a row of a table that is not part of the plan (see `headerless`)."""
        assert self.table is not None
        self.skipped_tables[self.table] = self.skipped_tables.get(self.table, 0) + 1

    def read_row(self, cells: list[str], place: Place) -> None:
        assert self.columns is not None
        self.future_header = False
        if self.interrupted and self.heading is None:
            self.keep_as_narrative(cells, place)
            return
        row = self.row_values(cells, place)
        if self.heading is not None:
            name, _heading_place = self.heading
            if self.theme is None or normalise_name(name) != normalise_name(self.theme.name):
                self.plan.warn(
                    place,
                    _(
                        "A new section “%(name)s” starts without a header row; the "
                        "columns of the table above were used."
                    )
                    % {"name": name},
                )
                self.open_theme(place, name)
                self.future = False
            else:
                self.after_break = True
            self.heading = None
            self.interrupted = False
        if row.get(THEME) and OBJECTIVE_NUMBER.fullmatch(row[THEME]):
            # `<theme> | Objective | Action`: the header names the theme, and the column
            # below it holds the objectives' numbers ("1.2", "2.4 (cont.)").
            row[REF] = OBJECTIVE_NUMBER.fullmatch(row[THEME]).group(1)  # type: ignore[union-attr]
            row[THEME] = ""
        if row.get(THEME) and (
            self.theme is None or normalise_name(row[THEME]) != normalise_name(self.theme.name)
        ):
            self.open_theme(place, row[THEME])
        if self.theme is None:
            self.open_theme(place, None)
        if self.continues_previous(row):
            self.join_to_previous(row, place)
        else:
            self.add_row(row, place)
        self.after_break = False

    def keep_as_narrative(self, cells: list[str], place: Place) -> None:
        text = " | ".join(cell for cell in cells if cell)
        theme = self.theme.name if self.theme else None
        previous = self.plan.narratives[-1] if self.plan.narratives else None
        if (
            previous is not None
            and previous["theme"] == theme
            and (previous is self.plan.listing or previous["text"].endswith(":"))
        ):
            # The rows list what the paragraph above announces: its lines, a cell a line.
            previous["text"] += "".join(f"\n{cell}" for cell in cells if cell)
            self.plan.listing = previous
        else:
            self.plan.narratives.append(
                {
                    "theme": theme,
                    "text": text,
                    "location": place.location,
                    "sections": [],
                    "notes": [],
                    "part": FUTURE if self.future else TABLE,
                    "topic": None,
                }
            )
        self.plan.warn(
            place,
            _(
                "This row follows a paragraph of text with no heading or header row above it, "
                "so it was kept as narrative, not read as an action: “%(text)s”."
            )
            % {"text": excerpt(text)},
        )

    def row_values(self, cells: list[str], place: Place) -> dict[str, str]:
        assert self.columns is not None
        row: dict[str, str] = {}
        for index, column in self.columns.items():
            row[column] = cells[index] if index < len(cells) else ""
        last = max(self.columns)
        extra = [cell for cell in cells[last + 1 :] if cell]
        if extra:
            column = self.columns[last]
            row[column] = join_fragments([row[column], *extra])
            self.plan.warn(
                place,
                _(
                    "This row has more cells than the header; the extra text was "
                    "added to the last column."
                ),
            )
        return row

    def continues_previous(self, row: dict[str, str]) -> bool:
        """Whether a row is the rest of the row above, split by a page break."""
        if self.action is None or row.get(REF):
            return False
        new_commitment = bool(row.get(COMMITMENT)) and not starts_lower(row[COMMITMENT])
        if new_commitment and not self.section_layout:
            return False
        if not row.get(ACTION) and any(row.get(c) for c in _DETAILS):
            return True
        if row.get(TIMESCALE):
            return False
        checked = (ACTION, EVIDENCE) if self.section_layout else (COMMITMENT, ACTION, EVIDENCE)
        texts = [row[c] for c in checked if row.get(c)]
        if self.after_break:
            return any(starts_lower(t) for t in texts)
        cut_short = not re.search(r"[.;:!?)]$", join_fragments(self.action.text))
        return bool(texts) and all(starts_lower(t) for t in texts) and cut_short

    def join_to_previous(self, row: dict[str, str], place: Place) -> None:
        assert self.action is not None
        if row.get(COMMITMENT) and self.commitment is not None:
            self.commitment.text.append(row[COMMITMENT])
        for column, parts in (
            (ACTION, self.action.text),
            (EVIDENCE, self.action.evidence),
            (TIMESCALE, self.action.timescale),
            (LEAD, self.action.lead),
            (RAG, self.action.rag),
        ):
            if row.get(column):
                parts.append(row[column])
        self.plan.warn(
            place,
            _("Joined to the row at %(location)s, which a page break split.")
            % {"location": self.action.place.location},
        )

    def add_row(self, row: dict[str, str], place: Place) -> None:
        assert self.theme is not None and self.columns is not None
        commitment_text = row.get(COMMITMENT, "")
        has_commitment_column = COMMITMENT in self.columns.values()
        guess: str | None = None
        if (
            commitment_text
            and self.after_break
            and self.commitment
            and starts_lower(commitment_text)
        ):
            self.commitment.text.append(commitment_text)
            self.plan.warn(
                place,
                _("Joined to the commitment at %(location)s, which a page break split.")
                % {"location": self.commitment.place.location},
            )
        elif commitment_text and self.action_in_objective_column(row):
            row[ACTION], commitment_text = commitment_text, ""
            guess = _("text moved from the objective column")
            self.plan.warn(
                place,
                _(
                    "The text in the objective column was read as another action of the "
                    "objective above (the cell looks shifted): “%(text)s”. Check it."
                )
                % {"text": excerpt(row[ACTION])},
            )
        elif commitment_text:
            self.start_commitment(place, row.get(REF) or None, commitment_text)
        elif not has_commitment_column and row.get(ACTION):
            details = any(row.get(c) for c in _DETAILS)
            if not details and not row.get(REF) and self.heads_following(row[ACTION]):
                self.start_commitment(place, None, row[ACTION])
                self.heading_commitment = True
                return
            if not details and not row.get(REF) and not self.heading_commitment:
                # An action whose timescale and lead are still to be set, not a heading.
                guess = _("a row with no timescale or lead, read as an action")
                self.plan.warn(
                    place,
                    _("This action has no timescale or lead; it was read as an action."),
                )
            if not self.heading_commitment:
                self.start_commitment(place, row.get(REF) or None, row[ACTION])
        if not any(row.get(c) for c in (ACTION, *_DETAILS)):
            return
        if self.commitment is None:
            self.plan.warn(
                place,
                _("This row has no commitment above it, so it was not read: “%(text)s”.")
                % {"text": excerpt(" | ".join(v for v in row.values() if v))},
            )
            return
        if not row.get(ACTION):
            self.plan.warn(
                place, _("This row has no milestone or action text, so it was not read.")
            )
            return
        if not row.get(RAG) and (colour := self.rag_from_fill()):
            row[RAG] = colour
            guess = guess or _("status read from the cell's colour")
            self.plan.warn(
                place,
                _(
                    "The status cell has no word, only a colour; it was read as “%(colour)s”. "
                    "Confirm the status."
                )
                % {"colour": _COLOUR_NAMES[colour]()},
            )
        self.action = ActionDraft(
            place=place,
            text=[_action_text(row[ACTION])],
            evidence=[row[EVIDENCE]] if row.get(EVIDENCE) else [],
            timescale=[row[TIMESCALE]] if row.get(TIMESCALE) else [],
            lead=[row[LEAD]] if row.get(LEAD) else [],
            rag=[row[RAG]] if row.get(RAG) else [],
            future_activity=self.future,
            guess=guess or self.table_guess,
            table=self.table,
        )
        self.commitment.actions.append(self.action)

    def rag_from_fill(self) -> str | None:
        """The RAG status shown by the shading of the row's status cell, if any."""
        assert self.columns is not None
        index = next((i for i, column in self.columns.items() if column == RAG), None)
        return colour_rag(self.fills.get(index)) if index is not None else None

    def action_in_objective_column(self, row: dict[str, str]) -> bool:
        """Whether text alone in the objective column is really an action of the one above.

        Conversion sometimes shifts an action into the objective cell: the row then has no
        action text and no details, and either repeats the reference of an objective that
        already has actions or reads as an action ("Deliver …", "Ensure …").
        """
        assert self.columns is not None
        if ACTION not in self.columns.values() or row.get(ACTION) or self.commitment is None:
            return False
        if any(row.get(c) for c in _DETAILS):
            return False
        text = row.get(COMMITMENT, "")
        same_objective = bool(row.get(REF)) and row.get(REF) == self.commitment.ref
        if same_objective and self.commitment.actions:
            return True
        return bool(ACTION_VERB.match(text)) and not text.lower().startswith("we will")

    def holds_action(self, cells: list[str]) -> bool:
        """Whether a row with one filled cell is an action still waiting for its details.

        In a table whose one text column is the action (no commitment column), a row such as
        "Review the sanctuary scheme criteria" is an action; a section row such as "Safe
        accommodation" names a theme. An action starts with a verb or reads as a sentence.
        """
        if not self.columns or COMMITMENT in self.columns.values():
            return False
        filled = [i for i, cell in enumerate(cells) if cell]
        if len(filled) != 1 or self.columns.get(filled[0]) != ACTION:
            return False
        text = cells[filled[0]]
        if self.heads_following(text):
            return False
        return bool(ACTION_VERB.match(text)) or len(text.split()) > _HEADING_WORDS_MAX

    def heads_following(self, text: str) -> bool:
        """Whether a row with only text heads the rows below it, rather than being an action.

        Headings are numbered objectives ("2. We will …", "Objective 3"), lines in capitals
        or ending with a colon. A sub-item of the heading above ("2.1 …") is an action.
        """
        if numbered := COMMITMENT_REF.match(text):
            ref = numbered.group(1)
            above = self.commitment.ref if self.heading_commitment and self.commitment else None
            return not (above and ref.startswith(above + "."))
        return bool(
            re.match(r"(objective|priority|outcome|theme|amcan|blaenoriaeth)\s+\d", text, re.I)
            or text.rstrip().endswith(":")
            or (text.isupper() and len(text) > 3)
        )

    def start_commitment(self, place: Place, ref: str | None, text: str) -> None:
        assert self.theme is not None
        if ref is None and (numbered := COMMITMENT_REF.match(text)):
            ref, text = numbered.group(1), text[numbered.end() :]
        self.commitment = CommitmentDraft(place=place, ref=ref, text=[text])
        self.theme.commitments.append(self.commitment)
        self.action = None


def _action_text(text: str) -> str:
    """An action's text without its number and a leading "We will:" (said by its commitment)."""
    if numbered := COMMITMENT_REF.match(text):
        text = text[numbered.end() :] or text
    stripped = re.sub(r"^(?:we will|byddwn yn)\s*[:;,-]?\s*", "", text, flags=re.IGNORECASE)
    if stripped and stripped != text:
        return stripped[0].upper() + stripped[1:] if text[0].isupper() else stripped
    return text
