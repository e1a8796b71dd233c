"""What a progress report wrote around its tables, arranged as a new report would hold it.

A board's progress report is tables and the regional team's words: an introduction, then per
theme (chapter) paragraphs after the table, each about a section (its topic, set in bold or
italics), and paragraphs after the "Future activity" table. The importer keeps them as
`ParsedPlan.introduction` and `ParsedPlan.narratives` (with `part` and `topic`); this module
groups them so whoever builds the next report (the demo, a partnership's first round) can put
each where it belongs: a section's paragraphs beside that section's actions, the rest as the
theme's narrative and its future-activity narrative. Plain data, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vawdasv.imports.drafts import FUTURE
from vawdasv.imports.model import ParsedPlan

PARAGRAPH_BREAK = "\n\n"


@dataclass
class ThemeWriting:
    """One theme's paragraphs: by section after the table, and after "Future activity"."""

    sections: dict[str, list[str]] = field(default_factory=dict)  # topic → paragraphs
    notes: dict[str, list[str]] = field(default_factory=dict)  # topic → "Date to be amended"…
    unplaced: list[str] = field(default_factory=list)  # after the table, about no section
    future: list[str] = field(default_factory=list)

    def section_text(self, topic: str) -> str:
        return PARAGRAPH_BREAK.join(self.sections.get(topic, []))

    @property
    def narrative(self) -> str:
        return PARAGRAPH_BREAK.join(self.unplaced)

    @property
    def future_narrative(self) -> str:
        return PARAGRAPH_BREAK.join(self.future)


@dataclass
class ReportWriting:
    introduction: str
    themes: dict[str, ThemeWriting]  # by the theme's name as the document writes it

    def theme(self, name: str) -> ThemeWriting:
        return self.themes.get(name) or ThemeWriting()


def report_writing(parsed: ParsedPlan) -> ReportWriting:
    """The introduction and each theme's paragraphs, in document order."""
    themes: dict[str, ThemeWriting] = {}
    for narrative in parsed.narratives:
        name = narrative.get("theme")
        if not name:
            continue
        writing = themes.setdefault(name, ThemeWriting())
        text = narrative["text"]
        if narrative.get("part") == FUTURE:
            writing.future.append(text)
        elif topic := narrative.get("topic"):
            writing.sections.setdefault(topic, []).append(text)
            writing.notes.setdefault(topic, []).extend(narrative.get("notes", []))
        else:
            writing.unplaced.append(text)
    return ReportWriting(introduction=parsed.introduction or "", themes=themes)
