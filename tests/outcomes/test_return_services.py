from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.outcomes.conftest import number
from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.audit.models import AuditEntry
from vawdasv.outcomes.enums import ReturnState
from vawdasv.outcomes.models import Category, ReturnValue
from vawdasv.outcomes.services import framework, returns
from vawdasv.outcomes.validation import CellValue

CARDIFF, VALE = "W06000015", "W06000014"


def full_return(outcomes):
    return {
        ("marac_cases", CARDIFF, None): number(40),
        ("marac_cases", VALE, None): CellValue("zero"),
        ("repeat_cases", CARDIFF, None): number(12),
        ("repeat_cases", VALE, None): CellValue("not_available", comment="System change"),
    }


def test_the_suppliers_lead_officer_saves_values_each_in_its_state(outcomes, world):
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, values=full_return(outcomes),
        expected_version=1,
    )  # fmt: skip
    states = dict(ReturnValue.objects.values_list("area__gss_code", "state").filter(
        measure=outcomes.repeats))  # fmt: skip
    assert states == {CARDIFF: "number", VALE: "not_available"}
    outcomes.data_return.refresh_from_db()
    assert outcomes.data_return.state == ReturnState.DRAFT
    entry = AuditEntry.objects.filter(
        object_id=outcomes.data_return.pk, content_type__model="datareturn", verb="updated"
    ).get()
    assert entry.origin_kind == "data_return"
    assert entry.changes[f"marac_cases|{CARDIFF}|"]["after"]["number"] == "40"


def test_other_organisations_and_board_members_cannot_enter_the_return(outcomes, world):
    for person in (world.council_lead, world.board, world.outsider):
        with pytest.raises(PermissionDenied):
            returns.save_values(
                actor=person, data_return=outcomes.data_return, values=full_return(outcomes),
                expected_version=None,
            )  # fmt: skip


def test_a_blocking_problem_saves_nothing_and_names_every_cell(outcomes, world):
    female = Category.objects.get(code="female")
    male = Category.objects.get(code="male")
    framework.add_validation_rule(
        actor=world.admin, partnership=world.partnership,
        expression="repeat_cases <= marac_cases", severity="block",
        message_en="Repeat cases cannot be more than cases",
    )  # fmt: skip
    values = {
        **full_return(outcomes),
        ("repeat_cases", CARDIFF, None): number(41),
        ("marac_cases", CARDIFF, female.pk): number(30),
        ("marac_cases", CARDIFF, male.pk): number(11),
    }
    with pytest.raises(returns.BlockingProblems) as error:
        returns.save_values(
            actor=world.lead, data_return=outcomes.data_return, values=values,
            expected_version=1,
        )  # fmt: skip
    messages = {(p.message, p.cell) for p in error.value.problems}
    assert ("Repeat cases cannot be more than cases", ("marac_cases", CARDIFF, None)) in messages
    assert any("add up to 41" in m for m, _cell in messages)
    assert not ReturnValue.objects.exists()


def test_a_negative_figure_is_refused(outcomes, world):
    with pytest.raises(returns.BlockingProblems):
        returns.save_values(
            actor=world.lead, data_return=outcomes.data_return, expected_version=1,
            values={("marac_cases", CARDIFF, None): CellValue("number", Decimal(-1))},
        )  # fmt: skip


def test_the_second_of_two_people_saving_the_same_version_is_refused(outcomes, world):
    first = {("marac_cases", CARDIFF, None): number(5)}
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, values=first, expected_version=1
    )
    with pytest.raises(ConcurrentEditError) as error:
        returns.save_values(
            actor=world.admin, data_return=outcomes.data_return, expected_version=1,
            values={("marac_cases", CARDIFF, None): number(6)},
        )  # fmt: skip
    assert error.value.current.version == 2
    assert ReturnValue.objects.get().number == 5


def test_a_return_with_a_blank_total_cannot_be_submitted(outcomes, world):
    values = full_return(outcomes)
    del values[("repeat_cases", VALE, None)]
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, values=values, expected_version=1
    )
    with pytest.raises(ValidationError, match="never read as zero"):
        returns.submit_return(actor=world.lead, data_return=outcomes.data_return)


def test_submit_return_approve_and_reopen_keep_their_history(outcomes, world):
    data_return = outcomes.data_return
    returns.save_values(
        actor=world.lead, data_return=data_return, values=full_return(outcomes),
        expected_version=1,
    )  # fmt: skip
    data_return = returns.submit_return(actor=world.lead, data_return=data_return)
    with pytest.raises(PermissionDenied):
        returns.save_values(
            actor=world.lead, data_return=data_return, expected_version=None,
            values={("marac_cases", CARDIFF, None): number(1)},
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        returns.approve_return(actor=world.lead, data_return=data_return)
    with pytest.raises(ValidationError):
        returns.return_for_changes(actor=world.admin, data_return=data_return, comment=" ")
    data_return = returns.return_for_changes(
        actor=world.admin, data_return=data_return, comment="Check Vale"
    )
    assert data_return.state == ReturnState.RETURNED
    data_return = returns.submit_return(actor=world.lead, data_return=data_return)
    data_return = returns.approve_return(actor=world.admin, data_return=data_return)
    assert data_return.state == ReturnState.APPROVED
    with pytest.raises(ValidationError):
        returns.reopen_return(actor=world.admin, data_return=data_return, reason="")
    data_return = returns.reopen_return(
        actor=world.admin, data_return=data_return, reason="Police corrected Q2"
    )
    assert data_return.state == ReturnState.DRAFT
    kinds = list(data_return.events.values_list("kind", "comment"))
    assert kinds == [
        ("saved", ""), ("submitted", ""), ("returned", "Check Vale"), ("submitted", ""),
        ("approved", ""), ("reopened", "Police corrected Q2"),
    ]  # fmt: skip
