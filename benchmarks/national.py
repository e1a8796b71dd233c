"""The all-Wales view over the national data set, against a hello-world on the same server.

On top of the data set (6 partnerships × 5 strategies × 300 actions, each action aligned to 1–3
framework items), five years of quarterly rounds (2021/22 to 2025/26, 20 rounds per strategy)
with an approved update for every action in every round are written in bulk: 180,000 updates.
A national observer (signed in) then reads `/all-wales/` for 2025/26 on the current national
strategy's objectives, and the drill-down of one region and objective. The issue asks the view
to stay within 10× the hello-world page; the ratio column says whether it does.
"""

from __future__ import annotations

import datetime
import time

from benchmarks.environment import BenchEnvironment
from benchmarks.latency import CLIENT_COUNTS, HELLO, Page, _row, measure
from benchmarks.server import running_server
from benchmarks.suite import RunOptions, Suite, Table

RAGS = ("green", "amber", "green", "red", "amber", "green", "green")
FIRST_YEAR, YEARS = 2021, 5


def _quarters() -> list[tuple[str, datetime.date, datetime.date]]:
    quarters = []
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        for number, (start_month, end) in enumerate(
            [(4, (year, 6, 30)), (7, (year, 9, 30)), (10, (year, 12, 31)), (1, (year + 1, 3, 31))],
            start=1,
        ):
            start_year = year if start_month != 1 else year + 1
            label = f"{year}/{str(year + 1)[-2:]} Q{number}"
            quarters.append((label, datetime.date(start_year, start_month, 1), datetime.date(*end)))
    return quarters


def build_updates() -> tuple[int, float, str]:
    """Rounds and approved updates for every strategy (in bulk); returns the number of updates,
    the seconds taken and a national observer's session cookie."""
    from django.db import transaction
    from django.test import Client

    from vawdasv.accounts.models import User
    from vawdasv.plans.models import Action, Strategy
    from vawdasv.progress.enums import PeriodKind, RoundStatus, UpdateState
    from vawdasv.progress.models import ProgressRound, ProgressUpdate

    started = time.perf_counter()
    count = 0
    with transaction.atomic():
        # Strategies another suite of the same run gave rounds (history's) keep theirs: this
        # suite's quarters would clash with them.
        for strategy in Strategy.objects.filter(progress_rounds__isnull=True).order_by("pk"):
            rounds = ProgressRound.objects.bulk_create(
                ProgressRound(
                    strategy=strategy, period_label=label, period_kind=PeriodKind.QUARTER,
                    period_start=start, period_end=end, deadline=end + datetime.timedelta(days=30),
                    status=RoundStatus.CLOSED,
                )
                for label, start, end in _quarters()
            )  # fmt: skip
            action_ids = list(Action.objects.for_strategy(strategy).values_list("pk", flat=True))
            for index, progress_round in enumerate(rounds):
                ProgressUpdate.objects.bulk_create(
                    (
                        ProgressUpdate(
                            progress_round=progress_round, action_id=action_id,
                            state=UpdateState.APPROVED, rag=RAGS[(action_id + index) % len(RAGS)],
                            completed=(action_id + index) % 11 == 0,
                            narrative_en="Partners met and agreed the regional approach.",
                        )
                        for action_id in action_ids
                    ),
                    batch_size=500,
                )  # fmt: skip
                count += len(action_ids)
    observer = User.objects.create(username="bench-observer", national_observer=True)
    client = Client()
    client.force_login(observer)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    return count, time.perf_counter() - started, cookie


def run(environment: BenchEnvironment, options: RunOptions) -> list[Table]:
    environment.dataset()
    from vawdasv.partnerships.models import Partnership
    from vawdasv.reference.models import FrameworkItem

    updates, seconds, cookie = build_updates()
    print(f"Wrote {updates:,} approved quarterly updates in {seconds:.1f} s")
    item = FrameworkItem.objects.filter(framework__slug__startswith="national-strategy-2022")
    first_item = item.order_by("order").first()
    # One of the six regional partnerships (another suite of the same run may have added its own).
    region = Partnership.objects.filter(region__isnull=False).order_by("pk").first()
    assert first_item is not None and region is not None
    hello = Page(HELLO, "/bench/hello")
    pages = [
        Page("all-Wales view 2025/26", "/all-wales/?year=2025", cookie),
        Page(
            "drill-down (one region, one objective)",
            f"/all-wales/{first_item.pk}/{region.slug}/?year=2025",
            cookie,
        ),
    ]
    table = Table(
        f"All-Wales view (national observer, {updates:,} approved updates, "
        f"{options.requests} requests per row)",
        ["page", "clients", "requests", "p50 ms", "p95 ms", "requests/s", "KB", "p50 ÷ hello p50"],
    )
    with running_server(environment.server_env, environment.workdir, 2, 4) as server:
        for clients in CLIENT_COUNTS:
            base = measure(server, hello, clients, options)
            table.rows.append(_row(base, base))
            for page in pages:
                table.rows.append(_row(measure(server, page, clients, options), base))
    table.notes += [f"  {page.name}: {page.path}" for page in (hello, *pages)]
    table.notes.append("  target (issue 16): the all-Wales view within 10× the hello-world p50")
    return [table]


SUITE = Suite(
    name="national",
    summary="the all-Wales view over five years of quarterly updates vs a hello-world",
    run=run,
)
