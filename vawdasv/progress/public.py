"""What other domain apps (the all-Wales view) may read of progress: a narrow, named surface.

Siblings never import each other's internals; `.importlinter` lets `vawdasv.national` import this
module alone."""

from __future__ import annotations

from vawdasv.progress.enums import RagStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

__all__ = ["ProgressRound", "ProgressUpdate", "RagStatus", "UpdateState"]
