"""The governance app's background tasks, run by `vawdasv worker` (docs/adr/0012)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from vawdasv.governance import pack


@task()
def make_pack(job_id: int) -> bool:
    """Make a meeting pack job's file; False when the job was not this task's to make."""
    return pack.run_pack_job(job_id)


@task()
def delete_superseded_packs() -> int:
    """Queued every night (SCHEDULED_TASKS): packs replaced by a newer one, after some days."""
    return pack.delete_superseded(int(settings.GOVERNANCE_PACK_KEEP_DAYS))
