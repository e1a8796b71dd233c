"""Every change to progress rounds and updates goes through these functions.

Each runs in one transaction, checks permission, writes, and records an audit entry, as the plan
services do. Approving an update applies its proposed changes to the plan through
`plans.services.update_action`, so the action's own history names the round.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vawdasv.audit import kernel, origins
from vawdasv.audit import services as audit
from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.audit.models import Verb
from vawdasv.partnerships import permissions
from vawdasv.plans import services as plan_services
from vawdasv.plans.models import Action, Strategy
from vawdasv.plans.timescales import parse_timescale, plan_text
from vawdasv.progress import notices
from vawdasv.progress.enums import RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.periods import parse_period
from vawdasv.progress.self_approval import wrote_update

__all__ = [
    "ConcurrentEditError",
    "approve_update",
    "change_deadline",
    "check_deadline",
    "close_round",
    "open_round",
    "reopen_round",
    "return_update",
    "save_draft",
    "submit_update",
    "writable_update",
    "write_update",
]

ROUND_FIELDS = ("period_label", "deadline", "status")
UPDATE_FIELDS = (
    "rag", "completed", "narrative_en", "narrative_cy", "proposed_timescale_text",
    "proposed_timescale_reason", "proposed_text_en", "proposed_text_cy",
    "proposed_no_longer_relevant", "proposed_new_action_en", "proposed_new_action_cy",
    "proposed_new_action_timescale",
)  # fmt: skip
AUDITED_UPDATE_FIELDS = (*UPDATE_FIELDS, "state", "review_comment")


def round_origin(progress_round: ProgressRound) -> origins.Origin:
    """The origin of the plan changes a round's approved updates make: the round itself, so the
    plan's history and the board report find them by key, whatever the wording or language."""
    return origins.progress_round(progress_round)


def _partnership(instance: ProgressRound | ProgressUpdate) -> Any:
    if isinstance(instance, ProgressRound):
        return instance.strategy.partnership
    return instance.progress_round.strategy.partnership


def _record(
    actor: Any,
    instance: Any,
    verb: Verb,
    before: dict[str, Any],
    fields: tuple[str, ...],
    extra: dict[str, Any] | None = None,
) -> None:
    """The audit entry for a write already saved (through the kernel, like every service)."""
    if verb == Verb.CREATED:
        kernel.created(
            actor=actor, instance=instance, fields=fields, partnership=_partnership(instance)
        )
    else:
        kernel.record_changes(
            actor=actor,
            instance=instance,
            before=before,
            fields=fields,
            partnership=_partnership(instance),
            extra=extra,
        )


def _save(
    actor: Any,
    instance: Any,
    before: dict[str, Any],
    fields: tuple[str, ...],
    extra: dict[str, Any] | None = None,
) -> None:
    """Save a locked round or update with a new version and one entry, if anything moved."""
    kernel.save_changes(
        actor=actor,
        instance=instance,
        before=before,
        fields=fields,
        partnership=_partnership(instance),
        bump_version=True,
        extra=extra,
    )


# Rounds ----------------------------------------------------------------------------------


def check_deadline(
    deadline: datetime.date, period_start: datetime.date, today: datetime.date | None
) -> None:
    """A deadline is never before the period it asks about starts, nor (when a person sets it
    now, `today` given) in the past: nobody could meet it."""
    if deadline < period_start:
        raise ValidationError(
            {
                "deadline": _(
                    "The deadline must be on or after the start of the reporting period, %(start)s"
                )
                % {"start": date_format(period_start, "j F Y")}
            }
        )
    if today is not None and deadline < today:
        raise ValidationError({"deadline": _("The deadline must be today or in the future")})


@transaction.atomic
def open_round(
    *,
    actor: Any,
    strategy: Strategy,
    period_label: str,
    deadline: datetime.date,
    today: datetime.date | None = None,
) -> ProgressRound:
    """Open a round. Pass `today` when a person opens it now, so a past deadline is refused;
    the demo, which records rounds long closed, leaves it out."""
    kernel.require(permissions.can_run_rounds(actor, strategy.partnership_id))
    period = parse_period(period_label)
    if period is None:
        raise ValidationError(
            {"period": _('Enter a reporting period such as "2025/26 Q2" or "2018/19"')}
        )
    check_deadline(deadline, period.start, today)
    if ProgressRound.objects.filter(strategy=strategy, period_label=period.label).exists():
        raise ValidationError(
            {"period": _("There is already a round for %(period)s") % {"period": period.label}}
        )
    progress_round = ProgressRound(
        strategy=strategy, period_label=period.label, period_kind=period.kind,
        period_start=period.start, period_end=period.end, deadline=deadline,
    )  # fmt: skip
    try:
        with transaction.atomic():
            progress_round.save()
    except IntegrityError as error:  # opened by someone else at the same moment
        raise ValidationError(
            {"period": _("There is already a round for %(period)s") % {"period": period.label}}
        ) from error
    _record(actor, progress_round, Verb.CREATED, {}, ROUND_FIELDS)
    return progress_round


def _lock_round(progress_round: ProgressRound) -> ProgressRound:
    return (
        ProgressRound.objects.select_for_update()
        .select_related("strategy__partnership")
        .get(pk=progress_round.pk)
    )


@transaction.atomic
def close_round(*, actor: Any, progress_round: ProgressRound) -> ProgressRound:
    """Stop collecting updates. Drafts are kept as they are; closing deletes nothing."""
    kernel.require(permissions.can_run_rounds(actor, progress_round.strategy.partnership_id))
    locked = _lock_round(progress_round)
    if locked.status == RoundStatus.CLOSED:
        return locked
    before = audit.snapshot(locked, ROUND_FIELDS)
    locked.status = RoundStatus.CLOSED
    _save(actor, locked, before, ROUND_FIELDS)
    return locked


@transaction.atomic
def reopen_round(
    *, actor: Any, progress_round: ProgressRound, deadline: datetime.date | None = None
) -> ProgressRound:
    """Collect updates again, optionally with a new deadline; drafts carry on where they were."""
    kernel.require(permissions.can_run_rounds(actor, progress_round.strategy.partnership_id))
    locked = _lock_round(progress_round)
    before = audit.snapshot(locked, ROUND_FIELDS)
    locked.status = RoundStatus.OPEN
    if deadline is not None and deadline != locked.deadline:
        check_deadline(deadline, locked.period_start, datetime.date.today())
        locked.deadline = deadline
    _save(actor, locked, before, ROUND_FIELDS)
    return locked


@transaction.atomic
def change_deadline(
    *,
    actor: Any,
    progress_round: ProgressRound,
    deadline: datetime.date,
    expected_version: int | None = None,
) -> ProgressRound:
    """Move an open round's deadline. Reminders follow it: each reminder is recorded against the
    deadline it was about, so the new deadline gets its own (see progress.reminders)."""
    kernel.require(permissions.can_run_rounds(actor, progress_round.strategy.partnership_id))
    locked = _lock_round(progress_round)
    kernel.check_version(locked, expected_version)
    if not locked.is_open:
        raise ValidationError(_("This round is closed. Reopen it to set a new deadline."))
    check_deadline(deadline, locked.period_start, datetime.date.today())
    before = audit.snapshot(locked, ROUND_FIELDS)
    locked.deadline = deadline
    _save(actor, locked, before, ROUND_FIELDS)
    return locked


# Updates ---------------------------------------------------------------------------------


def writable_update(actor: Any, progress_round: ProgressRound, action: Action) -> ProgressUpdate:
    """Check the actor may write this action's update now; return it locked (or a new one).

    Call inside a transaction, then `write_update`; the evidence services build on the pair.
    """
    strategy = progress_round.strategy
    if action.commitment.theme.strategy_id != strategy.pk:
        raise ValidationError(_("This action is not part of the round's plan."))
    kernel.require(permissions.can_write_update(actor, action, strategy.partnership_id))
    locked_round = _lock_round(progress_round)
    if not locked_round.is_open:
        raise ValidationError(_("This round is closed, so updates cannot be changed."))
    existing = (
        ProgressUpdate.objects.select_for_update()
        .filter(progress_round=progress_round, action=action)
        .first()
    )
    return existing or ProgressUpdate(progress_round=locked_round, action=action)


def write_update(
    *,
    actor: Any,
    update: ProgressUpdate,
    data: Mapping[str, Any],
    expected_version: int | None,
) -> ProgressUpdate:
    unknown = set(data) - set(UPDATE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    creating = update.pk is None
    if not creating:
        kernel.check_version(update, expected_version)
    if not update.is_editable:
        raise ValidationError(
            _("This update has been %(state)s, so it cannot be changed.")
            % {"state": update.get_state_display().lower()}
        )
    before = {} if creating else audit.snapshot(update, AUDITED_UPDATE_FIELDS)
    for name, value in data.items():
        setattr(update, name, value)
    update.full_clean(exclude=["progress_round", "action", "updated_by", "reviewed_by"])
    if not creating:
        update.version += 1
    update.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    update.save()
    _record(
        actor, update, Verb.CREATED if creating else Verb.UPDATED, before, AUDITED_UPDATE_FIELDS
    )
    return update


@transaction.atomic
def save_draft(
    *,
    actor: Any,
    progress_round: ProgressRound,
    action: Action,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> ProgressUpdate:
    """Keep what the lead officer has written so far, without sending it for review."""
    update = writable_update(actor, progress_round, action)
    return write_update(actor=actor, update=update, data=data, expected_version=expected_version)


def _check_complete(update: ProgressUpdate) -> None:
    errors: dict[str, str] = {}
    if not update.rag:
        errors["rag"] = _("Select a RAG status")
    if not (update.narrative_en.strip() or update.narrative_cy.strip()):
        errors["narrative_en"] = _("Describe the progress in English or Welsh")
    if update.proposed_timescale_text:
        if parse_timescale(update.proposed_timescale_text).needs_check:
            errors["proposed_timescale_text"] = _(
                'Enter the new timescale as a month and year, such as "Mar 2027", or a '
                'financial year, such as "2026/27"'
            )
        if not update.proposed_timescale_reason.strip():
            errors["proposed_timescale_reason"] = _("Give a reason for the new timescale")
    if update.proposes_new_action or update.proposed_new_action_timescale.strip():
        errors.update(_new_action_errors(update))
    if errors:
        raise ValidationError(errors)


def _new_action_errors(update: ProgressUpdate) -> dict[str, str]:
    """A proposed new action needs wording and a timescale the plan can count from."""
    errors: dict[str, str] = {}
    if not (update.proposed_new_action_en.strip() or update.proposed_new_action_cy.strip()):
        errors["proposed_new_action_en"] = _("Describe the new action in English or Welsh")
    timescale = update.proposed_new_action_timescale.strip()
    if not timescale:
        errors["proposed_new_action_timescale"] = _("Enter a timescale for the new action")
    elif parse_timescale(timescale).needs_check:
        errors["proposed_new_action_timescale"] = _(
            'Enter the new action\'s timescale as a month and year, such as "Mar 2027", or a '
            'financial year, such as "2026/27"'
        )
    return errors


@transaction.atomic
def submit_update(
    *,
    actor: Any,
    progress_round: ProgressRound,
    action: Action,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> ProgressUpdate:
    """Save and send for review. Submitting again what is already submitted changes nothing."""
    update = writable_update(actor, progress_round, action)
    if update.pk and update.state in (UpdateState.SUBMITTED, UpdateState.APPROVED):
        return update  # a double click or a resent form: the first submission stands
    update = write_update(actor=actor, update=update, data=data, expected_version=expected_version)
    _check_complete(update)  # raising here rolls the save back too, so nothing half-submitted
    before = audit.snapshot(update, AUDITED_UPDATE_FIELDS)
    update.state = UpdateState.SUBMITTED
    update.submitted_at = timezone.now()
    update.save(update_fields=["state", "submitted_at", "updated_at"])
    _record(actor, update, Verb.UPDATED, before, AUDITED_UPDATE_FIELDS)
    notices.update_submitted(actor, update)
    return update


# Review ----------------------------------------------------------------------------------


def _lock_for_review(actor: Any, update: ProgressUpdate) -> ProgressUpdate:
    partnership_id = update.progress_round.strategy.partnership_id
    kernel.require(permissions.can_run_rounds(actor, partnership_id))
    return (
        ProgressUpdate.objects.select_for_update()
        .select_related("progress_round__strategy__partnership", "action")
        .get(pk=update.pk)
    )


def _plan_changes(update: ProgressUpdate) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if update.proposed_timescale_text:
        # "Medi 2028" typed on the Welsh page is stored as the plan's "Sep 2028", never as
        # the English plan's timescale text (issue 11).
        data["timescale_text"] = plan_text(update.proposed_timescale_text)
    if update.proposed_text_en:
        data["text_en"] = update.proposed_text_en
    if update.proposed_text_cy:
        data["text_cy"] = update.proposed_text_cy
    return data


def _new_action_leads(update: ProgressUpdate) -> list[Any]:
    """Who leads an approved new action: whoever proposed it, within the proposing action's leads.

    The lead officer who proposes a new action commits their own organisation, so when their
    organisation leads the action the proposal came from it alone leads the new one. Otherwise
    (an administrator wrote the update, or the proposer has since moved on) the new action gets
    the same lead organisations as the action it was proposed under; the regional team can
    change either afterwards in the plan.
    """
    leads = list(update.action.lead_organisations.all())
    proposer = update.updated_by
    organisation_id = getattr(proposer, "organisation_id", None)
    own = [organisation for organisation in leads if organisation.pk == organisation_id]
    return own or leads


def _add_proposed_action(actor: Any, update: ProgressUpdate) -> Action:
    """Add the proposed action to the same commitment, its history naming the round."""
    return plan_services.create_action(
        actor=actor,
        commitment=update.action.commitment,
        data={
            "text_en": update.proposed_new_action_en.strip(),
            "text_cy": update.proposed_new_action_cy.strip(),
            "timescale_text": plan_text(update.proposed_new_action_timescale),
            "lead_organisations": _new_action_leads(update),
        },
        source=round_origin(update.progress_round),
    )


@transaction.atomic
def approve_update(*, actor: Any, update: ProgressUpdate, comment: str = "") -> ProgressUpdate:
    """Accept the update and apply its proposed changes to the plan, naming the round."""
    locked = _lock_for_review(actor, update)
    if locked.state == UpdateState.APPROVED:
        return locked
    if locked.state != UpdateState.SUBMITTED:
        raise ValidationError(_("Only a submitted update can be approved."))
    self_approved = wrote_update(actor, locked, UPDATE_FIELDS)
    partnership_id = locked.progress_round.strategy.partnership_id
    if self_approved and permissions.must_leave_own_update_to_another(actor, partnership_id):
        raise ValidationError(
            _("You wrote this update, so another administrator of the partnership must approve it.")
        )
    changes = _plan_changes(locked)
    if "timescale_text" in changes:
        locked.timescale_before = locked.action.timescale_text
    if changes:
        plan_services.update_action(
            actor=actor, action=locked.action, data=changes,
            source=round_origin(locked.progress_round),
        )  # fmt: skip
    audited = (*AUDITED_UPDATE_FIELDS, "created_action")
    before = audit.snapshot(locked, audited)
    # created_action is set in the same transaction, so approving twice never adds it twice.
    if locked.proposes_new_action and locked.created_action_id is None:
        locked.created_action = _add_proposed_action(actor, locked)
    locked.state = UpdateState.APPROVED
    locked.review_comment = comment
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor
    # A sole administrator approving their own update is allowed, and said so in the history.
    extra = {"self_approved": {"before": None, "after": True}} if self_approved else None
    _save(actor, locked, before, audited, extra)
    notices.update_approved(actor, locked)
    return locked


@transaction.atomic
def return_update(*, actor: Any, update: ProgressUpdate, comment: str) -> ProgressUpdate:
    """Send the update back to the lead officer with a comment; they can edit and resubmit."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what needs to change")})
    locked = _lock_for_review(actor, update)
    if locked.state != UpdateState.SUBMITTED:
        raise ValidationError(_("Only a submitted update can be returned."))
    before = audit.snapshot(locked, AUDITED_UPDATE_FIELDS)
    locked.state = UpdateState.RETURNED
    locked.review_comment = comment.strip()
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor
    _save(actor, locked, before, AUDITED_UPDATE_FIELDS)
    notices.update_returned(actor, locked)
    return locked
