"""A round's deadline: refused before its period or (when set now) in the past; administrators
move it, audited, and reminders follow the new date (issue 11, "The round", item 2)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from vawdasv.audit.services import history_for
from vawdasv.progress import reminders, services
from vawdasv.progress.models import ProgressRound, ReminderSent

SITE = "https://vawdasv.example.org"
TODAY = datetime.date.today()


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_deadline_before_the_period_starts_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.open_round(
            actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
            deadline=datetime.date(2025, 6, 30),
        )  # fmt: skip
    assert "start of the reporting period, 1 July 2025" in str(refused.value.message_dict)
    assert not ProgressRound.objects.exists()


def test_a_deadline_in_the_past_is_refused_when_a_person_opens_a_round(world):
    with pytest.raises(ValidationError) as refused:
        services.open_round(
            actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
            deadline=datetime.date(2025, 10, 31), today=datetime.date(2025, 11, 1),
        )  # fmt: skip
    assert "today or in the future" in str(refused.value.message_dict["deadline"])


def test_the_open_round_page_refuses_a_past_deadline_with_a_message_and_saves_nothing(world):
    url = reverse("progress:round-open", args=[world.strategy.slug])
    yesterday = TODAY - datetime.timedelta(days=1)

    response = _login(world.admin).post(url, {"period": "2025/26 Q2", "deadline": yesterday})

    assert response.status_code == 400
    assert "The deadline must be today or in the future" in response.content.decode()
    assert not ProgressRound.objects.exists()


def _open_round(world) -> ProgressRound:
    return services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=TODAY + datetime.timedelta(days=20),
    )  # fmt: skip


def test_an_administrator_changes_the_deadline_and_the_history_says_so(world):
    progress_round = _open_round(world)
    new = TODAY + datetime.timedelta(days=40)
    url = reverse("progress:round-deadline", args=[progress_round.pk])

    response = _login(world.admin).post(url, {"deadline": new, "version": progress_round.version})

    assert response.status_code == 302
    progress_round.refresh_from_db()
    assert progress_round.deadline == new
    latest = history_for(progress_round).first()
    assert latest.changes["deadline"]["after"] == new.isoformat()


def test_a_lead_officer_may_not_change_the_deadline(world):
    progress_round = _open_round(world)
    url = reverse("progress:round-deadline", args=[progress_round.pk])

    response = _login(world.lead).post(url, {"deadline": TODAY + datetime.timedelta(days=40)})

    assert response.status_code == 403


def test_a_changed_deadline_in_the_past_is_refused_with_a_message(world):
    progress_round = _open_round(world)
    url = reverse("progress:round-deadline", args=[progress_round.pk])

    response = _login(world.admin).post(url, {"deadline": TODAY - datetime.timedelta(days=1)})

    assert response.status_code == 400
    assert "today or in the future" in response.content.decode()
    progress_round.refresh_from_db()
    assert progress_round.deadline == TODAY + datetime.timedelta(days=20)


def test_reminders_follow_the_new_deadline(world, mailoutbox):
    progress_round = _open_round(world)
    first = progress_round.deadline
    assert reminders.send_reminders(first - datetime.timedelta(days=7), SITE) == 2

    moved = first + datetime.timedelta(days=30)
    services.change_deadline(actor=world.admin, progress_round=progress_round, deadline=moved)

    # Nothing on the old reminder day any more, and the new week-before reminder goes out.
    assert reminders.send_reminders(first - datetime.timedelta(days=7), SITE) == 0
    assert reminders.send_reminders(moved - datetime.timedelta(days=7), SITE) == 2
    assert set(ReminderSent.objects.values_list("deadline", flat=True)) == {first, moved}
    assert moved.strftime("%-d %B %Y") in mailoutbox[-1].body
