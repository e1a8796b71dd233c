import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from vawdasv.audit.describe import describe
from vawdasv.audit.services import history_for
from vawdasv.plans.models import Action
from vawdasv.progress import services
from vawdasv.progress.enums import PeriodKind, RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

from .conftest import DEADLINE, GOOD_UPDATE


def _draft(world, progress_round, user=None, action=None, **data):
    return services.save_draft(
        actor=user or world.lead, progress_round=progress_round,
        action=action or world.police_action, data=data or {"narrative_en": "Started."},
    )  # fmt: skip


def _submitted(world, progress_round, **data):
    return services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, **data},
    )  # fmt: skip


# Rounds ----------------------------------------------------------------------------------


def test_administrator_opens_a_round_with_the_period_dates_and_an_audit_entry(world):
    progress_round = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2", deadline=DEADLINE
    )
    assert progress_round.period_kind == PeriodKind.QUARTER
    assert progress_round.period_start == datetime.date(2025, 7, 1)
    assert progress_round.period_end == datetime.date(2025, 9, 30)
    assert progress_round.status == RoundStatus.OPEN
    entry = history_for(progress_round).get()
    assert entry.verb == "created" and entry.actor == world.admin


@pytest.mark.parametrize("persona", ["lead", "council_lead", "board", "outsider"])
def test_only_the_partnerships_administrators_open_rounds(world, persona):
    with pytest.raises(PermissionDenied):
        services.open_round(
            actor=getattr(world, persona), strategy=world.strategy, period_label="2025/26",
            deadline=DEADLINE,
        )  # fmt: skip
    assert not ProgressRound.objects.exists()


def test_a_second_round_for_the_same_period_is_refused(world, progress_round):
    with pytest.raises(ValidationError) as error:
        services.open_round(
            actor=world.admin, strategy=world.strategy, period_label="2025/26 q2",
            deadline=DEADLINE,
        )  # fmt: skip
    assert "period" in error.value.message_dict
    assert ProgressRound.objects.count() == 1


def test_a_period_that_cannot_be_read_is_refused(world):
    with pytest.raises(ValidationError):
        services.open_round(
            actor=world.admin, strategy=world.strategy, period_label="next spring",
            deadline=DEADLINE,
        )  # fmt: skip


def test_closing_a_round_keeps_its_drafts_and_is_recorded(world, progress_round):
    draft = _draft(world, progress_round)
    services.close_round(actor=world.admin, progress_round=progress_round)
    progress_round.refresh_from_db()
    assert progress_round.status == RoundStatus.CLOSED
    kept = ProgressUpdate.objects.get(pk=draft.pk)
    assert (kept.state, kept.narrative_en) == (UpdateState.DRAFT, "Started.")
    closing = history_for(progress_round).first()
    assert closing.changes["status"] == {"before": "open", "after": "closed"}


def test_closing_a_closed_round_again_records_nothing_more(world, progress_round):
    services.close_round(actor=world.admin, progress_round=progress_round)
    services.close_round(actor=world.admin, progress_round=progress_round)
    assert history_for(progress_round).count() == 2  # opened, closed


def test_a_lead_officer_cannot_close_a_round(world, progress_round):
    with pytest.raises(PermissionDenied):
        services.close_round(actor=world.lead, progress_round=progress_round)


def test_drafts_cannot_be_changed_while_the_round_is_closed(world, progress_round):
    _draft(world, progress_round)
    services.close_round(actor=world.admin, progress_round=progress_round)
    with pytest.raises(ValidationError):
        _draft(world, progress_round, narrative_en="Changed after closing")
    assert ProgressUpdate.objects.get().narrative_en == "Started."


def test_reopening_with_a_new_deadline_lets_drafts_be_finished(world, progress_round):
    _draft(world, progress_round)
    services.close_round(actor=world.admin, progress_round=progress_round)
    new_deadline = datetime.date.today() + datetime.timedelta(days=14)
    services.reopen_round(actor=world.admin, progress_round=progress_round, deadline=new_deadline)
    progress_round.refresh_from_db()
    assert (progress_round.status, progress_round.deadline) == (RoundStatus.OPEN, new_deadline)
    update = _submitted(world, progress_round)
    assert update.state == UpdateState.SUBMITTED
    reopening = history_for(progress_round).first()
    assert reopening.changes["status"] == {"before": "closed", "after": "open"}
    assert reopening.changes["deadline"] == {
        "before": "2025-10-31",
        "after": new_deadline.isoformat(),
    }


# Writing updates ---------------------------------------------------------------------------


def test_lead_officer_saves_a_draft_for_their_organisations_action(world, progress_round):
    update = _draft(world, progress_round)
    assert (update.state, update.version, update.updated_by) == (UpdateState.DRAFT, 1, world.lead)
    assert history_for(update).get().verb == "created"


@pytest.mark.parametrize("persona", ["council_lead", "board", "outsider"])
def test_only_lead_officers_of_the_lead_organisation_write_its_update(
    world, progress_round, persona
):
    with pytest.raises(PermissionDenied):
        _draft(world, progress_round, user=getattr(world, persona))
    assert not ProgressUpdate.objects.exists()


def test_an_administrator_may_write_any_update(world, progress_round):
    update = _draft(world, progress_round, user=world.admin, action=world.council_action)
    assert update.updated_by == world.admin


def test_an_action_from_another_plan_is_refused(world, progress_round):
    other = factories.ActionFactory(
        commitment=factories.CommitmentFactory(
            theme=factories.ThemeFactory(strategy=world.draft_strategy)
        ),
        leads=[world.police],
    )
    with pytest.raises(ValidationError):
        _draft(world, progress_round, action=other)


def test_an_incomplete_update_cannot_be_submitted_and_nothing_is_saved(world, progress_round):
    with pytest.raises(ValidationError) as error:
        services.submit_update(
            actor=world.lead, progress_round=progress_round, action=world.police_action,
            data={"narrative_en": "", "proposed_timescale_text": "Mar 2027"},
        )  # fmt: skip
    assert {"rag", "narrative_en", "proposed_timescale_reason"} <= set(error.value.message_dict)
    assert not ProgressUpdate.objects.exists()


def test_submitting_twice_is_harmless(world, progress_round):
    first = _submitted(world, progress_round)
    again = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE, expected_version=1,
    )  # fmt: skip
    assert again.pk == first.pk
    assert (again.state, again.version) == (UpdateState.SUBMITTED, first.version)
    assert ProgressUpdate.objects.count() == 1
    submissions = [
        e for e in history_for(first) if e.changes.get("state", {}).get("after") == "submitted"
    ]
    assert len(submissions) == 1


def test_a_save_based_on_an_old_version_is_refused_and_nothing_is_lost(world, progress_round):
    draft = _draft(world, progress_round, narrative_en="Owain's first words")
    # The administrator saves a correction from version 1...
    services.save_draft(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "Alys's correction"}, expected_version=draft.version,
    )  # fmt: skip
    # ...then Owain saves from the same version 1, which is now stale.
    with pytest.raises(services.ConcurrentEditError) as conflict:
        services.save_draft(
            actor=world.lead, progress_round=progress_round, action=world.police_action,
            data={"narrative_en": "Owain's second thoughts"}, expected_version=draft.version,
        )  # fmt: skip
    assert conflict.value.current.narrative_en == "Alys's correction"
    assert conflict.value.current.version == 2
    assert ProgressUpdate.objects.get().narrative_en == "Alys's correction"


def test_a_submitted_update_cannot_be_changed_as_a_draft(world, progress_round):
    _submitted(world, progress_round)
    with pytest.raises(ValidationError):
        _draft(world, progress_round, narrative_en="Sneaky edit")
    assert ProgressUpdate.objects.get().narrative_en == GOOD_UPDATE["narrative_en"]


# Review ----------------------------------------------------------------------------------


def test_approving_applies_the_new_timescale_naming_the_round(world, progress_round):
    update = _submitted(
        world, progress_round, proposed_timescale_text="Mar 2027",
        proposed_timescale_reason="Funding confirmed late",
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update, comment="Agreed")
    action = Action.objects.get(pk=world.police_action.pk)
    assert action.timescale_text == "Mar 2027"
    assert action.due_date == datetime.date(2027, 3, 31)
    entry = history_for(action).first()
    assert (entry.origin_kind, entry.origin_object_id) == (
        "progress_round",
        update.progress_round_id,
    )
    sentences = describe(entry).sentences
    change = "Timescale changed from Mar 2026 to Mar 2027 by Alys"
    assert any(s.startswith(change) for s in sentences)
    assert "Source: 2025/26 Q2 progress round" in sentences
    update.refresh_from_db()
    assert (update.state, update.review_comment, update.reviewed_by) == (
        UpdateState.APPROVED, "Agreed", world.admin,
    )  # fmt: skip


def test_approving_applies_a_reworded_action(world, progress_round):
    update = _submitted(world, progress_round, proposed_text_en="Establish the pathway by 2027")
    services.approve_update(actor=world.admin, update=update)
    assert Action.objects.get(pk=world.police_action.pk).text_en == "Establish the pathway by 2027"


def test_approving_an_update_without_proposals_leaves_the_plan_alone(world, progress_round):
    before = Action.objects.get(pk=world.police_action.pk).version
    services.approve_update(actor=world.admin, update=_submitted(world, progress_round))
    assert Action.objects.get(pk=world.police_action.pk).version == before


def test_approving_twice_is_harmless(world, progress_round):
    update = _submitted(world, progress_round, proposed_timescale_text="Mar 2027",
                        proposed_timescale_reason="Late funding")  # fmt: skip
    services.approve_update(actor=world.admin, update=update)
    services.approve_update(actor=world.admin, update=update)
    assert history_for(Action.objects.get(pk=world.police_action.pk)).count() == 1


@pytest.mark.parametrize("persona", ["lead", "council_lead", "board", "outsider"])
def test_only_the_partnerships_administrators_review(world, progress_round, persona):
    update = _submitted(world, progress_round)
    with pytest.raises(PermissionDenied):
        services.approve_update(actor=getattr(world, persona), update=update)
    with pytest.raises(PermissionDenied):
        services.return_update(actor=getattr(world, persona), update=update, comment="No")
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_returning_needs_a_comment(world, progress_round):
    update = _submitted(world, progress_round)
    with pytest.raises(ValidationError):
        services.return_update(actor=world.admin, update=update, comment="  ")


def test_a_returned_update_can_be_edited_and_submitted_again(world, progress_round):
    update = _submitted(world, progress_round)
    services.return_update(actor=world.admin, update=update, comment="Say how many were trained")
    returned = ProgressUpdate.objects.get()
    assert (returned.state, returned.review_comment) == (
        UpdateState.RETURNED, "Say how many were trained",
    )  # fmt: skip
    edited = services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "40 officers trained."}, expected_version=returned.version,
    )  # fmt: skip
    assert edited.narrative_en == "40 officers trained."
    resubmitted = _submitted(world, progress_round, narrative_en="40 officers trained.")
    assert resubmitted.state == UpdateState.SUBMITTED


def test_a_draft_cannot_be_approved(world, progress_round):
    with pytest.raises(ValidationError):
        services.approve_update(actor=world.admin, update=_draft(world, progress_round))
