"""factory_boy factories with traits, for building test data by intent."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from vawdasv.accounts.models import User
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.models import Membership, Organisation, Partnership
from vawdasv.plans.enums import StrategyStatus, TimescaleKind
from vawdasv.plans.models import Action, Commitment, Strategy, Theme


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


def allow_direct_edits(world: Any) -> None:
    """Let the world's lead officers edit their own organisation's actions directly."""
    from vawdasv.partnerships.models import Partnership

    Partnership.objects.filter(pk=world.partnership.pk).update(lead_officers_edit_actions=True)
