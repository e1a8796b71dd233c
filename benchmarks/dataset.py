"""A synthetic national-scale data set: every region's partnership with years of plans.

Six partnerships (one per VAWDASV region, built from the reference tables), five strategies each,
300 actions per strategy under ~6 themes and ~8 commitments per theme, 1–3 lead organisations per
action, timescales written the way plans write them ("Mar 2026", "2019/20", "Ongoing", …), and a
full audit history: a "created" entry for every strategy, theme, commitment and action, and 1–3
"updated" entries per action (a slipped timescale, reworded evidence, a Welsh translation, a
change of lead).

The content is first drawn as plain specs (seeded, so every run measures the same pages), then
written in one of two ways:

- through `vawdasv.plans.services`, exactly as the editing screens write it, for the strategy
  the latency suite reads (the first partnership's 2023–2028 plan: 300 actions, ~600 edits);
- in bulk for the other 29 strategies: `bulk_create` of the final rows plus `AuditEntry` rows
  built with the same snapshot and diff helpers the services use, so the audit table holds what
  the services would have written. Writing all 9,000 actions and their ~18,000 edits through
  the services took 165 s on a two-core machine, more than half of the five minutes `make
  bench` may take; the bulk path writes 8,700 actions in well under 20 s.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.text import slugify

from vawdasv.accounts.models import User
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.services import _plain, diff
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.models import Membership, Organisation, Partnership
from vawdasv.plans import services
from vawdasv.plans.enums import StrategyStatus
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.plans.timescales import parse_timescale
from vawdasv.reference.models import FrameworkItem, Region

SOURCE = "benchmarks: synthetic national data set"

# The five strategy periods each partnership has had; the last is still a draft.
PERIODS: tuple[tuple[int, int], ...] = (
    (2013, 2016),
    (2016, 2018),
    (2018, 2023),
    (2023, 2028),
    (2028, 2033),
)
TARGET_PERIOD = (2023, 2028)

THEMES: tuple[tuple[str, str, str], ...] = (
    ("PREPARE", "PARATOI", "Build the partnership's ability to respond well"),
    ("PURSUE", "MYND AR DRYWYDD", "Hold perpetrators to account"),
    ("PREVENT", "ATAL", "Stop abuse before it starts"),
    ("PROTECT", "DIOGELU", "Keep victims and survivors safe"),
    ("SUPPORT", "CEFNOGI", "Make sure survivors get the help they need, when they need it"),
    ("LEARN", "DYSGU", "Learn from reviews and from the people who use services"),
)
VERBS = (
    "Develop",
    "Review",
    "Deliver",
    "Commission",
    "Map",
    "Pilot",
    "Agree",
    "Publish",
    "Extend",
    "Evaluate",
    "Embed",
    "Train",
)
SUBJECTS = (
    "a shared data dashboard for the partnership board",
    "referral pathways from primary care to specialist services",
    "training for frontline staff under the National Training Framework",
    "the MARAC process and its repeat referral rate",
    "healthy relationships education in secondary schools",
    "perpetrator programmes with probation colleagues",
    "survivor engagement panels in every local authority",
    "refuge and dispersed accommodation capacity",
    "data sharing agreements between partners",
    "awareness campaigns during the 16 days of action",
    "support for children and young people who witness abuse",
    "workplace policies on domestic abuse for partner employers",
    "services for older people experiencing abuse",
    "the response to so-called honour-based abuse and forced marriage",
    "target hardening for people at high risk",
    "the commissioning cycle for specialist services",
)
EVIDENCE = (
    "Quarterly data return to the partnership board",
    "Minutes of the delivery group",
    "Training records and evaluation forms",
    "Published report and action plan",
    "Survivor feedback gathered through the engagement panel",
    "Signed data sharing agreement",
    "Performance data in the annual report",
    "Commissioning plan agreed by the board",
)
COMMITMENT_STEMS = (
    "We will improve",
    "We will strengthen",
    "We will make sure partners share",
    "We will widen",
    "We will understand",
    "We will co-ordinate",
    "We will listen to survivors about",
    "We will invest in",
)
WELSH_ACTION = "Cam gweithredu {n}: cynllun cyflawni'r bartneriaeth"
WELSH_EVIDENCE = "Tystiolaeth: adroddiad cynnydd i'r bwrdd"
PROVIDERS = (
    "Women's Aid",
    "Rape and Sexual Abuse Support Centre",
    "Men's Advice Service",
    "Children's Advocacy Service",
)


@dataclass(frozen=True)
class DatasetShape:
    partnerships: int = 6
    strategies_per_partnership: int = 5
    themes_per_strategy: int = 6
    commitments_per_theme: int = 8
    actions_per_strategy: int = 300
    seed: int = 2015  # the year of the VAWDASV (Wales) Act


# Specs: what to write, decided before writing so both writers write the same thing -----------


@dataclass
class Edit:
    by_lead_officer: bool
    data: dict[str, Any]


@dataclass
class ActionSpec:
    data: dict[str, Any]
    edits: list[Edit]


@dataclass
class CommitmentSpec:
    data: dict[str, Any]
    actions: list[ActionSpec]


@dataclass
class ThemeSpec:
    data: dict[str, Any]
    commitments: list[CommitmentSpec]


@dataclass
class StrategySpec:
    data: dict[str, Any]
    themes: list[ThemeSpec]

    @property
    def is_target(self) -> bool:
        return (self.data["start_year"], self.data["end_year"]) == TARGET_PERIOD


@dataclass
class Cast:
    """One partnership's organisations and the two people who write its plans."""

    partnership: Partnership
    organisations: list[Organisation]
    admin: User
    lead: User


def _timescales(start: int, end: int) -> list[str]:
    texts: list[str] = ["Ongoing", "Annually", "TBC", "Quarterly"]
    for year in range(start, end + 1):
        fy = f"{year}/{str(year + 1)[2:]}"
        texts += [f"Mar {year}", f"Sep {year}", fy, f"Q2 {fy}", f"by autumn {year}"]
    return texts


def _split(total: int, parts: int) -> list[int]:
    """`total` actions spread over `parts` commitments as evenly as whole numbers allow."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


class _Planner:
    """Draws the content of strategies from a seeded random generator."""

    def __init__(self, shape: DatasetShape, alignments: Sequence[FrameworkItem]) -> None:
        self.shape = shape
        self.rng = random.Random(shape.seed)
        self.alignments = list(alignments)
        self.numbers = iter(range(1, 10**9))

    def strategy(self, cast: Cast, start: int, end: int) -> StrategySpec:
        partnership, shape = cast.partnership, self.shape
        status = StrategyStatus.DRAFT if start > TARGET_PERIOD[0] else StrategyStatus.PUBLISHED
        timescales = _timescales(start, end)
        per_commitment = iter(
            _split(
                shape.actions_per_strategy, shape.themes_per_strategy * shape.commitments_per_theme
            )
        )
        themes = []
        for t in range(shape.themes_per_strategy):
            name_en, name_cy, aim = THEMES[t % len(THEMES)]
            commitments = []
            for c in range(shape.commitments_per_theme):
                ref = f"{t + 1}.{c + 1}"
                text = f"{COMMITMENT_STEMS[c % len(COMMITMENT_STEMS)]} {self.rng.choice(SUBJECTS)}"
                actions = [
                    self.action(cast, timescales, f"{ref}.{a + 1}")
                    for a in range(next(per_commitment))
                ]
                commitments.append(CommitmentSpec({"ref": ref, "text_en": text}, actions))
            themes.append(
                ThemeSpec({"name_en": name_en, "name_cy": name_cy, "aim_en": aim}, commitments)
            )
        data = {
            "title_en": f"{partnership.name_en} Strategy {start}–{end}",
            "title_cy": f"Strategaeth {partnership.name_cy} {start}–{end}",
            "slug": f"{partnership.slug}-{start}-{end}",
            "start_year": start,
            "end_year": end,
            "status": status,
            "vision_en": "Everyone in the region lives free from violence and abuse.",
        }
        return StrategySpec(data, themes)

    def action(self, cast: Cast, timescales: Sequence[str], ref: str) -> ActionSpec:
        rng, n, organisations = self.rng, next(self.numbers), cast.organisations
        leads = rng.sample(organisations, rng.choice((1, 1, 2, 2, 3)))
        police = cast.lead.organisation
        if rng.random() < 0.3 and police not in leads:
            leads[0] = police  # the police lead a good share of every plan
        translated = rng.random() < 0.4
        data = {
            "ref": ref,
            "text_en": f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} (action {n})",
            "text_cy": WELSH_ACTION.format(n=n) if translated else "",
            "evidence_en": rng.choice(EVIDENCE),
            "evidence_cy": WELSH_EVIDENCE if translated else "",
            "timescale_text": rng.choice(timescales),
            "lead_organisations": leads,
            "partner_organisations": rng.sample(organisations, rng.randint(0, 3)),
            "alignments": rng.sample(self.alignments, rng.randint(1, 3)),
        }
        edits = []
        for _ in range(rng.randint(1, 3)):
            edits.append(self.edit(n, leads, organisations, timescales, police))
            leads = edits[-1].data.get("lead_organisations", leads)
        return ActionSpec(data, edits)

    def edit(
        self,
        n: int,
        leads: Sequence[Organisation],
        organisations: Sequence[Organisation],
        timescales: Sequence[str],
        police: Organisation | None,
    ) -> Edit:
        """One realistic edit: a slipped timescale, new evidence, a translation or a new lead."""
        rng = self.rng
        kind = rng.choice(("timescale", "evidence", "translation", "leads"))
        if kind == "timescale":  # lead officers move their own deadlines
            return Edit(police in leads, {"timescale_text": rng.choice(timescales)})
        if kind == "evidence":
            return Edit(
                False, {"evidence_en": f"{rng.choice(EVIDENCE)}; {rng.choice(EVIDENCE).lower()}"}
            )
        if kind == "translation":
            return Edit(False, {"text_cy": WELSH_ACTION.format(n=n), "evidence_cy": WELSH_EVIDENCE})
        return Edit(False, {"lead_organisations": rng.sample(organisations, rng.choice((1, 2, 3)))})


# The people and organisations (not plan content, so written directly) ------------------------


def _organisations(region: Region) -> list[Organisation]:
    """The region's councils, police force, health boards, Welsh Government and providers."""
    found: dict[int, Organisation] = {}
    for authority in region.local_authorities.select_related("police_force", "health_board"):
        council, _ = Organisation.objects.get_or_create(
            slug=slugify(f"{authority.name_en} council"),
            defaults={
                "name_en": f"{authority.name_en} Council",
                "name_cy": f"Cyngor {authority.name_cy}",
                "organisation_type": OrganisationType.LOCAL_AUTHORITY,
            },
        )
        for org in (council, authority.police_force, authority.health_board):
            found[org.pk] = org
    for provider in PROVIDERS:
        org, _ = Organisation.objects.get_or_create(
            slug=slugify(f"{region.name_en} {provider}"),
            defaults={
                "name_en": f"{region.name_en} {provider}",
                "organisation_type": OrganisationType.SPECIALIST_PROVIDER,
            },
        )
        found[org.pk] = org
    welsh_government = Organisation.objects.get(slug="welsh-government")
    found[welsh_government.pk] = welsh_government
    return sorted(found.values(), key=lambda o: o.pk)


def _person(username: str, partnership: Partnership, role: Role, org: Organisation | None) -> User:
    user = User(
        username=username,
        first_name=username.split("-")[0].capitalize(),
        last_name=partnership.name_en.split()[0],
        organisation=org,
    )
    user.set_unusable_password()  # nobody signs in; hashing a password would only cost time
    user.save()
    Membership.objects.create(user=user, partnership=partnership, role=role)
    return user


def _cast(region: Region) -> Cast:
    slug = slugify(region.name_en)
    partnership = Partnership.objects.create(
        slug=slug,
        name_en=f"{region.name_en} VAWDASV Partnership",
        name_cy=f"Partneriaeth VAWDASV {region.name_cy}",
        region=region,
        # The data set has lead officers edit their actions directly (a partnership's choice
        # since direct edits became opt-in), as the services-written strategy shows.
        lead_officers_edit_actions=True,
    )
    partnership.local_authorities.set(region.local_authorities.all())
    organisations = _organisations(region)
    partnership.organisations.set(organisations)
    police = next(o for o in organisations if o.organisation_type == OrganisationType.POLICE_FORCE)
    return Cast(
        partnership=partnership,
        organisations=organisations,
        admin=_person(f"alys-{slug}", partnership, Role.ADMINISTRATOR, None),
        lead=_person(f"owain-{slug}", partnership, Role.LEAD_OFFICER, police),
    )


# Writer 1: the services ----------------------------------------------------------------------


def write_through_services(cast: Cast, spec: StrategySpec) -> tuple[Strategy, list[Action]]:
    admin = cast.admin
    strategy = services.create_strategy(
        actor=admin, partnership=cast.partnership, data=spec.data, source=SOURCE
    )
    written: list[Action] = []
    for theme_spec in spec.themes:
        theme = services.create_theme(
            actor=admin, strategy=strategy, data=theme_spec.data, source=SOURCE
        )
        for commitment_spec in theme_spec.commitments:
            commitment = services.create_commitment(
                actor=admin, theme=theme, data=commitment_spec.data, source=SOURCE
            )
            for action_spec in commitment_spec.actions:
                action = services.create_action(
                    actor=admin, commitment=commitment, data=action_spec.data, source=SOURCE
                )
                for edit in action_spec.edits:
                    actor = cast.lead if edit.by_lead_officer else admin
                    services.update_action(
                        actor=actor, action=action, data=edit.data, source=SOURCE
                    )
                written.append(action)
    return strategy, written


# Writer 2: bulk rows plus the audit entries the services would have written ------------------


class _BulkAudit:
    """Collects AuditEntry rows shaped exactly like `vawdasv.audit.services.record` writes them."""

    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []
        self.content_types: dict[type[models.Model], ContentType] = {}

    def add(
        self,
        *,
        actor: User,
        instance: models.Model,
        verb: Verb,
        changes: dict[str, Any],
        partnership: Partnership,
    ) -> None:
        model = type(instance)
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        self.entries.append(
            AuditEntry(
                actor=actor,
                actor_name=actor.get_full_name() or actor.username,
                partnership=partnership,
                verb=verb,
                content_type=self.content_types[model],
                object_id=instance.pk,
                object_repr=str(instance)[:300],
                changes=changes,
                source=SOURCE,
            )
        )


def _snapshot(values: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    # The same JSON-friendly form as audit.services.snapshot (m2m as sorted names).
    return {name: _plain(values.get(name)) for name in fields}


def _with_timescale(data: dict[str, Any]) -> dict[str, Any]:
    result = dict(data)
    if "timescale_text" in data:
        parsed = parse_timescale(data["timescale_text"])
        result.update(
            timescale_text=parsed.text,
            due_date=parsed.due_date,
            timescale_kind=parsed.kind,
            timescale_needs_check=parsed.needs_check,
        )
    return result


def write_in_bulk(cast: Cast, specs: Sequence[StrategySpec]) -> None:
    audit, admin, partnership = _BulkAudit(), cast.admin, cast.partnership
    action_fields = (*services.ACTION_FIELDS, *services.ACTION_M2M)

    strategies = Strategy.objects.bulk_create(
        [Strategy(partnership=partnership, **spec.data) for spec in specs]
    )
    themes = Theme.objects.bulk_create(
        [
            Theme(strategy=strategy, order=order, **theme.data)
            for strategy, spec in zip(strategies, specs, strict=True)
            for order, theme in enumerate(spec.themes)
        ]
    )
    theme_specs = [theme for spec in specs for theme in spec.themes]
    commitments = Commitment.objects.bulk_create(
        [
            Commitment(theme=theme, order=order, **commitment.data)
            for theme, spec in zip(themes, theme_specs, strict=True)
            for order, commitment in enumerate(spec.commitments)
        ]
    )
    commitment_specs = [c for theme in theme_specs for c in theme.commitments]

    # Each action's final state, and the snapshot after its creation and after each edit.
    blank = Action()
    defaults = {name: getattr(blank, name) for name in services.ACTION_FIELDS}
    defaults.update({name: [] for name in services.ACTION_M2M})
    rows: list[tuple[Action, dict[str, Any], list[tuple[Edit, dict[str, Any]]]]] = []
    for commitment, spec in zip(commitments, commitment_specs, strict=True):
        for order, action_spec in enumerate(spec.actions):
            state = {**defaults, "order": order, **_with_timescale(action_spec.data)}
            created = dict(state)
            steps = []
            for edit in action_spec.edits:
                state = {**state, **_with_timescale(edit.data)}
                steps.append((edit, dict(state)))
            plain = {k: v for k, v in state.items() if k in services.ACTION_FIELDS}
            action = Action(commitment=commitment, version=1 + len(steps), **plain)
            action.final_state = state  # type: ignore[attr-defined]
            rows.append((action, created, steps))
    actions = Action.objects.bulk_create([row[0] for row in rows])

    for m2m in services.ACTION_M2M:
        through = getattr(Action, m2m).through
        target = "organisation_id" if m2m != "alignments" else "frameworkitem_id"
        through.objects.bulk_create(
            [
                through(action_id=action.pk, **{target: item.pk})
                for action in actions
                for item in action.final_state[m2m]  # type: ignore[attr-defined]
            ]
        )

    created_rows: list[tuple[Sequence[models.Model], Sequence[str]]] = [
        (strategies, services.STRATEGY_FIELDS),
        (themes, services.THEME_FIELDS),
        (commitments, services.COMMITMENT_FIELDS),
    ]
    for instances, fields in created_rows:
        for instance in instances:
            values = {name: getattr(instance, name) for name in fields}
            audit.add(
                actor=admin,
                instance=instance,
                verb=Verb.CREATED,
                partnership=partnership,
                changes=diff({}, _snapshot(values, fields)),
            )
    for action, (_, created, steps) in zip(actions, rows, strict=True):
        before = _snapshot(created, action_fields)
        audit.add(
            actor=admin,
            instance=Action(pk=action.pk, text_en=created["text_en"]),
            verb=Verb.CREATED,
            partnership=partnership,
            changes=diff({}, before),
        )
        for edit, state in steps:
            after = _snapshot(state, action_fields)
            changes = diff(before, after)
            before = after
            if changes:  # the services write nothing for an edit that changed nothing
                actor = cast.lead if edit.by_lead_officer else admin
                audit.add(
                    actor=actor,
                    instance=Action(pk=action.pk, text_en=state["text_en"]),
                    verb=Verb.UPDATED,
                    partnership=partnership,
                    changes=changes,
                )
    AuditEntry.objects.bulk_create(audit.entries, batch_size=2000)


# Putting it together ------------------------------------------------------------------------


@dataclass
class NationalDataset:
    """What was built, how long it took, and where the benchmarks should look."""

    seconds: float
    services_seconds: float
    services_actions: int
    bulk_seconds: float
    bulk_actions: int
    counts: dict[str, int]
    strategy_slug: str  # a published 300-action strategy written through the services
    lead_id: int  # the organisation leading most of its actions
    action_pk: int  # one of its actions with the longest history
    edits: Counter[str] = field(default_factory=Counter)


def _action_count(specs: Sequence[StrategySpec]) -> int:
    return sum(len(c.actions) for s in specs for t in s.themes for c in t.commitments)


def build_national_dataset(shape: DatasetShape | None = None) -> NationalDataset:
    """Write the data set into the (empty, migrated) default database."""
    shape = shape or DatasetShape()
    started = time.perf_counter()
    planner = _Planner(shape, FrameworkItem.objects.select_related("framework").order_by("pk"))
    regions = list(Region.objects.order_by("pk")[: shape.partnerships])
    timings = {"services": 0.0, "bulk": 0.0}
    written = {"services": 0, "bulk": 0}
    edits: Counter[str] = Counter()
    target: tuple[Strategy, list[Action], StrategySpec] | None = None
    # One outer transaction: each service's own transaction becomes a cheap savepoint.
    with transaction.atomic():
        for index, region in enumerate(regions):
            cast = _cast(region)
            specs = [
                planner.strategy(cast, s, e) for s, e in PERIODS[: shape.strategies_per_partnership]
            ]
            edits.update(
                next(iter(e.data))
                for s in specs
                for t in s.themes
                for c in t.commitments
                for a in c.actions
                for e in a.edits
            )
            # The first partnership's current strategy is the one the latency suite reads.
            by_services = [spec for spec in specs if index == 0 and spec.is_target]
            in_bulk = [spec for spec in specs if spec not in by_services]
            writer_started = time.perf_counter()
            for spec in by_services:
                strategy, actions = write_through_services(cast, spec)
                target = (strategy, actions, spec)
            timings["services"] += time.perf_counter() - writer_started
            written["services"] += _action_count(by_services)
            writer_started = time.perf_counter()
            write_in_bulk(cast, in_bulk)
            timings["bulk"] += time.perf_counter() - writer_started
            written["bulk"] += _action_count(in_bulk)
    if target is None:
        raise RuntimeError("No published 2023–2028 strategy was written through the services")
    strategy, actions, spec = target
    action_specs = [a for t in spec.themes for c in t.commitments for a in c.actions]
    longest = max(zip(actions, action_specs, strict=True), key=lambda pair: len(pair[1].edits))[0]
    leads = Counter(
        Action.objects.for_strategy(strategy)
        .exclude(lead_organisations=None)
        .values_list("lead_organisations", flat=True)
    )
    return NationalDataset(
        seconds=time.perf_counter() - started,
        services_seconds=timings["services"],
        services_actions=written["services"],
        bulk_seconds=timings["bulk"],
        bulk_actions=written["bulk"],
        counts={
            "partnerships": Partnership.objects.count(),
            "strategies": Strategy.objects.count(),
            "themes": Theme.objects.count(),
            "commitments": Commitment.objects.count(),
            "actions": Action.objects.count(),
            "audit entries": AuditEntry.objects.count(),
        },
        strategy_slug=strategy.slug,
        lead_id=leads.most_common(1)[0][0],
        action_pk=longest.pk,
        edits=edits,
    )
