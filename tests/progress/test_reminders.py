import datetime

import pytest
from django.core.management import call_command

from vawdasv.progress import reminders, services
from vawdasv.progress.enums import ReminderKind
from vawdasv.progress.models import ReminderSent

from .conftest import DEADLINE, GOOD_UPDATE

SITE = "https://vawdasv.example.org"
WEEK_BEFORE = DEADLINE - datetime.timedelta(days=7)
DAY_AFTER = DEADLINE + datetime.timedelta(days=1)


def _recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_lead_officers_are_reminded_a_week_before_the_deadline(world, progress_round, mailoutbox):
    assert reminders.send_reminders(WEEK_BEFORE, SITE) == 2
    assert _recipients(mailoutbox) == ["bethan@example.org", "owain@example.org"]
    to_owain = next(m for m in mailoutbox if m.to == ["owain@example.org"])
    assert "2025/26 Q2" in to_owain.subject
    assert world.police_action.text_en in to_owain.body
    assert world.council_action.text_en not in to_owain.body
    assert f"{SITE}/progress/" in to_owain.body


def test_nobody_is_reminded_earlier_than_a_week_before(world, progress_round, mailoutbox):
    assert reminders.send_reminders(WEEK_BEFORE - datetime.timedelta(days=1), SITE) == 0
    assert mailoutbox == []


def test_running_again_the_same_day_or_the_next_sends_nothing_new(
    world, progress_round, mailoutbox
):
    reminders.send_reminders(WEEK_BEFORE, SITE)
    assert reminders.send_reminders(WEEK_BEFORE, SITE) == 0
    assert reminders.send_reminders(WEEK_BEFORE + datetime.timedelta(days=1), SITE) == 0
    assert len(mailoutbox) == 2
    assert ReminderSent.objects.filter(kind=ReminderKind.BEFORE_DEADLINE).count() == 2


def test_an_overdue_reminder_follows_once_the_deadline_has_passed(
    world, progress_round, mailoutbox
):
    reminders.send_reminders(WEEK_BEFORE, SITE)
    assert reminders.send_reminders(DAY_AFTER, SITE) == 2
    assert reminders.send_reminders(DAY_AFTER + datetime.timedelta(days=1), SITE) == 0
    overdue = mailoutbox[2:]
    assert len(overdue) == 2
    assert all("overdue" in m.subject for m in overdue)


def test_a_lead_officer_who_has_submitted_is_not_reminded(world, progress_round, mailoutbox):
    services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    reminders.send_reminders(WEEK_BEFORE, SITE)
    assert _recipients(mailoutbox) == ["bethan@example.org"]


def test_a_draft_still_earns_a_reminder(world, progress_round, mailoutbox):
    services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "Half written"},
    )  # fmt: skip
    reminders.send_reminders(WEEK_BEFORE, SITE)
    assert "owain@example.org" in _recipients(mailoutbox)


def test_a_closed_round_sends_no_reminders(world, progress_round, mailoutbox):
    services.close_round(actor=world.admin, progress_round=progress_round)
    assert reminders.send_reminders(DAY_AFTER, SITE) == 0


def test_people_without_an_email_address_are_skipped(world, progress_round, mailoutbox):
    world.lead.email = ""
    world.lead.save()
    reminders.send_reminders(WEEK_BEFORE, SITE)
    assert _recipients(mailoutbox) == ["bethan@example.org"]


def test_reminders_are_written_in_each_persons_language(world, progress_round, mailoutbox):
    world.lead.preferred_language = "cy"
    world.lead.save()
    reminders.send_reminders(WEEK_BEFORE, SITE)
    welsh = next(m for m in mailoutbox if m.to == ["owain@example.org"])
    english = next(m for m in mailoutbox if m.to == ["bethan@example.org"])
    # Links are built inside the language override, so the Welsh email links to /cy/ pages.
    assert f"{SITE}/cy/progress/" in welsh.body
    assert f"{SITE}/progress/" in english.body and "/cy/" not in english.body


def test_a_failed_send_is_not_recorded_so_it_is_tried_again(
    world, progress_round, mailoutbox, monkeypatch
):
    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", broken)
    with pytest.raises(ConnectionError):
        reminders.send_reminders(WEEK_BEFORE, SITE)
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert reminders.send_reminders(WEEK_BEFORE, SITE) == 2


def test_the_command_is_safe_to_run_daily(world, progress_round, mailoutbox, capsys):
    call_command("send_reminders", "--today", WEEK_BEFORE.isoformat(), "--site-url", SITE)
    call_command("send_reminders", "--today", WEEK_BEFORE.isoformat(), "--site-url", SITE)
    output = capsys.readouterr().out
    assert "2 reminder(s) sent" in output and "0 reminder(s) sent" in output
    assert len(mailoutbox) == 2
