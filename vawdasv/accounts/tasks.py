"""The accounts app's background tasks, run by `vawdasv worker` (docs/adr/0012)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from vawdasv.accounts import notifications


@task()
def send_notification_digests() -> int:
    """Queued every morning (SCHEDULED_TASKS): one email per person with what waited."""
    return notifications.send_digests(timezone.localdate(), settings.SITE_URL)
