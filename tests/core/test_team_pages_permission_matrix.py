"""The regional team's own pages × every role: imports, revisions, the alias list, people and
organisations.

These pages belong to the partnership's administrators (and superusers). Other members and the
national observer are refused (403); someone outside the partnership is refused where the
partnership itself is public (its published plan), and told an import does not exist (404), so
import numbers reveal nothing. Anonymous visitors are sent to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from tests.imports.web.documents import plan_text
from vawdasv.imports import uploads
from vawdasv.partnerships.models import Membership

OK, LOGIN, DENY, HIDE = 200, 302, 403, 404

ROLES = (
    "anonymous", "administrator", "lead_officer", "other_lead_officer", "board_member",
    "other_partnership_administrator", "national_observer", "superuser",
)  # fmt: skip

# fmt: off
#                           anon   admin  lead   o.lead board  nia    obs.   super
EXPECTED: dict[str, tuple[int, ...]] = {
    "import_upload":       (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "import_list":         (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "import_preview":      (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "revision_upload":     (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "aliases":             (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "alias_add":           (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "people":              (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "invite":              (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "membership":          (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "organisations":       (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "settings":            (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "without_lead_officer":(LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
}
# fmt: on


def _pages(world: Any) -> dict[str, Callable[[], str]]:
    plan_import = uploads.create_import(
        actor=world.admin, partnership=world.partnership, filename="plan.txt", data=plan_text()
    )
    partnership, strategy = world.partnership.slug, world.strategy.slug
    member = Membership.objects.get(user=world.board, partnership=world.partnership)
    return {
        "import_upload": lambda: reverse("imports:upload", args=[partnership]),
        "import_list": lambda: reverse("imports:list", args=[partnership]),
        "import_preview": lambda: reverse("imports:preview", args=[plan_import.pk]),
        "revision_upload": lambda: reverse("imports:revise", args=[strategy]),
        "aliases": lambda: reverse("partnerships:aliases", args=[partnership]),
        "alias_add": lambda: reverse("partnerships:alias-add", args=[partnership]),
        "people": lambda: reverse("partnerships:people", args=[partnership]),
        "invite": lambda: reverse("partnerships:invite", args=[partnership]),
        "membership": lambda: reverse("partnerships:membership", args=[partnership, member.pk]),
        "organisations": lambda: reverse("partnerships:organisations", args=[partnership]),
        "settings": lambda: reverse("partnerships:settings", args=[partnership]),
        "without_lead_officer": lambda: reverse("plans:without-lead-officer", args=[partnership]),
    }


def test_the_table_covers_every_team_page(cast) -> None:
    assert set(EXPECTED) == set(_pages(cast.world))


@pytest.mark.parametrize("page", list(EXPECTED))
def test_team_page_answers_each_role_as_the_table_says(cast, page: str) -> None:
    url = _pages(cast.world)[page]()
    answers = tuple(cast.client_for(role).get(url).status_code for role in ROLES)
    assert answers == EXPECTED[page], dict(zip(ROLES, answers, strict=True))
