"""What other domain apps (the all-Wales view) may read of progress: a narrow, named surface.

Siblings never import each other's internals; `.importlinter` lets `vawdasv.national` import this
module alone."""

from __future__ import annotations

from vawdasv.progress.enums import RagStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.report.issuing import public_issued_reports

__all__ = ["ProgressRound", "ProgressUpdate", "RagStatus", "UpdateState", "public_issued_reports"]
