"""Pages that must not grow with history: the same plan with 4 and with 20 closed rounds.

Two copies of a 300-action plan (5 themes × 12 commitments × 5 actions) are written in bulk,
one with 4 closed quarterly rounds behind its open round and one with 20 (five years), every
action with an approved update in every closed round. The dashboard (read by the regional
adviser), My actions (read by the lead officer whose organisation leads all 300 actions) and
the plan page are served in-process through Django's test client, so the figures are the
server's own work: middleware, queries and templates, no sockets. Beside them, in the same run:

- the hello-world page (`/bench/hello`) through the same client: the cost of any request;
- a bare template loop over the plan page's rows: the plan tree fetched the same way and a
  four-cell row per action rendered by a template with no includes, tags or reverse().

The dashboard and My actions should take the same time with 4 and 20 rounds, within noise;
the plan page should be within 3× the bare loop (issue 9).
"""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.environment import BenchEnvironment
from benchmarks.suite import RunOptions, Suite, Table

THEMES, COMMITMENTS, ACTIONS = 5, 12, 5  # 300 actions
ROUND_COUNTS = (4, 20)
RUNS = 15
BARE_LOOP = (
    "{% for theme in themes %}<h2>{{ theme.name_en }}</h2>"
    "{% for commitment in theme.commitments.all %}<table><caption>{{ commitment.text_en }}"
    "</caption>{% for action in commitment.actions.all %}<tr>"
    '<td><a href="/strategies/actions/{{ action.pk }}/">{{ action.text_en }}</a></td>'
    "<td>{{ action.evidence_en }}</td><td>{{ action.timescale_text }}</td><td>"
    "{% for org in action.lead_organisations.all %}{{ org.name_en }} {% endfor %}</td></tr>"
    "{% endfor %}</table>{% endfor %}{% endfor %}"
)


@dataclass(frozen=True)
class HistoryPlan:
    slug: str
    closed_rounds: int
    lead_username: str


def _quarters(count: int) -> list[str]:
    labels = [
        f"{year}/{(year + 1) % 100:02d} Q{quarter}"
        for year in range(2020, 2030)
        for quarter in range(1, 5)
    ]
    return labels[:count]


def _build(closed_rounds: int, admin_partnership_id: int) -> HistoryPlan:
    """The plan, its lead organisation and lead officer, and its rounds, written in bulk."""
    from vawdasv.accounts.models import User
    from vawdasv.partnerships.enums import Role
    from vawdasv.partnerships.models import Membership, Organisation
    from vawdasv.plans.enums import StrategyStatus, TimescaleKind
    from vawdasv.plans.models import Action, Commitment, Strategy, Theme
    from vawdasv.progress.enums import RoundStatus, UpdateState
    from vawdasv.progress.models import ProgressRound, ProgressUpdate
    from vawdasv.progress.periods import parse_period

    slug = f"bench-history-{closed_rounds}"
    organisation = Organisation.objects.create(slug=f"{slug}-org", name_en=f"Lead of {slug}")
    lead = User.objects.create_user(
        username=f"{slug}-lead", password="bench", organisation=organisation
    )
    Membership.objects.create(
        user=lead, partnership_id=admin_partnership_id, role=Role.LEAD_OFFICER
    )
    strategy = Strategy.objects.create(
        partnership_id=admin_partnership_id, slug=slug, title_en=f"Bench plan {slug}",
        start_year=2020, end_year=2030, status=StrategyStatus.PUBLISHED,
    )  # fmt: skip
    themes = Theme.objects.bulk_create(
        Theme(strategy=strategy, order=t, name_en=f"THEME {t}", aim_en=f"Aim {t}")
        for t in range(1, THEMES + 1)
    )
    commitments = Commitment.objects.bulk_create(
        Commitment(theme=theme, order=c, ref=f"{theme.order}.{c}", text_en=f"Priority {c}")
        for theme in themes
        for c in range(1, COMMITMENTS + 1)
    )
    actions = Action.objects.bulk_create(
        Action(
            commitment=commitment,
            order=a,
            ref=f"{commitment.ref}.{a}",
            text_en=f"Deliver milestone {commitment.ref}.{a} and report to the board",
            evidence_en="Minutes of the executive group",
            timescale_text="March 2031",
            due_date=datetime.date(2031, 3, 31),
            timescale_kind=TimescaleKind.DATE,
        )
        for commitment in commitments
        for a in range(1, ACTIONS + 1)
    )
    through = Action.lead_organisations.through
    through.objects.bulk_create(
        through(action_id=action.pk, organisation_id=organisation.pk) for action in actions
    )
    labels = _quarters(closed_rounds + 1)
    rounds = []
    for index, label in enumerate(labels):
        period = parse_period(label)
        assert period is not None
        closed = index < closed_rounds
        rounds.append(
            ProgressRound.objects.create(
                strategy=strategy,
                period_label=label,
                period_kind=period.kind,
                period_start=period.start,
                period_end=period.end,
                deadline=period.end + datetime.timedelta(days=30),
                status=RoundStatus.CLOSED if closed else RoundStatus.OPEN,
            )
        )
    for progress_round in rounds[:closed_rounds]:
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(
                progress_round=progress_round,
                action=action,
                state=UpdateState.APPROVED,
                rag=("green", "amber", "red")[n % 3],
                narrative_en="Partners met and agreed the next steps for the quarter.",
            )
            for n, action in enumerate(actions)
        )
    return HistoryPlan(slug, closed_rounds, lead.username)


def _median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm: templates compiled, translations loaded
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _page(client: object, path: str) -> Callable[[], object]:
    def get() -> object:
        response = client.get(path)  # type: ignore[attr-defined]
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        return response

    return get


def _bare_loop(slug: str) -> Callable[[], object]:
    from django.template import Context, Template

    from vawdasv.plans import selectors
    from vawdasv.plans.models import Strategy

    template = Template(BARE_LOOP)

    def render() -> str:
        strategy = Strategy.objects.get(slug=slug)
        return template.render(Context({"themes": selectors.plan_tree(strategy)}))

    return render


def run(environment: BenchEnvironment, options: RunOptions) -> list[Table]:
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from vawdasv.accounts.models import User
    from vawdasv.partnerships.enums import Role
    from vawdasv.partnerships.models import Membership, Partnership

    call_command("migrate", interactive=False, verbosity=0)
    partnership = Partnership.objects.create(slug="bench-history", name_en="Bench history")
    admin = User.objects.create_user(username="bench-history-admin", password="bench")
    Membership.objects.create(user=admin, partnership=partnership, role=Role.ADMINISTRATOR)
    plans = [_build(count, partnership.pk) for count in ROUND_COUNTS]

    anonymous = Client()
    hello = _median_ms(_page(anonymous, "/bench/hello"))
    table = Table(
        f"Pages of a 300-action plan by closed rounds behind it (in-process, median of {RUNS})",
        ["page", "closed rounds", "ms", "× hello", "× bare loop"],
    )
    table.rows.append(["hello-world", "–", hello, 1.0, "–"])
    for plan in plans:
        adviser, lead = Client(), Client()
        adviser.force_login(admin)
        lead.force_login(User.objects.get(username=plan.lead_username))
        bare = _median_ms(_bare_loop(plan.slug))
        measured = {
            "dashboard": _median_ms(
                _page(adviser, reverse("progress:dashboard", args=[plan.slug]))
            ),
            "My actions": _median_ms(_page(lead, reverse("progress:my-actions"))),
            "plan page": _median_ms(_page(anonymous, reverse("plans:strategy", args=[plan.slug]))),
        }
        table.rows.append(["bare template loop", plan.closed_rounds, bare, bare / hello, 1.0])
        for name, ms in measured.items():
            ratio = ms / bare if name == "plan page" else "–"
            table.rows.append([name, plan.closed_rounds, ms, ms / hello, ratio])
    table.notes.append(
        "  targets: dashboard and My actions the same with 4 and 20 rounds (within noise);"
        " the plan page within 3x the bare loop"
    )
    return [table]


SUITE = Suite(
    name="history",
    summary="dashboard, My actions and plan page with 4 and 20 closed rounds; bare loop",
    run=run,
)
