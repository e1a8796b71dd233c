"""Writes of the national app: bulk alignment and marks on approved updates.

Each service runs in one transaction, asks the rules module, and records ONE audit entry (on the
strategy for a bulk alignment, on the update for its marks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.models import Verb
from vawdasv.audit.origins import Origin, OriginKind
from vawdasv.national.models import CommitmentAlignment, OwnAlignment, UpdateMark
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Action, Commitment, Strategy
from vawdasv.progress.public import ProgressRound, ProgressUpdate, UpdateState
from vawdasv.reference.models import FrameworkItem


class AlignmentError(ValueError):
    """The choices name a commitment, action or item that is not part of this plan's choices."""


def _label(commitment: Commitment) -> str:
    return f"{commitment.ref or commitment.order}: {commitment.text_en or commitment.text_cy}"[:120]


def align_plan(
    *,
    actor: Any,
    strategy: Strategy,
    choices: Mapping[int, set[int]],
    own: set[int] | None = None,
) -> int:
    """Set each listed commitment's alignment (commitment id → framework item ids) and carry it
    to the commitment's actions, except those in `own` (action ids that keep their own). Returns
    how many commitments changed. One audit entry on the strategy lists what moved."""
    kernel.require(permissions.can_align_plans(actor, strategy.partnership_id))
    commitments = {
        c.pk: c for c in Commitment.objects.filter(theme__strategy=strategy, pk__in=list(choices))
    }
    if set(choices) - set(commitments):
        raise AlignmentError("commitment not in this plan")
    wanted = {item for items in choices.values() for item in items}
    items = {i.pk: i for i in FrameworkItem.objects.filter(pk__in=wanted).select_related()}
    if wanted - set(items):
        raise AlignmentError("unknown framework item")
    actions = list(Action.objects.filter(commitment_id__in=list(commitments)))
    own = set(own or ())
    if own - {a.pk for a in Action.objects.for_strategy(strategy)}:
        raise AlignmentError("action not in this plan")
    with transaction.atomic():
        Strategy.objects.select_for_update().get(pk=strategy.pk)
        current: dict[int, set[int]] = {pk: set() for pk in commitments}
        for commitment_id, item_id in CommitmentAlignment.objects.filter(
            commitment_id__in=list(commitments)
        ).values_list("commitment_id", "item_id"):
            current[commitment_id].add(item_id)
        kept_before = set(
            OwnAlignment.objects.filter(action__in=actions).values_list("action_id", flat=True)
        )
        changes: dict[str, dict[str, Any]] = {}
        for pk, commitment in commitments.items():
            after = set(choices[pk])
            if after == current[pk]:
                continue
            CommitmentAlignment.objects.filter(commitment=commitment).exclude(
                item_id__in=after
            ).delete()
            CommitmentAlignment.objects.bulk_create(
                [CommitmentAlignment(commitment=commitment, item_id=i) for i in after - current[pk]]
            )
            changes[_label(commitment)] = {
                "before": audit.plain_list(items.get(i) or i for i in current[pk]),
                "after": audit.plain_list(items[i] for i in after),
            }
        plan_own = own & {a.pk for a in actions}
        OwnAlignment.objects.filter(action__in=actions).exclude(action_id__in=plan_own).delete()
        OwnAlignment.objects.bulk_create(
            [OwnAlignment(action_id=pk) for pk in plan_own - kept_before]
        )
        if plan_own != kept_before:
            changes["own_alignment"] = {
                "before": sorted(kept_before),
                "after": sorted(plan_own),
            }
        had: dict[int, set[int]] = {action.pk: set() for action in actions}
        for action_id, item_id in Action.alignments.through.objects.filter(
            action_id__in=list(had)
        ).values_list("action_id", "frameworkitem_id"):
            had[action_id].add(item_id)
        moved = []
        for action in actions:
            wanted_items = set(choices[action.commitment_id])
            if action.pk not in plan_own and had[action.pk] != wanted_items:
                action.alignments.set(wanted_items)
                moved.append(action.pk)
        # An alignment is part of the action as the API shows it: its `updated_at` moves, so
        # `modified_since` on the alignments list finds it.
        Action.objects.filter(pk__in=moved).update(updated_at=timezone.now())
        if changes:
            kernel.record(
                actor=actor,
                instance=strategy,
                verb=Verb.UPDATED,
                changes=changes,
                partnership=strategy.partnership,
                origin=Origin(OriginKind.BULK_ALIGNMENT, strategy),
            )
    return sum(1 for key in changes if key != "own_alignment")


def mark_update(*, actor: Any, update: ProgressUpdate, highlight: bool, public: bool) -> bool:
    """Mark an approved update as a highlight and/or public. Returns whether anything changed."""
    strategy = update.progress_round.strategy
    kernel.require(permissions.can_mark_updates(actor, strategy.partnership_id))
    if update.state != UpdateState.APPROVED:
        raise AlignmentError("only approved updates are marked")
    with transaction.atomic():
        mark, made = UpdateMark.objects.select_for_update().get_or_create(update=update)
        before = (
            {"highlight": False, "public": False}
            if made
            else audit.snapshot(mark, ("highlight", "public"))
        )
        mark.highlight, mark.public = highlight, public
        mark.save()
        changes = audit.diff(before, audit.snapshot(mark, ("highlight", "public")))
        if not changes:
            return False
        kernel.record(
            actor=actor,
            instance=update,
            verb=Verb.UPDATED,
            changes=changes,
            partnership=strategy.partnership,
            origin=Origin(OriginKind.UPDATE_MARKS, update.progress_round),
        )
    return True


def mark_round(
    *, actor: Any, progress_round: ProgressRound, highlights: set[int], public: set[int]
) -> int:
    """Set the marks of every approved update of a round at once (update ids ticked as
    highlights and as public). One audit entry on the round lists what moved."""
    strategy = progress_round.strategy
    kernel.require(permissions.can_mark_updates(actor, strategy.partnership_id))
    with transaction.atomic():
        updates = list(
            ProgressUpdate.objects.filter(
                progress_round=progress_round, state=UpdateState.APPROVED
            ).select_related("action")
        )
        if (highlights | public) - {u.pk for u in updates}:
            raise AlignmentError("only approved updates of this round are marked")
        marks = {
            m.update_id: m
            for m in UpdateMark.objects.select_for_update().filter(update__in=updates)
        }
        changes: dict[str, dict[str, Any]] = {}
        for update in updates:
            mark = marks.get(update.pk) or UpdateMark(update=update)
            before = (mark.highlight, mark.public)
            after = (update.pk in highlights, update.pk in public)
            if before == after:
                continue
            mark.highlight, mark.public = after
            mark.save()
            label = f"{update.action.ref or update.action_id}: {update.action}"[:120]
            changes[label] = {
                "before": _mark_words(*before),
                "after": _mark_words(*after),
            }
        if changes:
            kernel.record(
                actor=actor,
                instance=progress_round,
                verb=Verb.UPDATED,
                changes=changes,
                partnership=strategy.partnership,
                origin=Origin(OriginKind.UPDATE_MARKS, progress_round),
            )
    return len(changes)


def _mark_words(highlight: bool, public: bool) -> list[str]:
    """Untranslated codes (the audit stores facts, not sentences)."""
    return [word for word, on in (("highlight", highlight), ("public", public)) if on]
