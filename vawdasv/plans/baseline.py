"""Recording the statuses an imported document carries as the plan's baseline.

The importer reads a status or RAG column; progress keeps approved updates. The two apps sit
side by side and never import each other, so progress registers its recorder here when it
starts (progress.apps), as it registers the plan pages' progress summary
(plans/progress_summary.py), and the importer calls `record_baseline` inside its own
transaction: the plan and its baseline are written together or not at all (ADR 0034).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class BaselineEntry:
    """One action's status as the document gave it, and what it was taken to mean."""

    action: Any  # a plans.Action just written
    rag: str  # "red", "amber" or "green"
    completed: bool
    word: str  # the status as written ("Cwblhawyd"), kept on the update


class Recorder(Protocol):
    def __call__(
        self,
        *,
        actor: Any,
        strategy: Any,
        period_label: str,
        entries: Sequence[BaselineEntry],
        document: str,
        origin: Any,
    ) -> int: ...


_recorders: list[Recorder] = []


def register(recorder: Recorder) -> None:
    if recorder not in _recorders:
        _recorders.append(recorder)


def record_baseline(
    *,
    actor: Any,
    strategy: Any,
    period_label: str,
    entries: Sequence[BaselineEntry],
    document: str,
    origin: Any,
) -> int:
    """Record the entries as approved updates for the period; returns how many were recorded.

    Raises ValidationError (keyed "baseline_period") when the period cannot take a baseline.
    """
    if not _recorders:
        raise ImproperlyConfigured("No app records baselines: is progress installed?")
    return _recorders[0](
        actor=actor,
        strategy=strategy,
        period_label=period_label,
        entries=entries,
        document=document,
        origin=origin,
    )
