"""The outcomes app's background tasks, run by `vawdasv worker` (docs/adr/0012)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from vawdasv.outcomes import reminders


@task()
def send_return_reminders() -> int:
    """Queued every morning (SCHEDULED_TASKS): remind suppliers of returns due or overdue."""
    today: datetime.date = timezone.localdate()
    return reminders.send_return_reminders(today, settings.SITE_URL)
