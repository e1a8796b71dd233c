"""A plan as read from a document, before anything is written to the database.

Plain dataclasses so a parse can be shown for review (`vawdasv import-plan --dry-run --json`)
and tested without a database. The JSON shape is a contract (keys may be added, never removed):

    {"title": str|null, "vision": str|null, "introduction": str|null,
     "themes": [{"name": str, "aim": str|null,
       "commitments": [{"ref": str|null, "text": str,
         "actions": [{"text": str, "evidence": str|null, "timescale": str|null,
                      "due_date": "YYYY-MM-DD"|null,
                      "timescale_kind": "date"|"recurring"|"ongoing"|"unknown",
                      "leads": [str], "rag": "red"|"amber"|"green"|"unknown"|null,
                      "progress": str|null, "status": str|null, "future_activity": bool,
                      "guess": str|null, "table": str|null}]}]}],
     "achievements": [{"theme": str|null, "text": str, "location": str}],
     "narratives": [{"theme": str|null, "text": str, "location": str,
                     "sections": [str], "notes": [str],
                     "part": "table"|"future", "topic": str|null}],
     "mapping": [{"location": str, "columns": [{"header": str, "field": str|null}]}],
     "status_column": null | {"actions": int, "words": [{"word": str, "actions": int,
                     "reading": "completed"|"red"|"amber"|"green"|null}]},
     "warnings": [{"location": str, "message": str}]}

`rag` is null where the document has no progress column or the cell is empty, and "unknown"
where a cell has something that is not a readable RAG status (a stray glyph where a coloured
circle was): a person must check it. `status` is that cell as written ("On track"), and
`status_column` says the document carries statuses that could become a baseline: each word
with how many actions have it and what it means by itself (`reading`), null where a person
must say what it means (imports/baseline.py). `future_activity` marks actions from a progress
report's "Future activity" tables. `guess` says why the importer is unsure of an action's structure
(its columns split by spaces, text moved between columns, a heading inferred, a status read from
a colour), for the preview to mark; `table` is where the action's table starts, so a person can
skip a whole table. `introduction` is what a progress report says under its "Introduction"
heading before the tables (paragraphs separated by a blank line). A narrative's `part` says
whether it follows a theme's table or its "Future activity" table, and `topic` names the
section it is about (the first words in bold or italics that name a section of that table,
else the first section it names, else the topic of the paragraph it continues). `mapping`
says which field each table column was read as, so the preview can show it and the person
importing can correct it.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

from vawdasv.imports.baseline import status_column
from vawdasv.plans.timescales import parse_timescale


@dataclass
class ParsedAction:
    """A milestone/action row: what will be done, the evidence, when and who leads."""

    text: str
    evidence: str | None = None
    timescale: str | None = None
    due_date: datetime.date | None = None
    timescale_kind: str = "unknown"
    leads: list[str] = field(default_factory=list)
    rag: str | None = None
    progress: str | None = None
    future_activity: bool = False
    guess: str | None = None
    table: str | None = None
    status: str | None = None  # the status or RAG cell as written

    @classmethod
    def build(
        cls,
        *,
        text: str,
        evidence: str | None,
        timescale: str | None,
        leads: list[str],
        rag: str | None = None,
        progress: str | None = None,
        future_activity: bool = False,
        guess: str | None = None,
        table: str | None = None,
        status: str | None = None,
    ) -> ParsedAction:
        """An action with its due date and kind worked out from the timescale as written."""
        understood = parse_timescale(timescale)
        return cls(
            text=text,
            evidence=evidence or None,
            timescale=understood.text or None,
            due_date=understood.due_date,
            timescale_kind=str(understood.kind),
            leads=leads,
            rag=rag,
            progress=progress or None,
            future_activity=future_activity,
            guess=guess,
            table=table,
            status=status or None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "evidence": self.evidence,
            "timescale": self.timescale,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "timescale_kind": self.timescale_kind,
            "leads": list(self.leads),
            "rag": self.rag,
            "progress": self.progress,
            "status": self.status,
            "future_activity": self.future_activity,
            "guess": self.guess,
            "table": self.table,
        }


@dataclass
class ParsedCommitment:
    """A "We will …" statement and the actions that deliver it."""

    text: str
    ref: str | None = None
    actions: list[ParsedAction] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "text": self.text,
            "actions": [action.to_dict() for action in self.actions],
        }


@dataclass
class ParsedTheme:
    """A chapter of the plan (PREPARE, PURSUE, …) with its aim when the document states one."""

    name: str
    aim: str | None = None
    commitments: list[ParsedCommitment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aim": self.aim,
            "commitments": [commitment.to_dict() for commitment in self.commitments],
        }


@dataclass(frozen=True)
class ImportWarning:
    """Something a person should check, with where in the document it was found."""

    location: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"location": self.location, "message": self.message}


@dataclass(frozen=True)
class PlanCounts:
    themes: int
    commitments: int
    actions: int


@dataclass
class ParsedPlan:
    title: str | None = None
    vision: str | None = None
    themes: list[ParsedTheme] = field(default_factory=list)
    introduction: str | None = None
    # "We have …" statements: what was already done, recorded beside the plan, not as actions.
    achievements: list[dict[str, Any]] = field(default_factory=list)
    # Paragraphs written around the tables (a progress report's account of each chapter).
    narratives: list[dict[str, Any]] = field(default_factory=list)
    # One entry per distinct header row: which field each column was read as.
    mapping: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    def counts(self) -> PlanCounts:
        commitments = [c for theme in self.themes for c in theme.commitments]
        return PlanCounts(
            themes=len(self.themes),
            commitments=len(commitments),
            actions=sum(len(c.actions) for c in commitments),
        )

    def actions(self) -> list[ParsedAction]:
        """Every action in document order (handy for checks and previews)."""
        return [a for t in self.themes for c in t.commitments for a in c.actions]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "vision": self.vision,
            "introduction": self.introduction,
            "themes": [theme.to_dict() for theme in self.themes],
            "achievements": list(self.achievements),
            "narratives": list(self.narratives),
            "mapping": list(self.mapping),
            "status_column": status_column(self.actions()),
            "warnings": [warning.to_dict() for warning in self.warnings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
