"""The permission rules themselves, as a table: each rule × each kind of person, no database.

People are stand-ins with their roles already known (the cache `roles_of` fills per request),
so the table checks the rules, not the queries. Partnership 1 is Cardiff and Vale, 2 is Gwent;
organisation 10 (South Wales Police) leads the action, 20 (Cardiff Council) does not.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import Role

CV, GWENT = 1, 2
POLICE, COUNCIL = 10, 20


def _person(roles: dict[int, str], organisation_id: int | None = None, **flags: bool) -> Any:
    person = SimpleNamespace(
        is_authenticated=True,
        is_superuser=flags.get("superuser", False),
        national_observer=flags.get("observer", False),
        organisation_id=organisation_id,
    )
    person._vawdasv_roles = roles  # what roles_of caches for a request
    return person


PEOPLE: dict[str, Any] = {
    "anonymous": SimpleNamespace(is_authenticated=False, organisation_id=None),
    "administrator": _person({CV: Role.ADMINISTRATOR}),
    "lead_officer": _person({CV: Role.LEAD_OFFICER}, POLICE),
    "other_lead_officer": _person({CV: Role.LEAD_OFFICER}, COUNCIL),
    "board_member_at_lead_org": _person({CV: Role.BOARD_MEMBER}, POLICE),
    "other_partnership_admin": _person({GWENT: Role.ADMINISTRATOR}),
    "other_partnership_lead": _person({GWENT: Role.LEAD_OFFICER}, POLICE),
    "national_observer": _person({}, observer=True),
    "superuser": _person({}, superuser=True),
}


class _Leads:
    def __init__(self, ids: list[int]) -> None:
        self._ids = ids

    def all(self) -> list[Any]:
        return [SimpleNamespace(pk=pk) for pk in self._ids]


ACTION = SimpleNamespace(lead_organisations=_Leads([POLICE]))


def _sees(state: str) -> Callable[[Any], bool]:
    return lambda user: permissions.can_see_update(
        user, state=state, partnership_id=CV, lead_organisation_ids=[POLICE]
    )


def _changes_now(state: str | None, round_open: bool = True) -> Callable[[Any], bool]:
    return lambda user: permissions.can_change_update_now(
        user, ACTION, CV, round_is_open=round_open, update_state=state
    )


RULES: dict[str, Callable[[Any], bool]] = {
    "read_progress": lambda user: permissions.can_read_progress(user, CV),
    "see_approved_update": _sees("approved"),
    "see_draft_update": _sees("draft"),
    "see_submitted_update": _sees("submitted"),
    "see_returned_update": _sees("returned"),
    "write_update": lambda user: permissions.can_write_update(user, ACTION, CV),
    "change_new_update_now": _changes_now(None),
    "change_draft_now": _changes_now("draft"),
    "change_returned_now": _changes_now("returned"),
    "change_submitted_now": _changes_now("submitted"),
    "change_draft_in_closed_round": _changes_now("draft", round_open=False),
    "run_rounds": lambda user: permissions.can_run_rounds(user, CV),
    "manage_imports": lambda user: permissions.can_manage_imports(user, CV),
}

Y, N = True, False
# fmt: off
#                               anon adm  lead o.ld brd  g.adm g.ld obs  super
EXPECTED: dict[str, tuple[bool, ...]] = {
    "read_progress":                (N,  Y,   Y,   Y,   Y,   N,    N,   Y,   Y),
    "see_approved_update":          (N,  Y,   Y,   Y,   Y,   N,    N,   Y,   Y),
    "see_draft_update":             (N,  Y,   Y,   N,   N,   N,    N,   N,   Y),
    "see_submitted_update":         (N,  Y,   Y,   N,   N,   N,    N,   N,   Y),
    "see_returned_update":          (N,  Y,   Y,   N,   N,   N,    N,   N,   Y),
    "write_update":                 (N,  Y,   Y,   N,   N,   N,    N,   N,   Y),
    "change_new_update_now":        (N,  Y,   Y,   N,   N,   N,    N,   N,   Y),
    "change_draft_now":             (N,  Y,   Y,   N,   N,   N,    N,   N,   Y),
    "change_returned_now":          (N,  Y,   Y,   N,   N,   N,    N,   N,   Y),
    "change_submitted_now":         (N,  N,   N,   N,   N,   N,    N,   N,   N),
    "change_draft_in_closed_round": (N,  N,   N,   N,   N,   N,    N,   N,   N),
    "run_rounds":                   (N,  Y,   N,   N,   N,   N,    N,   N,   Y),
    "manage_imports":               (N,  Y,   N,   N,   N,   N,    N,   N,   Y),
}
# fmt: on


def test_the_table_covers_every_rule() -> None:
    assert set(EXPECTED) == set(RULES)


@pytest.mark.parametrize("rule", list(EXPECTED))
def test_each_rule_answers_each_person_as_the_table_says(rule: str) -> None:
    answers = tuple(RULES[rule](person) for person in PEOPLE.values())
    assert answers == EXPECTED[rule], dict(zip(PEOPLE, answers, strict=True))


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("administrator", None),
        ("superuser", None),
        ("lead_officer", 403),
        ("board_member_at_lead_org", 403),
        ("national_observer", 403),  # reads everything, so knowing the page exists leaks nothing
        ("other_partnership_admin", 404),
        ("anonymous", 404),
    ],
)
def test_administrators_pages_refuse_members_and_hide_from_outsiders(
    person: str, expected: int | None
) -> None:
    assert permissions.admin_page_refusal(PEOPLE[person], CV) == expected
