"""The reviews app's background tasks (ADR 0012): ids in, the work in reviews/assist.py."""

from __future__ import annotations

from django_tasks import task

from vawdasv.reviews import assist
from vawdasv.reviews.models import Review


@task()
def suggest_themes(review_id: int) -> int:
    """Queued after a report is kept: suggestions for its sentences."""
    review = Review.objects.filter(pk=review_id).first()
    return assist.suggest_for_review(review) if review is not None else 0


@task()
def retrain_if_needed() -> bool:
    """Queued after codes are decided (and nightly): a new model once enough new codes exist."""
    if not assist.needs_retraining():
        return False
    assist.train()
    return True


@task()
def make_thematic_report(job_id: int) -> bool:
    """Make a thematic report job's Word file through the storage API."""
    from vawdasv.reviews import report_jobs

    return report_jobs.make(job_id)
