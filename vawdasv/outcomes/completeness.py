"""Completeness and timeliness of returns, per supplier.

Only the returns opened for a supplier count, so one that joined or left part-way is judged on
its own periods. A return is received when submitted or approved; on time when it was first
submitted on or before its deadline; complete as the share of its totals (measure × area) that
hold a value (a number, zero, not available or not applicable — blanks do not count).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q

from vawdasv.outcomes.enums import Geography, ReturnEventKind, ReturnState
from vawdasv.outcomes.models import DataReturn


@dataclass
class SupplierRecord:
    supplier: object
    expected: int = 0
    received: int = 0
    on_time: int = 0
    overdue: int = 0
    cells: int = 0
    filled: int = 0
    periods: list[str] = field(default_factory=list)

    @property
    def completeness(self) -> int | None:
        return round(100 * self.filled / self.cells) if self.cells else None


def _areas(item: DataReturn) -> int:
    """How many areas the return has a value for each (its annotations, by geography)."""
    counts: dict[str, int] = {
        Geography.POLICE_FORCE: item.n_forces,  # type: ignore[attr-defined]
        Geography.HEALTH_BOARD: item.n_boards,  # type: ignore[attr-defined]
        Geography.MARAC_AREA: item.n_maracs,  # type: ignore[attr-defined]
        Geography.REGION: 1,
        Geography.WALES: 1,
    }
    geography: str = item.geography  # type: ignore[attr-defined]
    if geography in counts:
        return counts[geography]
    return int(item.n_areas)  # type: ignore[attr-defined]


def by_supplier(partnership_id: int, today: datetime.date | None = None) -> list[SupplierRecord]:
    day = today or datetime.date.today()
    records: dict[int, SupplierRecord] = {}
    rows = (
        DataReturn.objects.filter(partnership_id=partnership_id)
        .select_related("supplier")
        .annotate(
            n_measures=Count("measures", distinct=True),
            n_areas=Count("areas", distinct=True),
            # A return of a wider geography has one value per area of it (outcomes/geography).
            geography=Min("measures__geography"),
            n_forces=Count("areas__police_force", distinct=True),
            n_boards=Count("areas__health_board", distinct=True),
            n_maracs=Count(
                "areas__marac_areas",
                distinct=True,
                filter=Q(areas__marac_areas__partnership_id=partnership_id),
            ),
            n_filled=Count("values", filter=Q(values__category__isnull=True), distinct=True),
            first_submitted=Min("events__at", filter=Q(events__kind=ReturnEventKind.SUBMITTED)),
        )
        .order_by("supplier__name_en", "period_start")
    )
    for item in rows:
        record = records.setdefault(item.supplier_id, SupplierRecord(item.supplier))
        record.expected += 1
        record.periods.append(item.period_label)
        sent = item.state in (ReturnState.SUBMITTED, ReturnState.APPROVED)
        record.received += sent
        first = item.first_submitted
        record.on_time += bool(first and first.date() <= item.deadline)
        record.overdue += not sent and item.deadline < day
        record.cells += item.n_measures * _areas(item)
        record.filled += item.n_filled
    return list(records.values())
