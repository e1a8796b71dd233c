"""factory_boy factories with traits, for building test data by intent."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from vawdasv.accounts.models import User
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.models import PlanImport
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.models import Membership, Organisation, Partnership
from vawdasv.plans.enums import StrategyStatus, TimescaleKind
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress.enums import RagStatus, RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.periods import ReportingPeriod, parse_period


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    organisation_type = OrganisationType.OTHER


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    name_en = factory.Sequence(lambda n: f"Partnership {n}")
    name_cy = factory.Sequence(lambda n: f"Partneriaeth {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.BOARD_MEMBER


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    partnership = factory.SubFactory(PartnershipFactory)
    slug = factory.Sequence(lambda n: f"strategy-{n}")
    title_en = factory.Sequence(lambda n: f"Strategy {n}")
    start_year = 2023
    end_year = 2028
    status = StrategyStatus.DRAFT

    class Params:
        published = factory.Trait(status=StrategyStatus.PUBLISHED)
        translated = factory.Trait(title_cy=factory.Sequence(lambda n: f"Strategaeth {n}"))


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    strategy = factory.SubFactory(StrategyFactory)
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    order = factory.Sequence(int)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    theme = factory.SubFactory(ThemeFactory)
    text_en = factory.Sequence(lambda n: f"We will do thing {n}")
    order = factory.Sequence(int)


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    commitment = factory.SubFactory(CommitmentFactory)
    text_en = factory.Sequence(lambda n: f"Action {n}")
    evidence_en = "Minutes of meetings"
    timescale_text = "Mar 2026"
    due_date = factory.LazyFunction(lambda: __import__("datetime").date(2026, 3, 31))
    timescale_kind = TimescaleKind.DATE
    order = factory.Sequence(int)

    @factory.post_generation
    def leads(self, create: bool, extracted: list[Organisation] | None, **kwargs: object) -> None:
        if create and extracted:
            self.lead_organisations.set(extracted)


# Progress ---------------------------------------------------------------------------------
# Written straight to the tables, for tests that need history (many rounds) rather than the
# journey through the services; tests of the services' rules use the services.


def _period(label: str) -> ReportingPeriod:
    period = parse_period(label)
    if period is None:
        raise ValueError(f"{label!r} is not a reporting period")
    return period


def quarter_labels(first_year: int, years: int) -> list[str]:
    """Quarterly period labels, oldest first: quarter_labels(2020, 1) → 2020/21 Q1 … Q4."""
    return [
        f"{year}/{(year + 1) % 100:02d} Q{quarter}"
        for year in range(first_year, first_year + years)
        for quarter in range(1, 5)
    ]


class ProgressRoundFactory(DjangoModelFactory):
    """An open round for a period label ("2025/26 Q2" or "2018/19"); dates follow the label."""

    class Meta:
        model = ProgressRound

    strategy = factory.SubFactory(StrategyFactory, published=True)
    period_label = factory.Sequence(lambda n: quarter_labels(2000, 100)[n % 400])
    period_kind = factory.LazyAttribute(lambda r: _period(r.period_label).kind)
    period_start = factory.LazyAttribute(lambda r: _period(r.period_label).start)
    period_end = factory.LazyAttribute(lambda r: _period(r.period_label).end)
    deadline = factory.LazyAttribute(lambda r: r.period_end + datetime.timedelta(days=30))
    status = RoundStatus.OPEN

    class Params:
        closed = factory.Trait(status=RoundStatus.CLOSED)


class ProgressUpdateFactory(DjangoModelFactory):
    """A lead officer's draft; traits for the other states and what an update can say."""

    class Meta:
        model = ProgressUpdate

    progress_round = factory.SubFactory(ProgressRoundFactory)
    action = factory.SubFactory(
        ActionFactory,
        commitment__theme__strategy=factory.SelfAttribute("....progress_round.strategy"),
    )
    state = UpdateState.DRAFT
    rag = RagStatus.GREEN
    narrative_en = factory.Sequence(lambda n: f"Progress note {n}")

    class Params:
        submitted = factory.Trait(
            state=UpdateState.SUBMITTED,
            submitted_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        )
        approved = factory.Trait(
            state=UpdateState.APPROVED,
            submitted_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
            reviewed_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        )
        returned = factory.Trait(state=UpdateState.RETURNED, review_comment="Please add figures")
        red = factory.Trait(rag=RagStatus.RED)
        amber = factory.Trait(rag=RagStatus.AMBER)
        completed_action = factory.Trait(completed=True)
        no_longer_relevant = factory.Trait(proposed_no_longer_relevant=True)
        welsh = factory.Trait(narrative_cy=factory.Sequence(lambda n: f"Nodyn cynnydd {n}"))


# Imports ----------------------------------------------------------------------------------

PLAN_CSV = (
    b"Theme,We will,Action,Lead,Timescale\n"
    b"PREVENT,Raise awareness,Run a campaign,Council,March 2026\n"
)


class PlanImportFactory(DjangoModelFactory):
    """A plan document uploaded and waiting on its preview; traits for the other outcomes."""

    class Meta:
        model = PlanImport

    class Params:
        content = PLAN_CSV
        imported = factory.Trait(
            status=ImportStatus.IMPORTED,
            strategy=factory.SubFactory(
                StrategyFactory, partnership=factory.SelfAttribute("..partnership")
            ),
        )
        abandoned = factory.Trait(status=ImportStatus.ABANDONED)

    partnership = factory.SubFactory(PartnershipFactory)
    uploaded_by = factory.SubFactory(UserFactory)
    original_filename = "plan.csv"
    file = factory.LazyAttribute(lambda i: ContentFile(i.content, name=i.original_filename))
    sha256 = factory.LazyAttribute(lambda i: hashlib.sha256(i.content).hexdigest())
    size = factory.LazyAttribute(lambda i: len(i.content))
    status = ImportStatus.PREVIEWED


def allow_direct_edits(world: Any) -> None:
    """Let the world's lead officers edit their own organisation's actions directly."""
    from vawdasv.partnerships.models import Partnership

    Partnership.objects.filter(pk=world.partnership.pk).update(lead_officers_edit_actions=True)
