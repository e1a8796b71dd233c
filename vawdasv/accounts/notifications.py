"""Notifications: told on the home page, and by email in the recipient's language.

A small generic API any domain app can use (progress wires it now; governance and outcomes can
later): the app registers its `Kind`s when it starts, then calls `notify` inside its service's
transaction. A notification is stored as a kind, parameters and a link, never as translated
text, so each reader sees it in their language and each email goes in its recipient's.

Kinds that can wait (an update submitted for review) go out in one daily digest unless the person
chose "straight away" (User.notification_emails); the others are emailed once the transaction
commits. `send_digests` is idempotent: a DigestSent row per person and day is written in the same
transaction as the notifications it marks emailed.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from vawdasv.accounts.models import DigestSent, Notification, NotificationEmails, User
from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.lib.bilingual import LANGUAGE_CODES
from vawdasv.partnerships import permissions

logger = logging.getLogger(__name__)

# A parameter is plain text, or content in both languages as {"en": ..., "cy": ...}.
Param = str | Mapping[str, str]
CREATED_FIELDS = ("user", "kind", "link")
HOME_LIMIT = 10  # the home page shows this many; the rest are on the list page
LIST_PAGE_SIZE = 20


@dataclass(frozen=True)
class Kind:
    """What a notification says: `message` is a lazily translated text with %(name)s
    placeholders filled from the notification's parameters."""

    key: str
    message: str | Promise
    can_wait: bool = False  # may go in the daily digest for people who chose it


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _kinds[kind.key] = kind
    return kind


def _in_language(value: Any) -> str:
    if isinstance(value, Mapping):
        language = translation.get_language() or "en"
        return str(value.get(language[:2]) or value.get("en") or value.get("cy") or "")
    return str(value)


def text(notification: Notification) -> str:
    """What the notification says, in the active language."""
    kind = _kinds.get(notification.kind)
    if kind is None:
        return notification.kind  # a kind no app registers any more: say what it was
    params = {name: _in_language(value) for name, value in notification.params.items()}
    try:
        return str(kind.message) % params
    except (KeyError, ValueError, TypeError):
        logger.warning("Notification %s lacks parameters for its message", notification.pk)
        return str(kind.message)


def href(notification: Notification) -> str:
    """The link in the active language (links are stored as the English address)."""
    language = translation.get_language() or "en"
    try:
        with translation.override("en"):
            match = resolve(notification.link)
        with translation.override(language):
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return notification.link  # a page that has since moved: the address as it was


def _language(user: User) -> str:
    return user.preferred_language if user.preferred_language in LANGUAGE_CODES else "en"


# Writing --------------------------------------------------------------------------------------


def notify(
    *,
    actor: Any,
    recipients: Iterable[User],
    kind: Kind,
    params: Mapping[str, Param],
    link: str,
    partnership: Any = None,
    site_url: str | None = None,
) -> list[Notification]:
    """Tell each recipient (but never the actor about their own doing). Call inside the
    service's transaction: the rows and their audit entries commit or roll back with it, and
    the emails that should go at once are sent only after it commits."""
    if not link.startswith("/"):
        raise ValueError("A notification links to a path on this site")
    if _kinds.get(kind.key) is not kind:
        raise ValueError(f"Register the notification kind {kind.key!r} first")
    site_url = site_url or settings.SITE_URL
    made = []
    for user in {person.pk: person for person in recipients}.values():
        if user.pk == getattr(actor, "pk", None) or not user.is_active:
            continue
        waits = kind.can_wait and user.notification_emails == NotificationEmails.DAILY
        notification = Notification.objects.create(
            user=user,
            partnership=partnership,
            kind=kind.key,
            params=dict(params),
            link=link,
            waits_for_digest=waits,
        )
        kernel.created(
            actor=actor, instance=notification, fields=CREATED_FIELDS, partnership=partnership
        )
        if not waits and user.email:
            transaction.on_commit(partial(_send_at_once, notification.pk, site_url), robust=True)
        made.append(notification)
    return made


@transaction.atomic
def mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark one's own notification read (reading it twice changes nothing)."""
    kernel.require(permissions.can_mark_notification_read(actor, notification))
    locked = kernel.lock(notification)
    if locked.read_at is None:
        before = audit.snapshot(locked, ("read_at",))
        locked.read_at = timezone.now()
        kernel.save_changes(
            actor=actor,
            instance=locked,
            before=before,
            fields=("read_at",),
            partnership=locked.partnership,
            only_fields=True,
        )
    return locked


@transaction.atomic
def mark_all_read(*, actor: Any) -> int:
    """Mark all of one's unread notifications read; how many there were."""
    unread = list(Notification.objects.select_for_update().filter(user=actor, read_at=None))
    for notification in unread:
        mark_read(actor=actor, notification=notification)
    return len(unread)


@transaction.atomic
def choose_emails(*, actor: Any, user: User, choice: str) -> None:
    """A person chooses daily or immediate emails for what can wait; audited."""
    kernel.require(permissions.can_choose_notification_emails(actor, user))
    if choice not in NotificationEmails.values:
        raise ValueError(choice)
    locked = kernel.lock(user)
    before = audit.snapshot(locked, ("notification_emails",))
    locked.notification_emails = choice
    kernel.save_changes(
        actor=actor,
        instance=locked,
        before=before,
        fields=("notification_emails",),
        partnership=None,
        only_fields=True,
    )
    # What waited for the digest now goes at once (the next run of the daily task would
    # otherwise be the first email the person gets after choosing "straight away").
    if choice == NotificationEmails.IMMEDIATE:
        Notification.objects.filter(user=locked, emailed_at=None).update(waits_for_digest=False)


# Reading --------------------------------------------------------------------------------------


def for_home(user: Any) -> list[tuple[Notification, str, str]]:
    """The person's latest notifications, unread first, each with its text and link."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = Notification.objects.filter(permissions.own_notifications(user)).order_by(
        F("read_at").desc(nulls_first=True), "-created_at", "-pk"
    )[:HOME_LIMIT]
    return [(row, text(row), href(row)) for row in rows]


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0  # no query for a visitor
    return Notification.objects.filter(permissions.own_notifications(user), read_at=None).count()


def total_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0  # no query for a visitor
    return Notification.objects.filter(permissions.own_notifications(user)).count()


Shown = tuple[Notification, str, str]  # a notification, what it says, where it links


def page_of(user: Any, number: Any) -> tuple[Page[Notification], list[Shown]]:
    """One page of the person's own notifications, newest first, each with its text and link.
    Two queries however many there are (the count and the page)."""
    rows = Notification.objects.filter(permissions.own_notifications(user)).order_by(
        "-created_at", "-pk"
    )
    page = Paginator(rows, LIST_PAGE_SIZE).get_page(number)
    return page, [(row, text(row), href(row)) for row in page.object_list]


# Emails ---------------------------------------------------------------------------------------


def _email(user: User, template: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    """A plain-text email with an HTML alternative (escaped), in the recipient's language."""
    with translation.override(_language(user)):
        context = {**context, "user": user}
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
        body = render_to_string(f"accounts/email/{template}_body.txt", context)
        html = render_to_string(f"accounts/email/{template}_body.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), body, None, [user.email])
    message.attach_alternative(html, "text/html")
    return message


def _items(notifications: Iterable[Notification], site_url: str) -> list[dict[str, str]]:
    return [{"text": text(n), "link": site_url.rstrip("/") + href(n)} for n in notifications]


def _send_at_once(notification_id: int, site_url: str) -> None:
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, emailed_at=None)
            .first()
        )
        if notification is None:
            return
        user = notification.user
        with translation.override(_language(user)):
            items = _items([notification], site_url)
        _email(user, "notification", {"item": items[0]}).send()
        notification.emailed_at = timezone.now()  # bookkeeping, not a change anyone made
        notification.save(update_fields=["emailed_at"])


def waiting_for_digest() -> QuerySet[Notification]:
    return Notification.objects.filter(emailed_at=None, waits_for_digest=True).exclude(
        user__email=""
    )


def send_digests(today: datetime.date, site_url: str) -> int:
    """One email per person with everything that waited; never two for a person on one day.
    How many were sent."""
    sent = 0
    user_ids = sorted(set(waiting_for_digest().values_list("user_id", flat=True)))
    for user in User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=today)
                waiting = list(
                    waiting_for_digest()
                    .select_for_update()
                    .filter(user=user)
                    .order_by("created_at", "pk")
                )
                if not waiting:
                    transaction.set_rollback(True)
                    continue
                with translation.override(_language(user)):
                    items = _items(waiting, site_url)
                # Sent inside the transaction: a failed send rolls the DigestSent row back, so
                # tomorrow's run (or a rerun today) tries again.
                _email(user, "digest", {"items": items, "day": today}).send()
                Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(
                    emailed_at=timezone.now()
                )
        except IntegrityError:
            continue  # today's digest for this person has already gone
        sent += 1
    return sent
