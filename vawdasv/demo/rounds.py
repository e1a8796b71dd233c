"""Demo progress rounds on the Cardiff and Vale 2023–2028 plan, so the dashboard has a story.

Two quarterly rounds, dated from today: last quarter's round, closed with approved updates (a few
actions left without one, so "no update" shows), and this quarter's round, open, in which Owain
(South Wales Police) has submitted his updates and some are already approved, Bethan (Cardiff
Council) has drafts, and Rhys (the Regional Team) has not started.

Everything is written through the progress services, as a person would, so the audit history
is real. The ratings and narratives are invented: every narrative says "(demonstration value)"
or "(gwerth arddangos)" so they are never read as the partnership's own.

Running it again replaces the two rounds (and their history) with fresh ones.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from vawdasv.audit import services as audit_services
from vawdasv.plans.models import Action, Strategy
from vawdasv.progress import evidence, services
from vawdasv.progress.enums import RagStatus
from vawdasv.progress.models import ProgressRound, ProgressUpdate, UpdateEvidence
from vawdasv.progress.periods import ReportingPeriod, quarter_containing

DEMO_MARK_EN = "(demonstration value)"
DEMO_MARK_CY = "(gwerth arddangos)"
DEADLINE_AFTER_PERIOD = datetime.timedelta(days=14)

# Who writes the updates of an action, by lead organisation; anything else the regional
# adviser enters on the lead's behalf, as regional teams often do from emailed returns.
OFFICERS = (
    ("south-wales-police", "owain"),
    ("cardiff-council", "bethan"),
    ("cardiff-vale-regional-team", "rhys"),
)
ADVISER = "alys"
SUBMITTED_OFFICER, DRAFT_OFFICER = "owain", "bethan"

# Ratings handed out in turn, so each theme gets a mix.
PREVIOUS_RATINGS = ("green", "amber", "green", "red", "amber", "green", "green", "amber")
CURRENT_RATINGS = ("green", "green", "amber", "amber", "red", "green")
SILENT_EVERY = 9  # every ninth action had no approved update last quarter

NARRATIVES = {
    "completed": (
        "Completed: the evidence of achievement has been gathered and reported to the "
        "Executive Group.",
        "Wedi'i gwblhau: mae'r dystiolaeth o gyflawniad wedi'i chasglu a'i hadrodd i'r Grŵp "
        "Gweithredol.",
    ),
    "green": (
        "Good progress this quarter; the work is on track.",
        "Cynnydd da y chwarter hwn; mae'r gwaith ar y trywydd iawn.",
    ),
    "amber": (
        "Some progress; the timetable is being reviewed with partners.",
        "Peth cynnydd; mae'r amserlen yn cael ei hadolygu gyda phartneriaid.",
    ),
    "red": (
        "Little progress this quarter because of limited staff capacity.",
        "Ychydig o gynnydd y chwarter hwn oherwydd capasiti staff cyfyngedig.",
    ),
}
NEW_TIMESCALE_REASON = "Waiting for the regional training programme to be recommissioned."


# A new action proposed in the open round, and evidence on one update: demonstration values.
DEMO_NEW_ACTION = {
    "proposed_new_action_en": (
        "Brief custody staff on referral routes to specialist services " + DEMO_MARK_EN
    ),
    "proposed_new_action_cy": (
        "Briffio staff y ddalfa ar lwybrau atgyfeirio at wasanaethau arbenigol " + DEMO_MARK_CY
    ),
    "proposed_new_action_timescale": "Mar 2027",
}
DEMO_EVIDENCE_LINK = (
    "Welsh Government VAWDASV strategy 2022 to 2026 " + DEMO_MARK_EN,
    "https://www.gov.wales/violence-against-women-domestic-abuse-and-sexual-violence-strategy-2022-2026",
)
DEMO_EVIDENCE_FILE = (
    "Training attendance summary " + DEMO_MARK_EN,
    "training-attendance-summary.csv",
    b"Month,Sessions,Staff attending\nApril,3,41\nMay,2,27\nJune,4,55\n",
)


def _add_demo_evidence(writer: Any, progress_round: ProgressRound, action: Action) -> None:
    """A link and a small file on one update, so the evidence list is not empty in the demo."""
    title, url = DEMO_EVIDENCE_LINK
    evidence.add_evidence_link(
        actor=writer, progress_round=progress_round, action=action, title=title, url=url
    )
    title, name, content = DEMO_EVIDENCE_FILE
    evidence.add_evidence_file(
        actor=writer, progress_round=progress_round, action=action, title=title,
        uploaded_file=SimpleUploadedFile(name, content, content_type="text/csv"),
    )  # fmt: skip


@dataclass(frozen=True)
class DemoRounds:
    previous: ProgressRound
    current: ProgressRound


def demo_update(rag: str, *, completed: bool = False) -> dict[str, Any]:
    """An update's fields, with narratives marked as demonstration values in both languages."""
    english, welsh = NARRATIVES["completed" if completed else rag]
    return {
        "rag": RagStatus(rag).value,
        "completed": completed,
        "narrative_en": f"{english} {DEMO_MARK_EN}",
        "narrative_cy": f"{welsh} {DEMO_MARK_CY}",
    }


def _writer(action: Action, people: Mapping[str, Any]) -> Any:
    leads = {org.slug for org in action.lead_organisations.all()}
    for slug, username in OFFICERS:
        if slug in leads:
            return people[username]
    return people[ADVISER]


def _remove_earlier(strategy: Strategy, labels: list[str]) -> None:
    """Delete the demo rounds of an earlier run, and any history left pointing at nothing."""
    ProgressRound.objects.filter(strategy=strategy, period_label__in=labels).delete()
    audit_services.forget_demo_history(
        partnership=strategy.partnership_id,
        kinds=(ProgressRound, ProgressUpdate, UpdateEvidence),
    )


def _open(strategy: Strategy, period: ReportingPeriod, people: Mapping[str, Any]) -> ProgressRound:
    return services.open_round(
        actor=people[ADVISER],
        strategy=strategy,
        period_label=period.label,
        deadline=period.end + DEADLINE_AFTER_PERIOD,
    )


def _previous_round(
    strategy: Strategy, period: ReportingPeriod, actions: list[Action], people: Mapping[str, Any]
) -> tuple[ProgressRound, set[int]]:
    """Last quarter: approved updates for most actions, then closed. Returns finished actions."""
    progress_round = _open(strategy, period, people)
    adviser = people[ADVISER]
    finished: set[int] = set()
    proposed_new_date = False
    for index, action in enumerate(actions):
        if index % SILENT_EVERY == SILENT_EVERY - 1:
            continue
        rag = PREVIOUS_RATINGS[index % len(PREVIOUS_RATINGS)]
        writer = _writer(action, people)
        if writer.username == SUBMITTED_OFFICER and not proposed_new_date:
            rag = "amber"  # the activity needs a change: see the new timescale below
        completed = (
            rag == "green" and action.due_date is not None and action.due_date < period.start
        )
        data = demo_update(rag, completed=completed)
        if rag == "amber" and writer.username == SUBMITTED_OFFICER and not proposed_new_date:
            # One proposed change of date, so the plan's history shows an amended timescale.
            data |= {
                "proposed_timescale_text": f"Mar {period.end.year + 1}",
                "proposed_timescale_reason": NEW_TIMESCALE_REASON,
            }
            proposed_new_date = True
        update = services.submit_update(
            actor=writer, progress_round=progress_round, action=action, data=data
        )
        services.approve_update(actor=adviser, update=update)
        if completed:
            finished.add(action.pk)
    return services.close_round(actor=adviser, progress_round=progress_round), finished


def _current_round(
    strategy: Strategy, period: ReportingPeriod, actions: list[Action], people: Mapping[str, Any]
) -> ProgressRound:
    """This quarter, open: one officer submitted (half approved), one drafting, one silent."""
    progress_round = _open(strategy, period, people)
    adviser = people[ADVISER]
    submitted: list[ProgressUpdate] = []
    officers_actions = [a for a in actions if _writer(a, people).username == SUBMITTED_OFFICER]
    for index, action in enumerate(actions):
        writer = _writer(action, people)
        data = demo_update(CURRENT_RATINGS[index % len(CURRENT_RATINGS)])
        if officers_actions and action == officers_actions[0]:
            _add_demo_evidence(writer, progress_round, action)
        if officers_actions and action == officers_actions[-1]:
            data |= DEMO_NEW_ACTION  # left waiting for review, so the adviser can try approving
        if writer.username == SUBMITTED_OFFICER:
            submitted.append(
                services.submit_update(
                    actor=writer, progress_round=progress_round, action=action, data=data
                )
            )
        elif writer.username == DRAFT_OFFICER:
            services.save_draft(
                actor=writer, progress_round=progress_round, action=action,
                data={"rag": data["rag"], "narrative_en": data["narrative_en"]},
            )  # fmt: skip
    # Approve about half; the proposal of a new action is left for the adviser to review.
    reviewable = [update for update in submitted if not update.proposes_new_action]
    for update in reviewable[: (len(reviewable) + 1) // 2]:
        services.approve_update(actor=adviser, update=update)
    return progress_round


@transaction.atomic
def load_demo_rounds(
    *, strategy: Strategy, people: Mapping[str, Any], today: datetime.date | None = None
) -> DemoRounds:
    """Last quarter's closed round and this quarter's open one, on the given plan.

    `people` maps the demo usernames (alys, owain, bethan, rhys) to their users.
    """
    current_period = quarter_containing(today or datetime.date.today())
    previous_period = quarter_containing(current_period.start - datetime.timedelta(days=1))
    _remove_earlier(strategy, [previous_period.label, current_period.label])
    actions = list(
        Action.objects.for_strategy(strategy)
        .select_related("commitment__theme__strategy__partnership")
        .prefetch_related("lead_organisations")
        .order_by("commitment__theme__order", "commitment__order", "order", "pk")
    )
    previous, finished = _previous_round(strategy, previous_period, actions, people)
    current = _current_round(
        strategy, current_period, [a for a in actions if a.pk not in finished], people
    )
    return DemoRounds(previous=previous, current=current)
