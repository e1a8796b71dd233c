"""The plan being built while a document is read, before it becomes a `ParsedPlan`.

Rows and lines add pieces to drafts (a row split by a page break adds to the action above), so
the text of each field is kept as a list of fragments and joined once at the end. Every draft
remembers where it started, so a warning about it points at the right place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from vawdasv.imports.cells import join_fragments, starts_lower
from vawdasv.imports.model import (
    ImportWarning,
    ParsedAction,
    ParsedCommitment,
    ParsedPlan,
    ParsedTheme,
)
from vawdasv.imports.rag import UNKNOWN, read_rag
from vawdasv.partnerships.leads import normalise_name, split_leads

# Which table of a theme a narrative follows: its main table or its "Future activity" table.
TABLE, FUTURE = "table", "future"


@dataclass(frozen=True)
class Place:
    """Where something is: its location text and its order in the document."""

    location: str
    position: int


@dataclass
class ActionDraft:
    place: Place
    text: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    timescale: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    rag: list[str] = field(default_factory=list)
    future_activity: bool = False
    has_rag_column: bool = False
    guess: str | None = None  # why the structure is uncertain, for the preview to mark
    table: str | None = None  # where the action's table starts


@dataclass
class CommitmentDraft:
    place: Place
    ref: str | None
    text: list[str]
    actions: list[ActionDraft] = field(default_factory=list)


@dataclass
class ThemeDraft:
    place: Place
    name: str
    aim: str | None = None
    commitments: list[CommitmentDraft] = field(default_factory=list)


class PlanDraft:
    """Themes, commitments and actions found so far, with the warnings about them."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.vision: str | None = None
        self.aims: dict[str, tuple[str, str]] = {}  # normalised theme name → (name, aim)
        self.themes: list[ThemeDraft] = []
        self.introduction: list[str] = []  # paragraphs under the "Introduction" heading
        self._listing = False  # the last introduction paragraph ends with a list
        self.achievements: list[dict[str, Any]] = []
        self.narratives: list[dict[str, Any]] = []
        # The narrative whose list a headerless table's rows continue ("…the following
        # groups and meeting frequencies:" and then a table of the groups).
        self.listing: dict[str, Any] | None = None
        self.mapping: list[dict[str, Any]] = []
        self._warnings: list[tuple[int, int, ImportWarning]] = []

    def warn(self, place: Place, message: str) -> None:
        warning = ImportWarning(location=place.location, message=message)
        self._warnings.append((place.position, len(self._warnings), warning))

    def warn_document(self, message: str) -> None:
        warning = ImportWarning(location=_("whole document"), message=message)
        self._warnings.append((-1, len(self._warnings), warning))

    def introduce(self, text: str, *, bullet: bool) -> None:
        """A paragraph of the introduction; a bullet under a paragraph ending with a colon is a
        line of that paragraph, as is a piece a page break cut off (it starts in lower case)."""
        previous = self.introduction[-1] if self.introduction else ""
        listing = bool(previous) and bullet and (previous.endswith(":") or self._listing)
        self._listing = listing
        if listing:
            self.introduction[-1] = f"{previous}\n{text}"
        elif previous and starts_lower(text):
            self.introduction[-1] = f"{previous} {text}"
        else:
            self.introduction.append(text)

    def find_theme(self, name: str) -> ThemeDraft | None:
        key = normalise_name(name)
        return next((t for t in self.themes if normalise_name(t.name) == key), None)

    def add_theme(self, place: Place, name: str, aim: str | None = None) -> ThemeDraft:
        theme = ThemeDraft(place=place, name=name, aim=aim)
        self.themes.append(theme)
        return theme

    # Result --------------------------------------------------------------------------------

    def finish(self, *, expect_tables: bool) -> ParsedPlan:
        if not self.themes:
            self.warn_document(
                _(
                    "No plan was found: no table with columns such as Commitment, Action, "
                    "Timescale and Lead, and no “We will” lists under objective headings."
                )
                if expect_tables
                else _("No plan was found in this document.")
            )
        themes = [self._finish_theme(theme) for theme in self.themes]
        names = {normalise_name(theme.name) for theme in themes}
        for key, (name, _aim) in self.aims.items():
            if key not in names:
                self.warn_document(
                    _("An aim is given for “%(name)s” but the plan has no section of that name.")
                    % {"name": name}
                )
        return ParsedPlan(
            title=self.title,
            vision=self.vision,
            themes=themes,
            introduction="\n\n".join(self.introduction) or None,
            achievements=self.achievements,
            narratives=self.narratives,
            mapping=self.mapping,
            warnings=[w for _p, _n, w in sorted(self._warnings, key=lambda item: item[:2])],
        )

    def _finish_theme(self, theme: ThemeDraft) -> ParsedTheme:
        if not theme.commitments:
            self.warn(
                theme.place,
                _("The section “%(name)s” has no commitments.") % {"name": theme.name},
            )
        aim = theme.aim or self.aims.get(normalise_name(theme.name), (theme.name, None))[1]
        return ParsedTheme(
            name=theme.name,
            aim=aim,
            commitments=[self._finish_commitment(c) for c in theme.commitments],
        )

    def _finish_commitment(self, commitment: CommitmentDraft) -> ParsedCommitment:
        if not commitment.actions:
            self.warn(commitment.place, _("This commitment has no actions."))
        return ParsedCommitment(
            text=join_fragments(commitment.text),
            ref=commitment.ref,
            actions=[self._finish_action(draft) for draft in commitment.actions],
        )

    def _finish_action(self, draft: ActionDraft) -> ParsedAction:
        reading = read_rag(join_fragments(draft.rag))
        action = ParsedAction.build(
            text=join_fragments(draft.text),
            evidence=join_fragments(draft.evidence) or None,
            timescale=join_fragments(draft.timescale) or None,
            leads=split_leads(join_fragments(draft.lead)),
            rag=reading.rag,
            progress=reading.note,
            future_activity=draft.future_activity,
            guess=draft.guess,
            table=draft.table,
            status=join_fragments(draft.rag),
        )
        if (
            action.timescale
            and action.timescale_kind == "unknown"
            and not _TO_BE_CONFIRMED.fullmatch(action.timescale)
        ):
            self.warn(
                draft.place,
                _("The timescale “%(text)s” was not understood; it is kept as written.")
                % {"text": action.timescale},
            )
        if reading.rag == UNKNOWN:
            self.warn(
                draft.place,
                _(
                    "The progress cell “%(text)s” is not a RAG status that can be read; it is "
                    "marked “unknown, check”."
                )
                % {"text": _excerpt(join_fragments(draft.rag))},
            )
        return action


_TO_BE_CONFIRMED = re.compile(
    r"\s*(tbc|tbd|to be (confirmed|decided|agreed)|i'w gadarnhau)\W*", re.I
)


def _excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def excerpt(text: str, limit: int = 80) -> str:
    """The start of a text, for a warning that quotes it."""
    return _excerpt(text, limit)
