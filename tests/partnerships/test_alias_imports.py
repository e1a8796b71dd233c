"""Importing a plan resolves its lead names through the partnership's alias list in the database."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from tests import factories
from vawdasv.imports.services import import_plan
from vawdasv.imports.text_tables import parse
from vawdasv.partnerships import aliases
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Action

PLAN_TEXT = "\n".join(
    [
        "Alias Test Implementation Plan 2024-2029",
        "PREPARE\t\t\t\t",
        "Commitment\tMilestones/Actions\tEvidence of Achievement\tTimescale\tLead",
        "We will plan together\tAgree data\tDashboard\tDec 2024\tHeddlu / Cyngor",
        "\tReview data\tReport\tOngoing\tCardiff Women's Aid",
    ]
)


def leads_of(text: str) -> set[str]:
    return set(Action.objects.get(text_en=text).lead_organisations.values_list("slug", flat=True))


def seed(world) -> None:
    for alias, organisation in (("Heddlu", world.police), ("Cyngor", world.council)):
        aliases.add_alias(
            actor=world.admin, partnership=world.partnership, alias=alias, organisation=organisation
        )


def test_import_without_an_alias_table_uses_the_partnerships_list(world):
    seed(world)
    import_plan(
        actor=world.admin,
        partnership=world.partnership,
        parsed=parse(PLAN_TEXT),
        strategy_data={"slug": "alias-test", "start_year": 2024, "end_year": 2029},
        source="test",
    )
    assert leads_of("Agree data") == {"south-wales-police", "cardiff-council"}


def test_unknown_lead_names_are_still_proposed_as_new_member_organisations(world):
    seed(world)
    before = Organisation.objects.count()
    import_plan(
        actor=world.admin,
        partnership=world.partnership,
        parsed=parse(PLAN_TEXT),
        strategy_data={"slug": "alias-test", "start_year": 2024, "end_year": 2029},
        source="test",
    )
    assert Organisation.objects.count() == before + 1
    assert leads_of("Review data") == {"cardiff-womens-aid"}
    assert world.partnership.organisations.filter(slug="cardiff-womens-aid").exists()


def test_an_alias_removed_from_the_list_no_longer_matches(world):
    seed(world)
    aliases.delete_alias(
        actor=world.admin, alias_entry=world.partnership.organisation_aliases.get(alias="Heddlu")
    )
    import_plan(
        actor=world.admin,
        partnership=world.partnership,
        parsed=parse(PLAN_TEXT),
        strategy_data={"slug": "alias-test", "start_year": 2024, "end_year": 2029},
        source="test",
    )
    assert leads_of("Agree data") == {"heddlu", "cardiff-council"}


def test_the_import_plan_command_reads_the_partnerships_alias_list(world, tmp_path):
    seed(world)
    other = factories.OrganisationFactory(slug="gwent-police-test", name_en="Gwent Police test")
    world.other_partnership.organisations.add(other)
    aliases.add_alias(
        actor=world.outsider,
        partnership=world.other_partnership,
        alias="Cyngor",
        organisation=other,
    )
    path = tmp_path / "alias-test-plan-2024-2029.txt"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    call_command("import_plan", str(path), "--partnership", "cardiff-vale", stdout=StringIO())
    assert leads_of("Agree data") == {"south-wales-police", "cardiff-council"}
