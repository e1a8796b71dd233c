"""/api/v1/groups/ and /api/v1/meetings/: members read them; the public never; no draft minutes."""

from __future__ import annotations

import pytest

from tests.api.conftest import CARDIFF_VALE_MEMBERS, PERSONAS, READS_EVERYTHING
from tests.governance.conftest import gov  # noqa: F401  (the governance fixture)
from vawdasv.governance import services


@pytest.mark.parametrize("persona", PERSONAS)
def test_groups_and_meetings_are_listed_only_for_members_and_readers_of_everything(
    as_persona,
    persona,
    gov,  # noqa: F811
):
    api = as_persona(persona)
    groups = api.results("/api/v1/groups/")
    meetings = api.results("/api/v1/meetings/")
    if persona in CARDIFF_VALE_MEMBERS | READS_EVERYTHING:
        assert [g["name"]["en"] for g in groups] == ["Regional VAWDASV Steering Group"]
        assert groups[0]["reports_to_body"]["name"]["cy"] == "Bwrdd Diogelu Rhanbarthol"
        assert len(meetings) == 2
    else:
        assert groups == [] and meetings == []


def test_a_meeting_has_attendance_counts_decisions_and_only_approved_minutes(
    as_persona,
    world,
    gov,  # noqa: F811
):
    services.record_attendance(
        actor=world.admin, meeting=gov.june,
        statuses={gov.police_seat.pk: "present", gov.council_seat.pk: "apologies"},
    )  # fmt: skip
    services.record_decision(actor=world.admin, meeting=gov.june, data={"what_en": "Agreed"})
    services.save_minutes(actor=world.admin, meeting=gov.june, minutes_en="Secret draft",
                          minutes_cy="")  # fmt: skip
    api = as_persona("board")
    meeting = api.get(f"/api/v1/meetings/{gov.june.pk}/").json()
    assert meeting["attendance_counts"] == {"present": 1, "deputy": 0, "apologies": 1, "absent": 0}
    assert meeting["quorate"] is False
    assert meeting["decisions"][0]["what"] == {"en": "Agreed", "cy": ""}
    assert meeting["minutes_status"] == "draft" and meeting["minutes"] == {"en": "", "cy": ""}
    services.approve_minutes(actor=world.admin, meeting=gov.june, at_meeting=gov.september)
    approved = api.get(f"/api/v1/meetings/{gov.june.pk}/").json()
    assert approved["minutes"] == {"en": "Secret draft", "cy": ""}
