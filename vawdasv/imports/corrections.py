"""Corrections a person makes to single actions on the import preview, applied to the reading.

The document is read again for every preview and on commit, so corrections cannot be stored as
an edited plan: they are small records laid over the interpreted plan each time. Each names the
action by its place in the plan as read (theme, commitment and action numbers, from 0) and by
the text it had there, so a correction that no longer matches (after the column mapping was
changed, say) is dropped with a note the person can see, never applied to another row.

Record shapes (all also carry "theme", "commitment", "action" and "original"):

    {"kind": "timescale", "text": "Mar 2027"}
    {"kind": "leads", "leads": ["SWP", "Regional Team"]}
    {"kind": "merge_up"}                    the action joins the one above it
    {"kind": "split", "at": "Publish …"}    a second action starts at this text
    {"kind": "delete"}                      the row is not an action: left out
    {"kind": "commitment_heading"}          the row heads the actions after it in its theme
    {"kind": "theme_heading"}               the row names a new theme for the rows after it
    {"kind": "skip_table", "table": "…"}    every action read from that table is left out
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from vawdasv.imports.model import ParsedAction, ParsedCommitment, ParsedPlan, ParsedTheme
from vawdasv.plans.timescales import parse_timescale

TIMESCALE = "timescale"
LEADS = "leads"
MERGE_UP = "merge_up"
SPLIT = "split"
DELETE = "delete"
COMMITMENT_HEADING = "commitment_heading"
THEME_HEADING = "theme_heading"
SKIP_TABLE = "skip_table"
HEADINGS = (COMMITMENT_HEADING, THEME_HEADING)
KINDS = (TIMESCALE, LEADS, MERGE_UP, SPLIT, DELETE, *HEADINGS, SKIP_TABLE)
# These change the plan's rows, so an action has at most one of them.
REWORKS = (MERGE_UP, SPLIT, DELETE, *HEADINGS, SKIP_TABLE)

Key = tuple[int, int, int]

_LEAD_SEPARATORS = re.compile(r"[,/]")


@dataclass(frozen=True)
class Origin:
    """Where a shown action came from, and which actions' corrections changed it."""

    key: Key
    first_piece: bool = True
    corrected: tuple[Key, ...] = ()


@dataclass(frozen=True)
class Removed:
    """A row the person took out of the plan (deleted, made a heading, or its table skipped)."""

    key: Key
    text: str
    kind: str
    table: str | None = None


@dataclass
class Applied:
    plan: ParsedPlan
    notes: list[str] = field(default_factory=list)
    # One per action of `plan`, in document order (as `ParsedPlan.actions()` lists them).
    origins: list[Origin] = field(default_factory=list)
    # Rows no longer shown as actions, each with the correction that can be undone.
    removed: list[Removed] = field(default_factory=list)


def key_of(record: dict[str, Any]) -> Key:
    return (int(record["theme"]), int(record["commitment"]), int(record["action"]))


def split_leads(text: str) -> list[str]:
    """Lead names as typed on the correction form, separated by commas or slashes."""
    return [name.strip() for name in _LEAD_SEPARATORS.split(text) if name.strip()]


def action_at(parsed: ParsedPlan, key: Key) -> ParsedAction | None:
    """The interpreted action at a place in the plan, or None when there is none there."""
    theme, commitment, action = key
    try:
        if min(key) < 0:
            return None
        return parsed.themes[theme].commitments[commitment].actions[action]
    except IndexError:
        return None


def records_for(corrections: list[dict[str, Any]], key: Key, original: str) -> list[dict[str, Any]]:
    """The corrections stored for one action that still match its text."""
    return [r for r in corrections if key_of(r) == key and r.get("original") == original]


def replace_for(
    corrections: list[dict[str, Any]], key: Key, records: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """All corrections with one action's replaced by `records` (none: the correction undone)."""
    kept = [r for r in corrections if key_of(r) != key]
    return [*kept, *records]


def make_record(key: Key, original: str, kind: str, **values: Any) -> dict[str, Any]:
    if kind not in KINDS:
        raise ValueError(f"Not a kind of correction: {kind}")
    theme, commitment, action = key
    return {
        "theme": theme,
        "commitment": commitment,
        "action": action,
        "original": original,
        "kind": kind,
        **values,
    }


def split_point(text: str, at: str) -> int | None:
    """Where in the text the second action starts, or None when that would leave a half empty."""
    needle = " ".join(at.split())
    if not needle:
        return None
    index = text.find(needle)
    if index <= 0 or not text[:index].strip():
        return None
    return index


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def _retime(action: ParsedAction, text: str) -> None:
    understood = parse_timescale(text)
    action.timescale = understood.text or None
    action.due_date = understood.due_date
    action.timescale_kind = str(understood.kind)


def _join(first: str | None, second: str | None) -> str | None:
    parts = [part for part in (first, second) if part]
    return "\n".join(parts) or None


def _merge(above: ParsedAction, below: ParsedAction) -> None:
    """The action below joins the one above: its text and evidence are added after them."""
    above.text = _join(above.text, below.text) or ""
    above.evidence = _join(above.evidence, below.evidence)
    above.leads = list(dict.fromkeys([*above.leads, *below.leads]))
    if not above.timescale and below.timescale:
        _retime(above, below.timescale)
    above.progress = _join(above.progress, below.progress)


def _sorted_records(
    parsed: ParsedPlan, corrections: list[dict[str, Any]], notes: list[str]
) -> dict[Key, list[dict[str, Any]]]:
    """Corrections grouped by action, with those that no longer match dropped and noted."""
    grouped: dict[Key, list[dict[str, Any]]] = {}
    for record in corrections:
        try:
            key = key_of(record)
        except (KeyError, TypeError, ValueError):
            continue
        action = action_at(parsed, key)
        if action is None or action.text != record.get("original"):
            note = _(
                "A correction to “%(text)s” was not applied: the plan as read now has no "
                "such action in that place. Check the row and correct it again if needed."
            ) % {"text": _short(str(record.get("original") or ""))}
            if note not in notes:
                notes.append(note)
            continue
        grouped.setdefault(key, []).append(record)
    return grouped


def _correct_fields(action: ParsedAction, records: list[dict[str, Any]]) -> None:
    for record in records:
        if record.get("kind") == TIMESCALE:
            _retime(action, str(record.get("text") or ""))
        elif record.get("kind") == LEADS:
            action.leads = [str(name) for name in record.get("leads") or []]


class _Rebuild:
    """The plan rebuilt row by row, as headings made from rows open new commitments or themes."""

    def __init__(self, applied: Applied) -> None:
        self.applied = applied
        self.themes: list[ParsedTheme] = []
        self.rows: list[tuple[ParsedAction, Origin]] = []
        self.commitment: ParsedCommitment | None = None
        # Parts that stay even when empty: made from a row, or empty in the document too.
        # Only a part the corrections emptied is left out.
        self.keep_empty: set[int] = set()

    def open_theme(self, name: str, aim: str | None, *, keep: bool = False) -> None:
        self.close_commitment()
        self.themes.append(ParsedTheme(name=name, aim=aim))
        if keep:
            self.keep_empty.add(id(self.themes[-1]))

    def open_commitment(self, text: str, ref: str | None, *, keep: bool = False) -> None:
        self.close_commitment()
        self.commitment = ParsedCommitment(text=text, ref=ref)
        self.themes[-1].commitments.append(self.commitment)
        if keep:
            self.keep_empty.add(id(self.commitment))

    def close_commitment(self) -> None:
        if self.commitment is not None:
            self.commitment.actions = [action for action, _origin in self.rows]
            self.applied.origins.extend(origin for _action, origin in self.rows)
        self.rows = []
        self.commitment = None

    def finish(self) -> list[ParsedTheme]:
        self.close_commitment()
        for theme in self.themes:
            theme.commitments = [
                c for c in theme.commitments if c.actions or id(c) in self.keep_empty
            ]
        return [t for t in self.themes if t.commitments or id(t) in self.keep_empty]


def apply_with_origins(parsed: ParsedPlan, corrections: list[dict[str, Any]]) -> Applied:
    """The plan with the corrections laid over it, notes, and where each action came from."""
    plan = copy.deepcopy(parsed)
    applied = Applied(plan=plan)
    grouped = _sorted_records(parsed, corrections, applied.notes)
    skipped = {
        str(record.get("table"))
        for records in grouped.values()
        for record in records
        if record.get("kind") == SKIP_TABLE and record.get("table")
    }
    rebuild = _Rebuild(applied)
    for t, theme in enumerate(plan.themes):
        rebuild.open_theme(theme.name, theme.aim, keep=not theme.commitments)
        for c, commitment in enumerate(theme.commitments):
            rebuild.open_commitment(commitment.text, commitment.ref, keep=not commitment.actions)
            for a, action in enumerate(commitment.actions):
                key = (t, c, a)
                records = grouped.get(key, [])
                _correct_fields(action, records)
                kinds = {record.get("kind") for record in records}
                corrected = (key,) if records else ()
                if action.table is not None and action.table in skipped:
                    kind = SKIP_TABLE if SKIP_TABLE in kinds else ""
                    applied.removed.append(Removed(key, action.text, kind, action.table))
                    continue
                if DELETE in kinds:
                    applied.removed.append(Removed(key, action.text, DELETE))
                    continue
                if THEME_HEADING in kinds:
                    applied.removed.append(Removed(key, action.text, THEME_HEADING))
                    rebuild.open_theme(action.text, None, keep=True)
                    rebuild.open_commitment(commitment.text, commitment.ref)
                    continue
                if COMMITMENT_HEADING in kinds:
                    applied.removed.append(Removed(key, action.text, COMMITMENT_HEADING))
                    rebuild.open_commitment(action.text, None, keep=True)
                    continue
                rows = rebuild.rows
                if MERGE_UP in kinds:
                    if not rows:
                        applied.notes.append(
                            _(
                                "“%(text)s” was not merged: it is the first action of its "
                                "commitment, so there is no action above it."
                            )
                            % {"text": _short(action.text)}
                        )
                    else:
                        above, origin = rows[-1]
                        _merge(above, action)
                        rows[-1] = (
                            above,
                            Origin(origin.key, origin.first_piece, (*origin.corrected, key)),
                        )
                        continue
                split = next((r for r in records if r.get("kind") == SPLIT), None)
                index = split_point(action.text, str(split.get("at") or "")) if split else None
                if split and index is None:
                    applied.notes.append(
                        _("“%(text)s” was not split: the text to split at was not found in it.")
                        % {"text": _short(action.text)}
                    )
                if index is not None:
                    second = copy.deepcopy(action)
                    second.text = action.text[index:].strip()
                    second.evidence = None
                    second.progress = None
                    action.text = action.text[:index].strip()
                    rows.append((action, Origin(key, True, corrected)))
                    rows.append((second, Origin(key, False, corrected)))
                else:
                    rows.append((action, Origin(key, True, corrected)))
    plan.themes = rebuild.finish()
    return applied


def apply(parsed: ParsedPlan, corrections: list[dict[str, Any]]) -> tuple[ParsedPlan, list[str]]:
    """The interpreted plan with the person's corrections, and notes on any not applied."""
    applied = apply_with_origins(parsed, corrections)
    return applied.plan, applied.notes
