"""A Welsh month typed into a proposed timescale is never stored as the English plan's text
(issue 11, "The round", item 1, in part)."""

import datetime

import pytest

from vawdasv.plans.timescales import plan_text
from vawdasv.progress import services

from .conftest import GOOD_UPDATE


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Medi 2028", "Sep 2028"),
        ("erbyn Mawrth 2027", "Mar 2027"),
        ("mai 2026", "May 2026"),
        ("Parhaus", "Ongoing"),
        ("Yn flynyddol", "Annually"),
        ("I'w gadarnhau", "TBC"),
        ("Q3 2025/26", "Q3 2025/26"),
        ("March 2027", "March 2027"),  # English is kept as typed
        ("2026/27", "2026/27"),
    ],
)
def test_a_typed_timescale_becomes_the_plans_text(typed, stored):
    assert plan_text(typed) == stored


def test_approving_a_welsh_month_stores_the_english_text_and_the_date(world, progress_round):
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, "proposed_timescale_text": "Medi 2028",
              "proposed_timescale_reason": "Oedi"},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update)

    world.police_action.refresh_from_db()
    assert world.police_action.timescale_text == "Sep 2028"
    assert world.police_action.due_date == datetime.date(2028, 9, 30)
