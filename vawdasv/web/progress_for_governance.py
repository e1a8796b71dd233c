"""Progress on plan actions for governance's meeting packs.

Governance and progress are siblings and never import each other; the web layer, above both,
hands governance this provider at start-up (`WebConfig.ready`).
"""

from __future__ import annotations

from collections.abc import Iterable

from vawdasv.governance.pack import ActionProgress
from vawdasv.lib.bilingual import read
from vawdasv.progress.selectors import latest_approved


def latest_progress(action_ids: Iterable[int], language: str) -> dict[int, ActionProgress]:
    return {
        action_id: ActionProgress(
            status=str(update.get_rag_display()), narrative=read(update, "narrative", language).text
        )
        for action_id, update in latest_approved(action_ids).items()
    }
