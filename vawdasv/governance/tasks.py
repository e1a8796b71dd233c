"""The governance app's background tasks, run by `vawdasv worker` (docs/adr/0012)."""

from __future__ import annotations

from django_tasks import task

from vawdasv.governance import pack


@task()
def make_pack(job_id: int) -> bool:
    """Make a meeting pack job's file; False when the job was not this task's to make."""
    return pack.run_pack_job(job_id)
