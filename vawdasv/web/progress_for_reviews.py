"""Progress on plan actions for the reviews app's recommendations.

Reviews and progress are siblings and never import each other; the web layer, above both,
hands reviews this provider at start-up (`WebConfig.ready`).
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils import timezone

from vawdasv.lib.bilingual import read
from vawdasv.progress.selectors import latest_approved
from vawdasv.reviews.rounds import RoundProgress


def latest_progress(action_ids: Collection[int]) -> dict[int, RoundProgress]:
    return {
        action_id: RoundProgress(
            round_label=update.progress_round.period_label,
            rag=str(update.get_rag_display()),
            narrative=read(update, "narrative").text,
            completed=update.completed,
            reviewed_on=timezone.localdate(update.reviewed_at) if update.reviewed_at else None,
        )
        for action_id, update in latest_approved(action_ids).items()
    }
