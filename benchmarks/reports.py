"""How long the progress report takes to make, against a bare python-docx table of the same size.

Plans of 70, 250, 500 and 1,000 actions (5 themes of commitments with actions), each with a
closed 2018/19 round in which every action has an approved update (a narrative of about 60
words, RAG ratings spread across red, amber and green, one in ten with an amended timescale),
are written in bulk. Each report is then gathered and rendered as HTML, .docx and PDF, in
English, several times each.

In the same run a bare python-docx document with one table of as many rows (four columns, the
same texts, no shading, no styles) is written: the ratio says what the report adds on top of
the library and cancels out most of the machine's speed and load. The four sizes show whether
the time grows linearly with the plan.
"""

from __future__ import annotations

import datetime
import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.environment import BenchEnvironment
from benchmarks.suite import RunOptions, Suite, Table

THEMES = 5
# (actions, commitments per theme, actions per commitment): 70 is the Cardiff and Vale 2018/19
# report; 1,000 is twice the largest plan seen.
SIZES = ((70, 14, 1), (250, 10, 5), (500, 20, 5), (1000, 40, 5))
RUNS = 3
RAGS = ("green", "amber", "green", "red", "amber", "green")
NARRATIVE = (
    "Partners met quarterly and agreed the regional approach. Training was delivered to staff "
    "across the region and the referral pathway was reviewed with survivors, whose feedback "
    "shaped the revised guidance. Data on uptake is collected every quarter and shared with "
    "the executive group; the remaining work is planned for the next financial year."
)


@dataclass(frozen=True)
class BuiltPlan:
    slug: str
    actions: int


def _build_plan(slug: str, commitments_per_theme: int, actions_per_commitment: int) -> BuiltPlan:
    """A plan with a closed 2018/19 round and an approved update per action, written in bulk."""
    from django.contrib.contenttypes.models import ContentType

    from vawdasv.audit.models import AuditEntry, Verb
    from vawdasv.audit.origins import OriginKind
    from vawdasv.partnerships.models import Organisation, Partnership
    from vawdasv.plans.enums import StrategyStatus, TimescaleKind
    from vawdasv.plans.models import Action, Commitment, Strategy, Theme
    from vawdasv.progress.enums import PeriodKind, RoundStatus, UpdateState
    from vawdasv.progress.models import ProgressRound, ProgressUpdate

    partnership = Partnership.objects.create(slug=f"{slug}-partnership", name_en=f"Bench {slug}")
    leads = Organisation.objects.bulk_create(
        Organisation(slug=f"{slug}-org-{n}", name_en=f"Bench organisation {n}") for n in range(5)
    )
    strategy = Strategy.objects.create(
        partnership=partnership, slug=slug, title_en=f"Bench strategy {slug} 2018 – 2023",
        start_year=2018, end_year=2023, status=StrategyStatus.PUBLISHED,
        vision_en="People live positive, independent lives without violence and abuse.",
    )  # fmt: skip
    themes = Theme.objects.bulk_create(
        Theme(strategy=strategy, order=t, name_en=f"THEME {t}", aim_en=f"Aim of theme {t}")
        for t in range(1, THEMES + 1)
    )
    commitments = Commitment.objects.bulk_create(
        Commitment(
            theme=theme,
            order=c,
            ref=f"{theme.order}.{c}",
            text_en=f"Improve how partners work together on priority {theme.order}.{c}",
        )
        for theme in themes
        for c in range(1, commitments_per_theme + 1)
    )
    march_2019 = datetime.date(2019, 3, 31)
    actions = Action.objects.bulk_create(
        Action(
            commitment=commitment,
            order=a,
            ref=f"{commitment.ref}.{a}",
            text_en=(
                f"Deliver milestone {commitment.ref}.{a}: review the service pathway and "
                "publish the findings to all partners"
            ),
            timescale_text="March 2019",
            due_date=march_2019,
            timescale_kind=TimescaleKind.DATE,
        )
        for commitment in commitments
        for a in range(1, actions_per_commitment + 1)
    )
    through = Action.lead_organisations.through
    through.objects.bulk_create(
        through(action_id=action.pk, organisation_id=leads[n % len(leads)].pk)
        for n, action in enumerate(actions)
    )
    progress_round = ProgressRound.objects.create(
        strategy=strategy, period_label="2018/19", period_kind=PeriodKind.YEAR,
        period_start=datetime.date(2018, 4, 1), period_end=march_2019,
        deadline=datetime.date(2019, 4, 30), status=RoundStatus.CLOSED,
    )  # fmt: skip
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            progress_round=progress_round,
            action=action,
            state=UpdateState.APPROVED,
            rag=RAGS[n % len(RAGS)],
            narrative_en=NARRATIVE,
            proposed_timescale_text="April 2020" if n % 10 == 0 else "",
            proposed_timescale_reason="Recommissioning comes first." if n % 10 == 0 else "",
        )
        for n, action in enumerate(actions)
    )
    action_type = ContentType.objects.get_for_model(Action)
    round_type = ContentType.objects.get_for_model(ProgressRound)
    # As `audit.services.record` writes a change that came from the round (its origin).
    AuditEntry.objects.bulk_create(
        AuditEntry(
            verb=Verb.UPDATED,
            content_type=action_type,
            object_id=action.pk,
            object_repr=action.text_en[:300],
            source=progress_round.period_label,
            origin_kind=OriginKind.PROGRESS_ROUND,
            origin_content_type=round_type,
            origin_object_id=progress_round.pk,
            changes={
                "timescale_text": {"before": "March 2019", "after": "April 2020"},
                "due_date": {"before": "2019-03-31", "after": "2020-04-30"},
            },
        )
        for n, action in enumerate(actions)
        if n % 10 == 0
    )
    return BuiltPlan(slug, len(actions))


def _bare_docx(rows: int) -> bytes:
    """One plain table with a header and `rows` rows of the report's texts, nothing else."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ("Section", "We will", "By", "Progress"), strict=True
    ):
        cell.text = text
    for n in range(rows):
        cells = table.add_row().cells
        cells[0].text = f"1.{n} Improve how partners work together on priority 1.{n}"
        cells[1].text = f"Deliver milestone 1.{n}: review the service pathway and publish"
        cells[2].text = "March 2019"
        cells[3].text = f"Green\n{NARRATIVE}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _median_seconds(work: Callable[[], object], runs: int = RUNS) -> tuple[float, object]:
    times: list[float] = []
    result: object = None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _measure(plan: BuiltPlan) -> dict[str, tuple[float, int]]:
    """Median seconds and file size per step: the data pass alone, then gather + render."""
    from vawdasv.plans.models import Strategy
    from vawdasv.progress.periods import parse_period
    from vawdasv.progress.report import render
    from vawdasv.progress.report.data import gather

    strategy = Strategy.objects.select_related("partnership").get(slug=plan.slug)
    period = parse_period("2018/19")
    assert period is not None

    def made(format_name: str) -> Callable[[], bytes]:
        return lambda: render(gather(strategy, period, language="en"), format_name)

    results: dict[str, tuple[float, int]] = {}
    seconds, _report = _median_seconds(lambda: gather(strategy, period, language="en"))
    results["gather"] = (seconds, 0)
    for format_name in ("html", "docx", "pdf"):
        seconds, data = _median_seconds(made(format_name))
        results[format_name] = (seconds, len(data))  # type: ignore[arg-type]
    return results


def run(environment: BenchEnvironment, options: RunOptions) -> list[Table]:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    # Warm the engines (imports, font loading) so the first size is not charged for them.
    _bare_docx(1)
    plans = [
        _build_plan(f"bench-report-{size}", commitments, per_commitment)
        for size, commitments, per_commitment in SIZES
    ]
    _measure(plans[0])

    table = Table(
        f"Progress report by plan size: gather + render, median of {RUNS} runs (seconds)",
        ["actions", "bare docx", ".docx", "× bare", ".pdf", "× bare", ".html", "gather", "PDF KB"],
    )
    for plan in plans:
        baseline, _data = _median_seconds(lambda plan=plan: _bare_docx(plan.actions))
        measured = _measure(plan)
        docx_seconds, pdf_seconds = measured["docx"][0], measured["pdf"][0]
        table.rows.append(
            [
                plan.actions,
                baseline,
                docx_seconds,
                docx_seconds / baseline,
                pdf_seconds,
                pdf_seconds / baseline,
                measured["html"][0],
                measured["gather"][0],
                measured["pdf"][1] // 1024,
            ]
        )
    table.notes.append(
        "  bare docx: one plain python-docx table of as many rows with the same texts;"
        " targets: .pdf and .docx within 3x of it at 500 actions, growing linearly"
    )
    return [table]


SUITE = Suite(
    name="reports",
    summary="progress report generation (.docx, .pdf, HTML) against a bare python-docx table",
    run=run,
)
