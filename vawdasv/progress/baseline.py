"""A plan's baseline from its imported document: approved updates for a chosen period.

Registered with plans.baseline when the app starts; the importer calls it inside the
transaction that writes the plan (ADR 0034). The period gets a closed round of its own, and
each status becomes an approved update whose `from_document` names the document, so the
update page says where it came from; every row is audited with the import as its origin.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.partnerships import permissions
from vawdasv.plans.baseline import BaselineEntry
from vawdasv.progress.enums import RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.periods import parse_period
from vawdasv.progress.services import ROUND_FIELDS

BASELINE_FIELDS = ("rag", "completed", "state", "from_document")


@transaction.atomic
def record_baseline(
    *,
    actor: Any,
    strategy: Any,
    period_label: str,
    entries: Sequence[BaselineEntry],
    document: str,
    origin: Any,
) -> int:
    kernel.require(permissions.can_run_rounds(actor, strategy.partnership_id))
    period = parse_period(period_label)
    if period is None:
        raise ValidationError(
            {"baseline_period": _('Enter a reporting period such as "2024/25" or "2024/25 Q4"')}
        )
    if ProgressRound.objects.filter(strategy=strategy, period_label=period.label).exists():
        raise ValidationError(
            {
                "baseline_period": _("There is already a round for %(period)s")
                % {"period": period.label}
            }
        )
    progress_round = ProgressRound.objects.create(
        strategy=strategy, period_label=period.label, period_kind=period.kind,
        period_start=period.start, period_end=period.end, deadline=period.end,
        status=RoundStatus.CLOSED,
    )  # fmt: skip
    partnership = strategy.partnership
    kernel.created(
        actor=actor,
        instance=progress_round,
        fields=ROUND_FIELDS,
        partnership=partnership,
        origin=origin,
    )
    now = timezone.now()
    for entry in entries:
        update = ProgressUpdate.objects.create(
            progress_round=progress_round, action=entry.action, state=UpdateState.APPROVED,
            rag=entry.rag, completed=entry.completed, from_document=document,
            status_as_written=entry.word[:100], updated_by=actor, submitted_at=now,
            reviewed_at=now, reviewed_by=actor,
        )  # fmt: skip
        kernel.created(
            actor=actor,
            instance=update,
            fields=BASELINE_FIELDS,
            partnership=partnership,
            origin=origin,
        )
    return len(entries)
