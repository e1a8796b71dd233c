"""`vawdasv send-reminders`: email lead officers whose progress updates are due or overdue.

Safe to run daily from cron: each reminder is sent to each person once per round.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vawdasv.progress.reminders import DAYS_BEFORE_DEADLINE, send_reminders, unreachable


class Command(BaseCommand):
    help = "Email lead officers before a progress round's deadline and once it has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="The address people use to reach the platform, for the link in the email.",
        )
        parser.add_argument(
            "--days-before",
            type=int,
            default=DAYS_BEFORE_DEADLINE,
            help="How many days before the deadline to send the first reminder.",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Pretend today is this date (YYYY-MM-DD), for testing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or datetime.date.today()
        sent = send_reminders(today, options["site_url"], options["days_before"])
        self.stdout.write(f"{sent} reminder(s) sent")
        # Say where nobody could be reminded, so the regional team can invite a lead officer.
        for gap in unreachable(today, options["days_before"]):
            self.stdout.write(
                f"Not sent: {gap.organisation.name_en} has {len(gap.actions)} action(s) "
                f"waiting in {gap.progress_round} and no lead officer with an email address"
            )
