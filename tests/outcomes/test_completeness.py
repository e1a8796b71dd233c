import datetime

from tests.outcomes.test_return_services import full_return
from vawdasv.outcomes import completeness
from vawdasv.outcomes.services import returns


def test_a_supplier_is_judged_on_its_own_returns_received_on_time_and_filled(world, outcomes):
    late = returns.open_return(
        actor=world.admin, partnership=world.partnership, supplier=world.police,
        period_label="2025/26 Q1", deadline=datetime.date(2025, 7, 31),
        measures=[outcomes.cases], areas=[outcomes.cardiff, outcomes.vale],
    )  # fmt: skip
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, values=full_return(outcomes),
        expected_version=1,
    )  # fmt: skip
    returns.submit_return(actor=world.lead, data_return=outcomes.data_return)
    [record] = completeness.by_supplier(world.partnership.pk, today=datetime.date(2026, 1, 1))
    assert (record.expected, record.received, record.overdue) == (2, 1, 1)
    assert record.on_time == 0  # submitted today, after the 2025 deadline
    assert (record.filled, record.cells, record.completeness) == (4, 6, 67)
    assert late.pk


def test_the_framework_page_shows_completeness(client, world, outcomes):
    client.force_login(world.admin)
    page = client.get("/outcomes/cardiff-vale/").content.decode()
    assert "Completeness and timeliness by supplier" in page
