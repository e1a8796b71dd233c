"""Suggested alignments: which framework items a commitment's words are closest to.

TF-IDF over word stems, computed here in plain Python (a few hundred short texts need no
library). A suggestion carries the words that matched so the person confirming can judge it;
nothing is aligned until a person confirms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Words that say nothing about a topic in these documents (every plan and objective uses them).
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "across",
        "all",
        "also",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "these",
        "this",
        "those",
        "through",
        "to",
        "we",
        "will",
        "with",
        "within",
        "which",
        "who",
        "violence",
        "against",
        "women",
        "domestic",
        "abuse",
        "sexual",
        "vawdasv",
        "wales",
        "welsh",
        "people",
        "ensure",
    ]
)
_WORD = re.compile(r"[a-zà-ÿŵŷ]+")


def stem(word: str) -> str:
    """A crude English stem: "attitudes" matches "attitude", "victims" matches "victim"."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    for suffix in ("nesses", "ness", "ings", "ing", "ed", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> dict[str, str]:
    """Stem → the first word in the text that gave it (shown to people as the matching word)."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        found.setdefault(stem(word), word)
    return found


@dataclass(frozen=True)
class Suggestion:
    item_id: int
    score: float
    words: tuple[str, ...]


class Suggester:
    """Scores texts against framework items (cosine similarity of TF-IDF vectors)."""

    def __init__(self, items: Iterable[tuple[int, str]], corpus: Iterable[str] = ()) -> None:
        self.items = [(item_id, terms(text)) for item_id, text in items]
        documents = [set(t) for _, t in self.items] + [set(terms(text)) for text in corpus]
        frequency: Counter[str] = Counter(s for document in documents for s in document)
        count = max(len(documents), 1)
        self.idf = {s: math.log((1 + count) / (1 + n)) + 1 for s, n in frequency.items()}
        self.vectors = [(item_id, self._vector(t)) for item_id, t in self.items]

    def _vector(self, stems: Iterable[str]) -> dict[str, float]:
        weights = {s: self.idf.get(s, 1.0) for s in stems}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {s: w / norm for s, w in weights.items()}

    def suggest(self, text: str, *, limit: int = 3, threshold: float = 0.12) -> list[Suggestion]:
        found = terms(text)
        vector = self._vector(found)
        scored: list[Suggestion] = []
        for item_id, item_vector in self.vectors:
            shared = set(vector) & set(item_vector)
            score = sum(vector[s] * item_vector[s] for s in shared)
            if score >= threshold:
                words = tuple(sorted(found[s] for s in shared))
                scored.append(Suggestion(item_id, round(score, 3), words))
        scored.sort(key=lambda s: (-s.score, s.item_id))
        return scored[:limit]


def suggest_all(
    items: Sequence[tuple[int, str]], texts: dict[int, str], *, limit: int = 3
) -> dict[int, list[Suggestion]]:
    """Suggestions for many texts (key → text) against the same items."""
    suggester = Suggester(items, texts.values())
    return {key: suggester.suggest(text, limit=limit) for key, text in texts.items()}
