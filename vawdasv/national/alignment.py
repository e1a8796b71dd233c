"""Reads for the bulk alignment page: the plan's commitments with their current alignment,
suggestions and coverage, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from vawdasv.national.models import CommitmentAlignment, OwnAlignment
from vawdasv.national.suggest import Suggestion, suggest_all
from vawdasv.plans.models import Action, Commitment, Strategy
from vawdasv.reference.models import FrameworkItem


@dataclass
class SuggestedItem:
    item: FrameworkItem
    suggestion: Suggestion


@dataclass
class CommitmentRow:
    commitment: Commitment
    aligned: set[int]
    suggestions: list[SuggestedItem]
    actions: list[Action]
    own: set[int] = field(default_factory=set)

    @property
    def suggested_ids(self) -> set[int]:
        return {s.item.pk for s in self.suggestions}


@dataclass
class AlignmentPage:
    items: list[FrameworkItem]
    rows: list[CommitmentRow]

    @property
    def aligned_count(self) -> int:
        return sum(1 for row in self.rows if row.aligned)

    @property
    def percent(self) -> int:
        return round(100 * self.aligned_count / len(self.rows)) if self.rows else 0


def framework_items() -> list[FrameworkItem]:
    return list(FrameworkItem.objects.select_related("framework"))


def alignment_page(strategy: Strategy) -> AlignmentPage:
    items = framework_items()
    commitments = list(
        Commitment.objects.filter(theme__strategy=strategy)
        .select_related("theme")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("order", "pk")))
        .order_by("theme__order", "order", "pk")
    )
    aligned: dict[int, set[int]] = {c.pk: set() for c in commitments}
    for commitment_id, item_id in CommitmentAlignment.objects.filter(
        commitment__in=commitments
    ).values_list("commitment_id", "item_id"):
        aligned[commitment_id].add(item_id)
    own = set(
        OwnAlignment.objects.filter(action__commitment__in=commitments).values_list(
            "action_id", flat=True
        )
    )
    by_id = {item.pk: item for item in items}
    # Suggestions compare English wording: the frameworks are published in English first.
    suggestions = suggest_all(
        [(item.pk, item.title_en) for item in items],
        {c.pk: c.text_en or c.text_cy for c in commitments},
    )
    rows = []
    for commitment in commitments:
        actions = list(commitment.actions.all())
        rows.append(
            CommitmentRow(
                commitment=commitment,
                aligned=aligned[commitment.pk],
                suggestions=[
                    SuggestedItem(by_id[s.item_id], s) for s in suggestions[commitment.pk]
                ],
                actions=actions,
                own={a.pk for a in actions if a.pk in own},
            )
        )
    return AlignmentPage(items=items, rows=rows)
