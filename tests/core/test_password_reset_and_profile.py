"""Forgotten passwords and a person's own details."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.core.conftest import PASSWORD
from vawdasv.accounts.models import User
from vawdasv.audit.models import AuditEntry

RESET = "/accounts/password-reset/"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # the reset limit counts in the cache
    yield
    cache.clear()


def _with_email(user, email: str, language: str = "en") -> None:
    User.objects.filter(pk=user.pk).update(email=email, preferred_language=language)


def test_a_reset_link_lets_the_person_choose_a_new_password(world):
    _with_email(world.lead, "owain@example.org")
    client = Client()
    response = client.post(RESET, {"email": "owain@example.org"})
    assert response.status_code == 302
    link = re.search(r"http://testserver(/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "plenty of words here", "new_password2": "plenty of words here"},
    )
    assert done.status_code == 302
    assert User.objects.get(pk=world.lead.pk).check_password("plenty of words here")
    assert "already been used" in Client().get(link, follow=True).content.decode()


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(world):
    _with_email(world.lead, "owain@example.org")
    known = Client().post(RESET, {"email": "owain@example.org"})
    unknown = Client().post(RESET, {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_the_email_is_in_the_persons_language(world):
    _with_email(world.lead, "owain@example.org", language="cy")
    Client().post(RESET, {"email": "owain@example.org"})
    assert "Ailosod eich cyfrinair" in mail.outbox[0].subject


def test_requests_are_rate_limited(world):
    _with_email(world.lead, "owain@example.org")
    client = Client()
    answers = [client.post(RESET, {"email": "owain@example.org"}).status_code for _ in range(7)]
    assert answers[:5] == [302] * 5
    assert answers[5:] == [429, 429]
    assert len(mail.outbox) == 5


def test_the_reset_pages_are_in_welsh_too(db):
    page = Client().get("/cy" + RESET).content.decode()
    assert '<html lang="cy"' in page and "Ailosod eich cyfrinair" in page


def test_a_person_changes_their_own_details_and_it_is_audited(world):
    client = Client()
    client.force_login(world.lead)
    response = client.post(
        "/accounts/profile/details/",
        {"first_name": "Owain", "last_name": "Rees", "job_title": "Inspector",
         "preferred_language": "cy"},
    )  # fmt: skip
    assert response.status_code == 302
    person = User.objects.get(pk=world.lead.pk)
    assert (person.job_title, person.preferred_language) == ("Inspector", "cy")
    entry = AuditEntry.objects.filter(object_id=person.pk).latest("pk")
    assert entry.changes["job_title"] == {"before": "", "after": "Inspector"}


def test_the_profile_lists_memberships_and_links_to_changes(world):
    client = Client()
    client.force_login(world.lead)
    page = client.get("/accounts/profile/").content.decode()
    assert "Cardiff and Vale" in page
    assert "/accounts/profile/details/" in page and "/accounts/profile/password/" in page


def test_changing_ones_password_is_audited_without_the_password(world):
    client = Client()
    client.force_login(world.lead)
    response = client.post(
        "/accounts/profile/password/",
        {"old_password": PASSWORD, "new_password1": "another long phrase",
         "new_password2": "another long phrase"},
    )  # fmt: skip
    assert response.status_code == 302
    assert User.objects.get(pk=world.lead.pk).check_password("another long phrase")
    entry = AuditEntry.objects.filter(object_id=world.lead.pk).latest("pk")
    assert "another long phrase" not in str(entry.changes)
