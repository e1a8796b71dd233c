"""Reminder emails about data returns, by the same rules as progress reminders.

The supplier's lead officers in the partnership are reminded once in the week before a return's
deadline and once after it has passed, while the return is not submitted or approved, in each
person's own language. Each reminder is recorded (ReturnReminder) in the transaction that hands
it to the email backend, so running the daily task again never repeats one.
"""

from __future__ import annotations

import datetime
import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from vawdasv.accounts.models import User
from vawdasv.lib.bilingual import LANGUAGE_CODES
from vawdasv.outcomes.enums import ReturnState
from vawdasv.outcomes.models import DataReturn, ReturnReminder
from vawdasv.partnerships.enums import Role

logger = logging.getLogger(__name__)

DAYS_BEFORE_DEADLINE = 7
BEFORE, OVERDUE = "before_deadline", "overdue"
OPEN = (ReturnState.NOT_STARTED, ReturnState.DRAFT, ReturnState.RETURNED)


def kind_due(deadline: datetime.date, today: datetime.date, days_before: int) -> str | None:
    if today > deadline:
        return OVERDUE
    if today >= deadline - datetime.timedelta(days=days_before):
        return BEFORE
    return None


def send_return_reminders(
    today: datetime.date, site_url: str, days_before: int = DAYS_BEFORE_DEADLINE
) -> int:
    sent = 0
    for item in DataReturn.objects.filter(state__in=OPEN).select_related("supplier"):
        kind = kind_due(item.deadline, today, days_before)
        if kind is None:
            continue
        already = ReturnReminder.objects.filter(data_return=item, kind=kind).values("user_id")
        people = (
            User.objects.filter(
                is_active=True, organisation_id=item.supplier_id,
                memberships__partnership=item.partnership_id,
                memberships__role=Role.LEAD_OFFICER,
            )
            .exclude(email="")
            .exclude(pk__in=already)
            .order_by("pk")
        )  # fmt: skip
        for person in people:
            language = person.preferred_language
            with translation.override(language if language in LANGUAGE_CODES else "en"):
                context = {
                    "user": person, "data_return": item, "overdue": kind == OVERDUE,
                    "link": site_url.rstrip("/") + item.get_absolute_url(),
                }  # fmt: skip
                subject = " ".join(
                    render_to_string("outcomes/email/reminder_subject.txt", context).split()
                )
                body = render_to_string("outcomes/email/reminder_body.txt", context)
            try:
                with transaction.atomic():
                    ReturnReminder.objects.create(data_return=item, user=person, kind=kind)
                    send_mail(subject, body, None, [person.email])
            except IntegrityError:
                continue  # another run sent it first
            sent += 1
            logger.info("Sent %s return reminder for %s to user %s", kind, item.pk, person.pk)
    return sent
