"""Reminder emails to lead officers whose actions still need an update.

Two reminders per person per round at most: one in the days before the deadline and one once it
has passed. Each is recorded in ReminderSent before it is sent, inside one transaction, so a
reminder is recorded exactly when it was handed to the email backend, and running the command
again (daily, say) never repeats one.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from vawdasv.accounts.models import User
from vawdasv.lib.bilingual import LANGUAGE_CODES
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Organisation
from vawdasv.plans import coverage
from vawdasv.plans.models import Action
from vawdasv.progress import selectors
from vawdasv.progress.enums import ReminderKind, UpdateState
from vawdasv.progress.models import ProgressRound, ReminderSent

logger = logging.getLogger(__name__)

DAYS_BEFORE_DEADLINE = 7
DONE = (UpdateState.SUBMITTED, UpdateState.APPROVED)


@dataclass(frozen=True)
class Reminder:
    user: User
    progress_round: ProgressRound
    kind: ReminderKind
    actions: list[Action]


def kind_due(
    progress_round: ProgressRound, today: datetime.date, days_before: int
) -> ReminderKind | None:
    """Which reminder, if any, this round calls for today."""
    if today > progress_round.deadline:
        return ReminderKind.OVERDUE
    if today >= progress_round.deadline - datetime.timedelta(days=days_before):
        return ReminderKind.BEFORE_DEADLINE
    return None


def _waiting_actions(progress_round: ProgressRound, organisation_id: int) -> list[Action]:
    """The organisation's actions in the round with nothing submitted or approved yet."""
    rows = selectors.round_rows_for_the_system(progress_round)
    return [
        row.action
        for row in rows
        if (row.update is None or row.update.state not in DONE)
        and any(org.pk == organisation_id for org in row.action.lead_organisations.all())
    ]


def reminders_due(today: datetime.date, days_before: int = DAYS_BEFORE_DEADLINE) -> list[Reminder]:
    reminders = []
    for progress_round in ProgressRound.objects.open().select_related("strategy__partnership"):
        kind = kind_due(progress_round, today, days_before)
        if kind is None:
            continue
        already = set(
            ReminderSent.objects.filter(
                progress_round=progress_round, kind=kind, deadline=progress_round.deadline
            ).values_list("user_id", flat=True)
        )
        officers = (
            User.objects.filter(
                permissions.reminder_recipients(progress_round.strategy.partnership_id)
            )
            .exclude(pk__in=already)
            .order_by("pk")
        )
        waiting_by_org: dict[int, list[Action]] = {}
        for user in officers:
            org_id = user.organisation_id
            assert org_id is not None
            if org_id not in waiting_by_org:
                waiting_by_org[org_id] = _waiting_actions(progress_round, org_id)
            if waiting_by_org[org_id]:
                reminders.append(Reminder(user, progress_round, kind, waiting_by_org[org_id]))
    return reminders


@dataclass(frozen=True)
class Unreachable:
    """An organisation with actions waiting in a round and nobody a reminder can go to."""

    progress_round: ProgressRound
    organisation: Organisation
    actions: list[Action]


def unreachable(today: datetime.date, days_before: int = DAYS_BEFORE_DEADLINE) -> list[Unreachable]:
    """Where today's reminders cannot be sent: lead organisations whose actions still need an
    update but which have no active lead officer with an email address."""
    found = []
    for progress_round in ProgressRound.objects.open().select_related("strategy__partnership"):
        if kind_due(progress_round, today, days_before) is None:
            continue
        reachable = coverage.organisations_with_lead_officers(
            progress_round.strategy.partnership_id, reachable=True
        )
        waiting: dict[int, list[Action]] = {}
        organisations: dict[int, Organisation] = {}
        for row in selectors.round_rows_for_the_system(progress_round):
            if row.update is not None and row.update.state in DONE:
                continue
            for organisation in row.action.lead_organisations.all():
                if organisation.pk not in reachable:
                    organisations[organisation.pk] = organisation
                    waiting.setdefault(organisation.pk, []).append(row.action)
        found += [Unreachable(progress_round, organisations[pk], waiting[pk]) for pk in waiting]
    return found


def _render(reminder: Reminder, site_url: str) -> tuple[str, str]:
    language = reminder.user.preferred_language
    with translation.override(language if language in LANGUAGE_CODES else "en"):
        context = {
            "user": reminder.user,
            "round": reminder.progress_round,
            "actions": reminder.actions,
            "overdue": reminder.kind == ReminderKind.OVERDUE,
            "link": site_url.rstrip("/") + reverse("progress:my-actions"),
        }
        subject = render_to_string("progress/email/reminder_subject.txt", context)
        body = render_to_string("progress/email/reminder_body.txt", context)
    return " ".join(subject.split()), body


def send(reminder: Reminder, site_url: str) -> bool:
    """Record and send one reminder; False when it had already been sent."""
    subject, body = _render(reminder, site_url)
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                user=reminder.user,
                progress_round=reminder.progress_round,
                kind=reminder.kind,
                deadline=reminder.progress_round.deadline,
            )
            send_mail(subject, body, None, [reminder.user.email])
    except IntegrityError:
        return False  # another run sent it first
    return True


def send_reminders(
    today: datetime.date, site_url: str, days_before: int = DAYS_BEFORE_DEADLINE
) -> int:
    sent = 0
    for reminder in reminders_due(today, days_before):
        if send(reminder, site_url):
            sent += 1
            logger.info(
                "Sent %s reminder for %s to user %s",
                reminder.kind, reminder.progress_round, reminder.user.pk,
            )  # fmt: skip
    return sent
