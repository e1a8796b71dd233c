"""What the public pages show of a partnership: its published plans with their latest published
progress (approved updates of closed rounds), and the same as open data.

Progress is shown only when the partnership publishes it (`permissions.progress_is_public`,
the same rule as the plan pages); otherwise the plans are listed without any RAG status,
completion or narrative. A narrative appears only when the regional team also marked the
update public (UpdateMark.public); a RAG status and completion appear for every approved
update of a closed round."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from openpyxl import Workbook

from vawdasv.lib import tabular
from vawdasv.national.models import UpdateMark
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.enums import StrategyStatus
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress.public import ProgressRound, ProgressUpdate, UpdateState


@dataclass
class PublicAction:
    action: Action
    update: ProgressUpdate | None
    public_narrative: bool

    @property
    def rag(self) -> str:
        return self.update.rag if self.update else ""


@dataclass
class PublicTheme:
    theme: Theme
    actions: list[PublicAction]

    @property
    def counts(self) -> Counter[str]:
        return Counter(a.rag or "none" for a in self.actions)


@dataclass
class PublicStrategy:
    strategy: Strategy
    period: str
    # False when the partnership does not publish its progress: the plan without progress.
    progress_published: bool = True
    themes: list[PublicTheme] = field(default_factory=list)
    # Issued board reports the regional team put on the public pages (progress.public).
    issued: list[Any] = field(default_factory=list)


def published_strategies(partnership: Partnership) -> list[Strategy]:
    return list(partnership.strategies.filter(status=StrategyStatus.PUBLISHED))


def _latest_round(strategy: Strategy) -> ProgressRound | None:
    return (
        ProgressRound.objects.closed()
        .filter(strategy=strategy)
        .order_by("-period_end", "-period_kind", "-pk")
        .first()
    )


def _latest_updates(strategy: Strategy) -> tuple[dict[int, ProgressUpdate], set[int]]:
    """Each action's latest approved update from a closed round, and which of them the regional
    team marked public (their narratives may be shown)."""
    updates = {
        u.action_id: u
        for u in ProgressUpdate.objects.filter(
            action__commitment__theme__strategy=strategy,
            state=UpdateState.APPROVED,
            progress_round__status="closed",
        )
        .select_related("progress_round")
        .order_by("progress_round__period_end", "progress_round__period_kind", "pk")
    }
    public = set(
        UpdateMark.objects.filter(
            update__in=[u.pk for u in updates.values()], public=True
        ).values_list("update_id", flat=True)
    )
    return updates, public


def public_progress(strategy: Strategy) -> PublicStrategy:
    """The plan with each action's latest approved update from a closed round, or the plan
    alone when the partnership does not publish its progress."""
    published = permissions.progress_is_public(strategy)
    actions = Action.objects.order_by("order", "pk")
    themes = list(
        strategy.themes.prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.prefetch_related(Prefetch("actions", queryset=actions)),
            )
        )
    )
    if published:
        updates, public = _latest_updates(strategy)
        latest = _latest_round(strategy)
        result = PublicStrategy(strategy, latest.period_label if latest else "")
    else:
        updates, public = {}, set()
        result = PublicStrategy(strategy, "", progress_published=False)
    for theme in themes:
        rows = []
        for commitment in theme.commitments.all():
            for action in commitment.actions.all():
                update = updates.get(action.pk)
                rows.append(PublicAction(action, update, bool(update and update.pk in public)))
        result.themes.append(PublicTheme(theme, rows))
    return result


HEADINGS = [
    "strategy", "theme", "commitment_ref", "action_ref", "action_en", "action_cy", "due_date",
    "period", "rag", "completed", "narrative_en", "narrative_cy",
]  # fmt: skip


def open_data_rows(partnership: Partnership) -> list[list[Any]]:
    """One row per action of every published plan: plain values, column names in English
    (open data keeps stable field names in one language). The progress columns stay, empty,
    when the partnership does not publish its progress."""
    rows: list[list[Any]] = []
    for strategy in published_strategies(partnership):
        progress = public_progress(strategy)
        for public_theme in progress.themes:
            for row in public_theme.actions:
                action, update = row.action, row.update
                rows.append(
                    [
                        strategy.slug,
                        public_theme.theme.name_en or public_theme.theme.name_cy,
                        action.commitment.ref,
                        action.ref,
                        action.text_en,
                        action.text_cy,
                        action.due_date,
                        update.progress_round.period_label if update else "",
                        update.rag if update else "",
                        # unknown, not "not completed", when progress is not published
                        bool(update and update.completed) if progress.progress_published else None,
                        update.narrative_en if update and row.public_narrative else "",
                        update.narrative_cy if update and row.public_narrative else "",
                    ]
                )
    return rows


def as_csv(partnership: Partnership) -> bytes:
    return tabular.csv_bytes([HEADINGS, *open_data_rows(partnership)])


def as_xlsx(partnership: Partnership) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "progress"
    tabular.append_row(sheet, HEADINGS)
    for row in open_data_rows(partnership):
        tabular.append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_json(partnership: Partnership) -> bytes:
    records = [
        {key: (value.isoformat() if hasattr(value, "isoformat") else value)
         for key, value in zip(HEADINGS, row, strict=True)}
        for row in open_data_rows(partnership)
    ]  # fmt: skip
    published = [permissions.progress_is_public(s) for s in published_strategies(partnership)]
    document = {
        "partnership": partnership.slug,
        "progress_published": any(published),
        "actions": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
