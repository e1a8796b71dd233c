"""The national app's background tasks, run by `vawdasv worker` (docs/adr/0012)."""

from __future__ import annotations

from django_tasks import task

from vawdasv.national.report import jobs


@task()
def make_national_report(report_id: int) -> bool:
    return jobs.make(report_id)
