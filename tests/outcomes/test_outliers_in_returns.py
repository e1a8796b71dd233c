import datetime

import pytest

from tests.outcomes.conftest import number
from vawdasv.outcomes.grid import comment_name, field_name
from vawdasv.outcomes.services import returns
from vawdasv.outcomes.validation import CellValue

CARDIFF, VALE = "W06000015", "W06000014"


def cells(cases_cardiff, comment=""):
    return {
        ("marac_cases", CARDIFF, None): CellValue("number", number(cases_cardiff).number, comment),
        ("marac_cases", VALE, None): number(10),
        ("repeat_cases", CARDIFF, None): number(2),
        ("repeat_cases", VALE, None): number(2),
    }


@pytest.fixture
def history(world, outcomes):
    """Four approved quarters before 2025/26 Q2 with about ten cases in Cardiff."""
    for label, cases in (("2024/25 Q2", 10), ("2024/25 Q3", 12), ("2024/25 Q4", 9),
                         ("2025/26 Q1", 11)):  # fmt: skip
        earlier = returns.open_return(
            actor=world.admin, partnership=world.partnership, supplier=world.police,
            period_label=label, deadline=datetime.date(2025, 12, 1),
            measures=[outcomes.cases, outcomes.repeats], areas=[outcomes.cardiff, outcomes.vale],
        )  # fmt: skip
        returns.save_values(
            actor=world.lead, data_return=earlier, values=cells(cases), expected_version=None
        )
        returns.submit_return(actor=world.lead, data_return=earlier)
        returns.approve_return(actor=world.admin, data_return=earlier)


def test_a_count_far_above_the_last_quarters_asks_for_a_comment_but_is_saved(
    world, outcomes, history
):
    warnings = returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, values=cells(60), expected_version=1
    )
    assert [(w.cell, w.blocks) for w in warnings] == [(("marac_cases", CARDIFF, None), False)]
    assert "Please confirm or explain" in warnings[0].message
    with pytest.raises(returns.BlockingProblems):
        returns.submit_return(actor=world.lead, data_return=outcomes.data_return)
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, expected_version=None,
        values=cells(60, "A new IDVA started taking referrals"),
    )  # fmt: skip
    assert returns.submit_return(actor=world.lead, data_return=outcomes.data_return).state == (
        "submitted"
    )


def test_a_usual_count_asks_nothing(world, outcomes, history):
    assert not returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, values=cells(11), expected_version=1
    )


def test_the_grid_shows_a_comment_box_for_the_outlier_and_keeps_the_explanation(
    client, world, outcomes, history
):
    client.force_login(world.lead)
    url = outcomes.data_return.get_absolute_url()
    typed = {field_name(c): str(v.number) for c, v in cells(60).items()}
    client.post(url, {"version": "1", **typed})
    page = client.get(url).content.decode()
    box = comment_name(("marac_cases", CARDIFF, None))
    assert f'name="{box}"' in page
    response = client.post(url, {"version": "2", **typed, box: "New IDVA", "submit": "1"})
    assert response.status_code == 302
    outcomes.data_return.refresh_from_db()
    assert outcomes.data_return.state == "submitted"
