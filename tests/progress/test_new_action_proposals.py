"""A lead officer proposes a new action in their update; approving it adds it to the plan."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from vawdasv.audit.describe import describe
from vawdasv.audit.services import history_for
from vawdasv.plans.models import Action
from vawdasv.progress import services
from vawdasv.progress.enums import UpdateState
from vawdasv.progress.models import ProgressUpdate
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather

from .conftest import GOOD_UPDATE

NEW_ACTION = {
    "proposed_new_action_en": "Run a refresher course for custody sergeants",
    "proposed_new_action_cy": "Cynnal cwrs gloywi i ringylliaid y ddalfa",
    "proposed_new_action_timescale": "Mar 2027",
}
TODAY = datetime.date(2025, 10, 15)


def _submit(world, progress_round, **data) -> ProgressUpdate:
    return services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, **NEW_ACTION, **data},
    )  # fmt: skip


def _added(world) -> list[Action]:
    return list(Action.objects.filter(text_en=NEW_ACTION["proposed_new_action_en"]))


def test_a_new_action_without_a_timescale_cannot_be_submitted(world, progress_round):
    with pytest.raises(ValidationError) as error:
        _submit(world, progress_round, proposed_new_action_timescale="")
    assert "proposed_new_action_timescale" in error.value.message_dict
    assert not ProgressUpdate.objects.filter(state=UpdateState.SUBMITTED).exists()


def test_a_new_action_with_a_timescale_the_plan_cannot_read_cannot_be_submitted(
    world, progress_round
):
    with pytest.raises(ValidationError) as error:
        _submit(world, progress_round, proposed_new_action_timescale="when funding allows")
    assert "proposed_new_action_timescale" in error.value.message_dict


def test_a_timescale_without_any_wording_for_the_new_action_cannot_be_submitted(
    world, progress_round
):
    with pytest.raises(ValidationError) as error:
        _submit(world, progress_round, proposed_new_action_en="", proposed_new_action_cy="")
    assert "proposed_new_action_en" in error.value.message_dict


def test_a_new_action_in_welsh_only_is_enough_to_submit(world, progress_round):
    update = _submit(world, progress_round, proposed_new_action_en="")
    assert update.state == UpdateState.SUBMITTED and update.proposes_new_action


def test_a_draft_may_hold_an_unfinished_proposal(world, progress_round):
    update = services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"proposed_new_action_en": "Something for next year"},
    )  # fmt: skip
    assert update.proposed_new_action_en == "Something for next year"


def test_approving_adds_exactly_one_action_to_the_same_commitment_led_by_the_proposer(
    world, progress_round
):
    world.police_action.lead_organisations.add(world.council)
    update = services.approve_update(actor=world.admin, update=_submit(world, progress_round))
    [added] = _added(world)
    assert added.commitment == world.police_action.commitment
    assert added.text_cy == NEW_ACTION["proposed_new_action_cy"]
    assert added.timescale_text == "Mar 2027"
    assert added.due_date == datetime.date(2027, 3, 31)
    # Owain proposed it for South Wales Police; Cardiff Council co-leads the old action only.
    assert list(added.lead_organisations.all()) == [world.police]
    assert update.created_action == added


def test_the_added_actions_history_names_the_round(world, progress_round):
    services.approve_update(actor=world.admin, update=_submit(world, progress_round))
    [added] = _added(world)
    entry = history_for(added).get()
    assert entry.verb == "created" and entry.actor == world.admin
    assert (entry.origin_kind, entry.origin) == ("progress_round", progress_round)
    assert "Source: 2025/26 Q2 progress round" in describe(entry).sentences


def test_an_update_written_by_the_regional_team_gives_the_new_action_the_same_leads(
    world, progress_round
):
    world.police_action.lead_organisations.add(world.council)
    update = services.submit_update(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, **NEW_ACTION},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update)
    [added] = _added(world)
    assert set(added.lead_organisations.all()) == {world.police, world.council}


def test_approving_twice_adds_the_action_once(world, progress_round):
    update = _submit(world, progress_round)
    first = services.approve_update(actor=world.admin, update=update)
    second = services.approve_update(actor=world.admin, update=update)
    assert len(_added(world)) == 1
    assert first.created_action_id == second.created_action_id


def test_the_approval_audit_entry_records_the_added_action(world, progress_round):
    update = services.approve_update(actor=world.admin, update=_submit(world, progress_round))
    approval = history_for(update).order_by("-pk").first()
    assert approval.changes["created_action"]["after"] == NEW_ACTION["proposed_new_action_en"]


def test_a_returned_update_keeps_its_proposal_and_adds_nothing(world, progress_round):
    update = services.return_update(
        actor=world.admin, update=_submit(world, progress_round), comment="Say who pays for it"
    )
    update.refresh_from_db()
    assert update.state == UpdateState.RETURNED
    assert update.proposed_new_action_en == NEW_ACTION["proposed_new_action_en"]
    assert update.proposed_new_action_timescale == "Mar 2027"
    assert _added(world) == []


def test_the_review_page_lists_the_proposed_new_action_with_its_timescale(world, progress_round):
    update = _submit(world, progress_round)
    client = Client()
    client.force_login(world.admin)
    html = client.get(reverse("progress:review", args=[update.pk])).content.decode()
    proposals = html.split("Proposed changes to the plan", 1)[1]
    assert "by March 2027" in proposals
    assert NEW_ACTION["proposed_new_action_en"] in proposals
    assert NEW_ACTION["proposed_new_action_cy"] in proposals


def test_the_update_form_groups_the_new_action_fields_under_their_own_heading(
    world, progress_round
):
    client = Client()
    client.force_login(world.lead)
    url = reverse("progress:update", args=[progress_round.pk, world.police_action.pk])
    html = client.get(url).content.decode()
    group = html.split('id="update-new-action"', 1)[1].split("</form>", 1)[0]  # the last group
    assert "Propose a new action" in group
    for name in NEW_ACTION:
        assert f'name="{name}' in group  # a timescale is a group of selects


def test_the_update_form_submits_a_new_action(world, progress_round):
    client = Client()
    client.force_login(world.lead)
    url = reverse("progress:update", args=[progress_round.pk, world.police_action.pk])
    data = {"intent": "submit", **{k: v for k, v in GOOD_UPDATE.items() if k != "completed"}}
    response = client.post(url, {**data, **NEW_ACTION})
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.SUBMITTED
    assert update.proposed_new_action_timescale == "Mar 2027"


def _report(world, language):
    return gather(world.strategy, parse_period("2025/26 Q2"), language=language, today=TODAY)


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@pytest.mark.parametrize(
    ("language", "wording"),
    [
        ("en", "New action added: Run a refresher course for custody sergeants (by March 2027)"),
        ("cy", "Cynnal cwrs gloywi i ringylliaid y ddalfa"),
    ],
)
def test_the_report_lists_the_new_action_once_among_the_changes(
    world, progress_round, language, wording
):
    services.approve_update(actor=world.admin, update=_submit(world, progress_round))
    report = _report(world, language)
    described = [change.description for change in report.changes]
    assert [line for line in described if wording in line] == [described[0]]
    assert len(described) == 1  # the added action's own "New action added" is not repeated
    html = render(report, "html").decode()
    changes_section = html.split('id="changes"', 1)[1]
    assert wording in changes_section
    assert wording in _docx_text(render(report, "docx"))


def test_the_report_leaves_out_a_proposal_that_was_returned(world, progress_round):
    services.return_update(
        actor=world.admin, update=_submit(world, progress_round), comment="Not yet"
    )
    assert _report(world, "en").changes == []


def test_a_stale_save_shows_both_versions_of_the_proposed_new_action(world, progress_round):
    draft = services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"proposed_new_action_en": "Saved first by a colleague"},
    )  # fmt: skip
    services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"proposed_new_action_en": "Saved second by a colleague"},
    )  # fmt: skip
    client = Client()
    client.force_login(world.lead)
    url = reverse("progress:update", args=[progress_round.pk, world.police_action.pk])
    response = client.post(url, {"intent": "save", "version": str(draft.version), **NEW_ACTION})
    html = response.content.decode()
    assert response.status_code == 400
    table = html.split("What changed while you were editing", 1)[1].split("</table>", 1)[0]
    assert "New action (English)" in table
    assert "Saved second by a colleague" in table
    assert NEW_ACTION["proposed_new_action_en"] in table
    update = ProgressUpdate.objects.get()
    assert update.proposed_new_action_en == "Saved second by a colleague"
