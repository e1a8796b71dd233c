"""Pairing the actions of a revised plan with the actions already on the platform.

A revised plan rewords some actions ("Map services" becomes "Map VAWDASV services across the
region"), moves some to another commitment, and adds or drops others. Pairing them wrongly
would lose an action's history and progress updates, so pairing is cautious: exact wording
first, then wording that is nearly the same (difflib's ratio on normalised text, above a
threshold), each existing action paired at most once and the closest pairs settled first.
Pure functions, no database: `reimport` gives them texts and keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, TypeVar

# Wording this close or closer counts as the same action, reworded.
SIMILARITY_THRESHOLD = 0.75

OldKey = TypeVar("OldKey", bound=Hashable)
NewKey = TypeVar("NewKey", bound=Hashable)

_WE_WILL = re.compile(r"^(?:we will|byddwn yn)\b\s*[:;,-]?\s*")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalise_text(text: str | None) -> str:
    """Text as compared: lower case, no punctuation, single spaces, no leading "We will"."""
    lowered = " ".join((text or "").lower().replace("’", "'").split())
    lowered = _WE_WILL.sub("", lowered)
    return " ".join(_PUNCTUATION.sub(" ", lowered).split())


def normalise_ref(ref: str | None) -> str:
    """A reference number as compared: "1.2." and " 1.2" are the same reference."""
    return (ref or "").strip().rstrip(".)").lower()


def similarity(first: str, second: str) -> float:
    """How alike two normalised texts are, from 0 (nothing shared) to 1 (the same)."""
    if first == second:
        return 1.0
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


@dataclass(frozen=True)
class Pair(Generic[OldKey, NewKey]):
    old: OldKey
    new: NewKey
    score: float


def _close_enough(matcher: SequenceMatcher[str], threshold: float) -> float | None:
    # The cheap upper bounds rule out most pairs before the full comparison.
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return None
    score = matcher.ratio()
    return score if score >= threshold else None


def pair_similar(
    olds: Sequence[tuple[OldKey, str]],
    news: Sequence[tuple[NewKey, str]],
    *,
    threshold: float = SIMILARITY_THRESHOLD,
    allowed: Callable[[OldKey, NewKey], bool] | None = None,
) -> list[Pair[OldKey, NewKey]]:
    """One-to-one pairs of texts at least `threshold` alike, the closest pairs first.

    `olds` and `news` are (key, normalised text); `allowed` can limit which pairs are
    considered (for example, only within the same theme). Ties go to document order, so the
    same inputs always give the same pairs.
    """
    candidates: list[tuple[float, int, int]] = []
    for new_index, (new_key, new_text) in enumerate(news):
        if not new_text:
            continue
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(new_text)
        for old_index, (old_key, old_text) in enumerate(olds):
            if not old_text or (allowed is not None and not allowed(old_key, new_key)):
                continue
            matcher.set_seq1(old_text)
            score = 1.0 if old_text == new_text else _close_enough(matcher, threshold)
            if score is not None:
                candidates.append((score, old_index, new_index))
    candidates.sort(key=lambda item: (-item[0], item[2], item[1]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[Pair[OldKey, NewKey]] = []
    for score, old_index, new_index in candidates:
        if old_index in used_old or new_index in used_new:
            continue
        used_old.add(old_index)
        used_new.add(new_index)
        pairs.append(Pair(olds[old_index][0], news[new_index][0], score))
    return pairs


def pair_exact(
    olds: Iterable[tuple[OldKey, str]],
    news: Iterable[tuple[NewKey, str]],
    *,
    allowed: Callable[[OldKey, NewKey], bool] | None = None,
) -> list[Pair[OldKey, NewKey]]:
    """One-to-one pairs of identical texts, in document order on both sides."""
    waiting: dict[str, list[OldKey]] = {}
    for key, text in olds:
        if text:
            waiting.setdefault(text, []).append(key)
    pairs: list[Pair[OldKey, NewKey]] = []
    for new_key, text in news:
        keys = waiting.get(text, [])
        for index, old_key in enumerate(keys):
            if allowed is None or allowed(old_key, new_key):
                pairs.append(Pair(old_key, new_key, 1.0))
                del keys[index]
                break
    return pairs
