"""Extra people for the platform-core tests, and the password every factory user has.

The shared `world` has the personas with a role in a partnership. Two more people read across
Wales without a membership: a national observer (a Welsh Government official) and a superuser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client, override_settings

from tests import factories
from tests.once import QUICK_HASHER

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    # The factories set a password on every persona; the real hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Cast:
    """Everyone in the permission matrix, by the role they play."""

    world: Any
    people: dict[str, Any]

    def client_for(self, role: str) -> Client:
        client = Client()
        person = self.people[role]
        if person is not None:
            client.force_login(person)
        return client


@pytest.fixture
def cast(world: Any) -> Cast:
    return build_cast(world)


@pytest.fixture(scope="module")
def module_cast(module_world: Any, django_db_blocker: Any) -> Cast:
    """The cast built once per module (see `module_world`): for the permission matrices."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[QUICK_HASHER]):
        return build_cast(module_world)


def build_cast(world: Any) -> Cast:
    observer = factories.UserFactory(
        username="rhiannon", first_name="Rhiannon", national_observer=True
    )
    superuser = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    people = {
        "anonymous": None,
        "administrator": world.admin,
        "lead_officer": world.lead,
        "other_lead_officer": world.council_lead,
        "board_member": world.board,
        "other_partnership_administrator": world.outsider,
        "national_observer": observer,
        "superuser": superuser,
    }
    return Cast(world, people)
