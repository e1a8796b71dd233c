"""The home page shows a person's newest notifications; the rest are on a paged list of their
own, where each (or all, after asking) can be marked read."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from vawdasv.accounts.models import Notification

START = datetime.datetime(2025, 10, 1, 9, 0, tzinfo=datetime.UTC)


def _notify(user, count, *, read=False, first=0):
    """`count` notifications numbered from `first`; the higher the number, the newer."""
    made = []
    for n in range(first, first + count):
        notification = Notification.objects.create(
            user=user, kind="progress.update_approved", link="/progress/",
            params={"action": {"en": f"Action number {n:03d}", "cy": f"Cam rhif {n:03d}"},
                    "period": "Q2"},
            read_at=timezone.now() if read else None,
        )  # fmt: skip
        notification.created_at = START + datetime.timedelta(hours=n)
        notification.save(update_fields=["created_at"])
        made.append(notification)
    return made


def _numbers(page: str) -> list[str]:
    """The notification numbers in the order the page shows them (each once: its button
    names it again for screen readers)."""
    return list(dict.fromkeys(part[:3] for part in page.split("Action number ")[1:]))


def test_the_home_page_shows_the_ten_newest_unread_and_says_how_many_there_are(client, world):
    _notify(world.admin, 30, read=True, first=100)  # read ones, newer than every unread one
    _notify(world.admin, 15)
    client.force_login(world.admin)
    page = client.get(reverse("core:home")).content.decode()
    assert _numbers(page) == [f"{n:03d}" for n in range(14, 4, -1)]
    assert "Showing 10 of 45 notifications." in page
    assert f'href="{reverse("accounts:notifications")}"' in page


def test_the_home_page_fills_up_with_read_ones_when_fewer_than_ten_are_unread(client, world):
    _notify(world.admin, 3)
    _notify(world.admin, 12, read=True, first=100)
    client.force_login(world.admin)
    page = client.get(reverse("core:home")).content.decode()
    assert _numbers(page) == ["002", "001", "000"] + [f"{n:03d}" for n in range(111, 104, -1)]


def test_the_home_page_says_nothing_of_a_count_when_it_shows_them_all(client, world):
    _notify(world.admin, 4)
    client.force_login(world.admin)
    page = client.get(reverse("core:home")).content.decode()
    assert len(_numbers(page)) == 4
    assert "Showing" not in page


def test_the_list_shows_twenty_a_page_newest_first_with_govuk_pagination(client, world):
    _notify(world.admin, 25)
    client.force_login(world.admin)
    url = reverse("accounts:notifications")
    first = client.get(url).content.decode()
    assert _numbers(first) == [f"{n:03d}" for n in range(24, 4, -1)]
    assert "Showing 1 to 20 of 25 notifications, newest first." in first
    assert 'class="govuk-pagination"' in first and 'href="?page=2"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert _numbers(second) == ["004", "003", "002", "001", "000"]
    assert "(page 2 of 2)" in second
    assert client.get(url, {"page": "lots"}).status_code == 200  # a bad number: the first page


def test_the_list_is_for_signed_in_people_only(client, world):
    response = client.get(reverse("accounts:notifications"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_nobody_sees_or_marks_anyone_elses_notifications(client, world):
    (theirs,) = _notify(world.lead, 1, first=500)
    _notify(world.admin, 2)
    client.force_login(world.admin)
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert "Action number 500" not in page and _numbers(page) == ["001", "000"]
    assert "Action number 500" not in client.get(reverse("core:home")).content.decode()
    url = reverse("accounts:notification-read", kwargs={"pk": theirs.pk})
    assert client.post(url, {"next": reverse("accounts:notifications")}).status_code == 404
    client.post(reverse("accounts:notifications-read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_one_read_on_the_list_returns_to_the_same_page(client, world):
    made = _notify(world.admin, 25)
    client.force_login(world.admin)
    back = reverse("accounts:notifications") + "?page=2"
    url = reverse("accounts:notification-read", kwargs={"pk": made[0].pk})
    response = client.post(url, {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    made[0].refresh_from_db()
    assert made[0].read_at is not None


def test_marking_one_read_never_goes_off_the_site(client, world):
    (notification,) = _notify(world.admin, 1)
    client.force_login(world.admin)
    url = reverse("accounts:notification-read", kwargs={"pk": notification.pk})
    response = client.post(url, {"next": "https://example.com/"})
    assert response["Location"] == reverse("core:home")


def test_marking_all_read_asks_first_and_changes_nothing_until_confirmed(client, world):
    _notify(world.admin, 3)
    client.force_login(world.admin)
    url = reverse("accounts:notifications-read")
    page = client.get(url).content.decode()
    assert "Mark all your notifications as read?" in page
    assert "You have 3 unread notifications." in page
    assert Notification.objects.filter(read_at=None).count() == 3
    assert f'href="{url}"' in client.get(reverse("core:home")).content.decode()
    assert client.post(url).status_code == 302
    assert not Notification.objects.filter(read_at=None).exists()


def test_the_welsh_list_is_in_welsh(client, world):
    _notify(world.admin, 2)
    client.force_login(world.admin)
    page = client.get("/cy" + reverse("accounts:notifications")).content.decode()
    assert "Cam rhif 001" in page and "Action number" not in page
    assert "Yn dangos 1 i 2 o 2 hysbysiad, y diweddaraf yn gyntaf." in page


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["core:home", "accounts:notifications"])
def test_the_query_count_does_not_grow_with_the_number_of_notifications(client, world, url):
    client.force_login(world.admin)
    _notify(world.admin, 3)
    _notify(world.admin, 2, read=True, first=50)
    client.get(reverse(url))  # the first request after signing in also settles the session
    few = _queries(client, reverse(url))
    _notify(world.admin, 60, first=100)
    _notify(world.admin, 40, read=True, first=300)
    assert _queries(client, reverse(url)) == few


def test_the_welsh_home_page_counts_in_welsh(client, world):
    _notify(world.admin, 12)
    client.force_login(world.admin)
    page = client.get("/cy/").content.decode()
    assert "Yn dangos 10 o 12 hysbysiad." in page
    assert "Gweld eich holl hysbysiadau" in page
