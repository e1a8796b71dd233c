from __future__ import annotations

import datetime

import pytest
from django.test import Client

from vawdasv.governance import services
from vawdasv.governance.health import add_months, group_health

pytestmark = pytest.mark.django_db


def test_adding_months_keeps_to_the_end_of_short_months():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
    assert add_months(datetime.date(2026, 3, 15), -12) == datetime.date(2025, 3, 15)


def test_a_quarterly_group_is_overdue_three_months_after_its_last_meeting(world, gov):
    services.update_group(
        actor=world.admin, group=gov.group, data={"review_date": datetime.date(2026, 10, 1)}
    )
    gov.group.refresh_from_db()
    services.record_attendance(
        actor=world.admin, meeting=gov.june,
        statuses={gov.police_seat.pk: "present", gov.council_seat.pk: "deputy"},
    )  # fmt: skip
    services.record_attendance(
        actor=world.admin, meeting=gov.september,
        statuses={gov.police_seat.pk: "present", gov.council_seat.pk: "apologies"},
    )  # fmt: skip
    (row,) = group_health([gov.group], datetime.date(2026, 12, 12), datetime.date(2025, 12, 13))
    assert row.last_meeting == datetime.date(2026, 9, 11)
    assert row.next_due == datetime.date(2026, 12, 11)
    assert row.meeting_overdue and row.review_overdue
    assert (row.meetings_held, row.quorate_meetings) == (2, 1)
    assert row.attended_by_organisation == {"Cardiff Council": 1, "South Wales Police": 2}
    (early,) = group_health([gov.group], datetime.date(2026, 9, 30), datetime.date(2025, 10, 1))
    assert not early.meeting_overdue and not early.review_overdue


def test_the_health_page_shows_each_group(world, gov):
    client = Client()
    client.force_login(world.board)
    page = client.get(f"/governance/{world.partnership.slug}/health/")
    assert page.status_code == 200
    assert "Regional VAWDASV Steering Group" in page.content.decode()


def test_the_annual_review_document_lists_each_group_in_the_readers_language(world, gov):
    import io

    import docx

    client = Client()
    client.force_login(world.board)
    response = client.get(f"/cy/governance/{world.partnership.slug}/health/review.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Grŵp Llywio Rhanbarthol VAWDASV" in cells
    assert document.paragraphs[0].text.startswith("Adolygiad llywodraethu blynyddol")
