"""Notifications of the round: on the home page, and by email in the recipient's language."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from vawdasv.accounts import notifications
from vawdasv.accounts.models import DigestSent, Notification, NotificationEmails
from vawdasv.accounts.tasks import send_notification_digests
from vawdasv.audit.services import history_for
from vawdasv.partnerships.enums import Role
from vawdasv.progress import services

from .conftest import GOOD_UPDATE

SITE = "http://127.0.0.1:8000"
TODAY = datetime.date(2025, 10, 20)


@pytest.fixture
def submitted(world, progress_round, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.submit_update(
            actor=world.lead, progress_round=progress_round, action=world.police_action,
            data=GOOD_UPDATE,
        )  # fmt: skip


def _html(message):
    return next(content for content, mime in message.alternatives if mime == "text/html")


def test_submitting_tells_each_administrator_and_waits_for_the_daily_email(
    world, submitted, mailoutbox
):
    notification = Notification.objects.get()
    assert notification.user == world.admin
    assert notification.waits_for_digest and notification.emailed_at is None
    assert notification.link == reverse("progress:review", kwargs={"pk": submitted.pk})
    said = notifications.text(notification)
    person, action = world.lead.get_full_name(), world.police_action
    named = " ".join(part for part in (action.ref, action.text_en[:100]) if part)
    assert f"{person} submitted an update on action {named}" in said
    assert "2025/26 Q2" in notifications.text(notification)
    assert mailoutbox == []
    assert history_for(notification).get().verb == "created"


def test_an_administrator_of_another_partnership_or_an_ended_one_is_not_told(
    world, progress_round, django_capture_on_commit_callbacks
):
    ended = factories.MembershipFactory(partnership=world.partnership, role=Role.ADMINISTRATOR)
    ended.active = False
    ended.save()
    services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["alys"]


def test_the_daily_digest_sends_one_email_with_text_and_html_and_never_twice_a_day(
    world, submitted, mailoutbox
):
    assert notifications.send_digests(TODAY, SITE) == 1
    assert notifications.send_digests(TODAY, SITE) == 0
    (message,) = mailoutbox
    assert message.to == [world.admin.email]
    assert "1 new notification" in message.subject
    link = SITE + reverse("progress:review", kwargs={"pk": submitted.pk})
    assert link in message.body and link in _html(message)
    assert Notification.objects.get().emailed_at is not None
    assert DigestSent.objects.filter(user=world.admin, day=TODAY).count() == 1


def test_a_digest_already_sent_today_waits_until_tomorrow_for_what_came_since(
    world, submitted, mailoutbox, progress_round
):
    notifications.send_digests(TODAY, SITE)
    services.submit_update(
        actor=world.council_lead, progress_round=progress_round, action=world.council_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    assert notifications.send_digests(TODAY, SITE) == 0
    assert notifications.send_digests(TODAY + datetime.timedelta(days=1), SITE) == 1
    assert len(mailoutbox) == 2
    assert "Bethan " in mailoutbox[1].body


def test_a_failed_send_leaves_the_digest_to_try_again(world, submitted, mailoutbox, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(ConnectionError):
        notifications.send_digests(TODAY, SITE)
    monkeypatch.undo()
    assert not DigestSent.objects.exists()
    assert notifications.send_digests(TODAY, SITE) == 1


def test_an_administrator_who_chose_straight_away_is_emailed_once_the_submission_commits(
    world, progress_round, mailoutbox, django_capture_on_commit_callbacks
):
    notifications.choose_emails(
        actor=world.admin, user=world.admin, choice=NotificationEmails.IMMEDIATE
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_update(
            actor=world.lead, progress_round=progress_round, action=world.police_action,
            data=GOOD_UPDATE,
        )  # fmt: skip
    (message,) = mailoutbox
    assert "submitted an update on action" in message.body
    assert notifications.send_digests(TODAY, SITE) == 0  # already emailed: not again


def test_a_returned_update_emails_its_lead_officer_at_once_with_the_comment(
    settings, world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.return_update(actor=world.admin, update=submitted, comment="Add the numbers.")
    (message,) = mailoutbox
    assert message.to == [world.lead.email]
    assert "was returned: Add the numbers." in message.body
    mine = Notification.objects.get(user=world.lead)
    assert mine.emailed_at is not None
    assert mine.link == reverse(
        "progress:update",
        kwargs={"pk": submitted.progress_round_id, "action_pk": submitted.action_id},
    )
    assert settings.SITE_URL.rstrip("/") + mine.link in message.body  # a full address


def test_an_approved_update_tells_its_lead_officer_in_their_language(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    world.lead.preferred_language = "cy"
    world.lead.save()
    world.police_action.text_cy = "Hyfforddi swyddogion"
    world.police_action.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_update(actor=world.admin, update=submitted)
    (message,) = mailoutbox
    assert "Cymeradwywyd eich diweddariad" in message.body
    assert "/cy/progress/rounds/" in message.body
    assert "Hyfforddi swyddogion" in message.body
    assert "approved" not in message.body


def test_nobody_is_told_about_their_own_doing(world, progress_round, mailoutbox):
    services.submit_update(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    assert not Notification.objects.exists()


def test_the_html_email_escapes_what_people_wrote(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.return_update(actor=world.admin, update=submitted, comment="<b>bold</b> & co")
    (message,) = mailoutbox
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in _html(message)
    assert "<b>bold</b> & co" in message.body  # the plain text is plain


def test_a_notification_rolls_back_with_a_submission_that_fails(world, progress_round):
    with pytest.raises(Exception):  # noqa: B017 - the incomplete update is refused
        services.submit_update(
            actor=world.lead, progress_round=progress_round, action=world.police_action,
            data={"narrative_en": ""},
        )  # fmt: skip
    assert not Notification.objects.exists()


# Pages -----------------------------------------------------------------------------------


def test_the_home_page_lists_unread_notifications_first_with_links(client, world, submitted):
    older = Notification.objects.get()
    notifications.mark_read(actor=world.admin, notification=older)
    newer = Notification.objects.create(
        user=world.admin, kind="progress.update_approved", link="/progress/",
        params={"action": {"en": "1.1 Unread one", "cy": "1.1 Heb ei ddarllen"}, "period": "Q"},
    )  # fmt: skip
    newer.created_at = older.created_at - datetime.timedelta(days=1)
    newer.save()
    client.force_login(world.admin)
    page = client.get(reverse("core:home")).content.decode()
    assert page.index("1.1 Unread one") < page.index("submitted an update")
    assert f'href="{older.link}"' in page
    assert "1 unread notification" in page


def test_marking_a_notification_read_is_audited_and_only_its_owner_may(client, world, submitted):
    notification = Notification.objects.get()
    client.force_login(world.lead)
    url = reverse("accounts:notification-read", kwargs={"pk": notification.pk})
    assert client.post(url).status_code == 404
    client.force_login(world.admin)
    assert client.post(url).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert [e.verb for e in history_for(notification)] == ["updated", "created"]


def test_mark_all_as_read(client, world, submitted, progress_round):
    services.submit_update(
        actor=world.council_lead, progress_round=progress_round, action=world.council_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    client.force_login(world.admin)
    client.post(reverse("accounts:notifications-read"))
    assert not Notification.objects.filter(read_at=None).exists()


def test_a_person_chooses_straight_away_on_their_preferences_page(client, world, submitted):
    client.force_login(world.admin)
    url = reverse("accounts:notification-preferences")
    assert client.get(url).status_code == 200
    assert client.post(url, {"notification_emails": "sometimes"}).status_code == 400
    assert client.post(url, {"notification_emails": "immediate"}).status_code == 302
    world.admin.refresh_from_db()
    assert world.admin.notification_emails == NotificationEmails.IMMEDIATE
    assert "notification_emails" in history_for(world.admin).first().changes
    # What was waiting for the digest is no longer held back for it.
    assert not Notification.objects.get().waits_for_digest


def test_the_home_page_shows_what_people_wrote_as_text(
    client, world, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.return_update(actor=world.admin, update=submitted, comment="<b>Add</b> figures")
    client.force_login(world.lead)
    page = client.get(reverse("core:home")).content.decode()
    assert "&lt;b&gt;Add&lt;/b&gt; figures" in page
    assert "<b>Add</b>" not in page


def test_the_welsh_home_page_gives_the_notification_in_welsh_with_a_welsh_link(
    client, world, submitted
):
    world.police_action.text_cy = "Hyfforddi swyddogion"
    world.police_action.save()
    client.force_login(world.admin)
    page = client.get("/cy/").content.decode()
    assert "Cyflwynodd Owain Person" in page
    assert f'href="/cy/progress/updates/{submitted.pk}/review/"' in page
    assert "Hysbysiadau" in page


def test_the_digest_is_a_daily_scheduled_task(db, settings):
    names = {entry["task"] for entry in settings.SCHEDULED_TASKS.values()}
    assert "vawdasv.accounts.tasks.send_notification_digests" in names
    assert send_notification_digests.call() == 0  # nothing waiting, nothing sent


def test_an_approval_with_a_comment_passes_the_comment_on(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_update(actor=world.admin, update=submitted, comment="Well done.")
    (message,) = mailoutbox
    assert "was approved: Well done." in message.body
