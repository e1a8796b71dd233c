"""Statuses written in an imported plan, recorded as its baseline.

A plan or a progress report often carries a status or RAG column ("Complete", "On track",
"Green"). The import can record those as the baseline: an approved update per action for a
period the person chooses, marked as coming from the imported document. A word is taken as
it stands only when it says so itself: "Complete"/"Completed" ("Cwblhawyd") is completed, and
a colour ("Green", "G", "Gwyrdd") is that rating. Any other word ("On track", "Not started", a
stray glyph where a circle was) means what the person importing says on the preview, never
what a guess says: "On track" is not Green until someone confirms it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vawdasv.imports.rag import AMBER, GREEN, RED, read_rag

if TYPE_CHECKING:
    from vawdasv.imports.model import ParsedAction

COMPLETED = "completed"
NO_BASELINE = "none"  # the person chose to record nothing for actions with this word
CHOICES = (RED, AMBER, GREEN, COMPLETED, NO_BASELINE)

_SAYS_ITSELF: dict[str, str] = {
    "complete": COMPLETED, "completed": COMPLETED, "cwblhawyd": COMPLETED,
    "wedi'i gwblhau": COMPLETED, "wedi ei gwblhau": COMPLETED,
    "red": RED, "r": RED, "coch": RED,
    "amber": AMBER, "a": AMBER, "ambr": AMBER, "oren": AMBER,
    "green": GREEN, "g": GREEN, "gwyrdd": GREEN,
}  # fmt: skip


def word_key(text: str) -> str:
    """A status word compared without case, punctuation or spacing ("On track." = "on track")."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    kept = "".join(c if c.isalnum() or c == "'" else " " for c in text)
    return " ".join(kept.split())


@dataclass(frozen=True)
class StatusWord:
    word: str  # as first written in the document
    key: str  # word_key(word): what the mapping form's answers are keyed by
    actions: int  # how many actions have it
    reading: str | None  # COMPLETED / RED / AMBER / GREEN when the word says so; None: ask
    suggestion: str | None  # what the importer would guess (shown as a hint, never applied)

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "actions": self.actions, "reading": self.reading}


def status_words(actions: Sequence[ParsedAction]) -> list[StatusWord]:
    """The distinct status words of the document, in the order first written."""
    found: dict[str, list[Any]] = {}
    for action in actions:
        if not action.status or not (key := word_key(action.status)):
            continue
        if key in found:
            found[key][1] += 1
        else:
            found[key] = [action.status, 1]
    words = []
    for key, (word, count) in found.items():
        guess = read_rag(word).rag
        words.append(
            StatusWord(
                word=word,
                key=key,
                actions=count,
                reading=_SAYS_ITSELF.get(key),
                suggestion=guess if guess in (RED, AMBER, GREEN) else None,
            )
        )
    return words


def status_column(actions: Sequence[ParsedAction]) -> dict[str, Any] | None:
    """What `import-plan --json` and the preview say about the document's statuses."""
    words = status_words(actions)
    if not words:
        return None
    return {"actions": sum(w.actions for w in words), "words": [w.to_dict() for w in words]}


@dataclass(frozen=True)
class BaselineStatus:
    """The baseline of one action: its position among the plan's actions in document order."""

    position: int
    rag: str
    completed: bool
    word: str


class MappingMissing(ValueError):
    """A status word has no meaning given; `keys` are the words' keys to ask about."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__(", ".join(keys))
        self.keys = keys


def baseline_statuses(
    actions: Sequence[ParsedAction], meanings: Mapping[str, str]
) -> list[BaselineStatus]:
    """Each action's baseline from its status word: the word's own meaning, else the one the
    person chose (`meanings`: word key → one of CHOICES). Completed counts as Green, as the
    board's key reads ("good progress being made or the activity has been completed")."""
    words = {w.key: w for w in status_words(actions)}
    missing = [
        key for key, w in words.items() if w.reading is None and meanings.get(key) not in CHOICES
    ]
    if missing:
        raise MappingMissing(missing)
    statuses: list[BaselineStatus] = []
    for position, action in enumerate(actions):
        if not action.status or not (key := word_key(action.status)):
            continue
        meaning = words[key].reading or meanings[key]
        if meaning == NO_BASELINE:
            continue
        completed = meaning == COMPLETED
        statuses.append(
            BaselineStatus(position, GREEN if completed else meaning, completed, action.status)
        )
    return statuses
