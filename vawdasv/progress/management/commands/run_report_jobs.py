"""`vawdasv run-report-jobs`: make waiting progress reports and tidy up after a restart.

Safe to run every few minutes from cron beside `vawdasv serve`. A job still "running" long after
any report could take was lost when the server stopped: it is marked failed so the person who
asked sees "Try again" instead of waiting forever. Finished reports are deleted after a week.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vawdasv.progress.report import jobs


class Command(BaseCommand):
    help = "Make waiting progress reports, fail stuck ones and delete old report files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stuck-after",
            type=int,
            default=int(jobs.STUCK_AFTER.total_seconds() // 60),
            help="Minutes after which a report still being made is taken as lost.",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=jobs.KEEP_FINISHED_FOR.days,
            help="Days to keep finished reports and their files before deleting them.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = jobs.fail_stuck_jobs(datetime.timedelta(minutes=options["stuck_after"]))
        made = jobs.run_waiting_jobs()
        deleted = jobs.delete_old_jobs(datetime.timedelta(days=options["keep_days"]))
        self.stdout.write(
            f"{made} report(s) made, {failed} stuck report(s) marked failed, "
            f"{deleted} old report(s) deleted"
        )
