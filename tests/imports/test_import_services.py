"""Writing a parsed plan: one transaction, through the plan services, with the source audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.imports.model import ParsedAction, ParsedCommitment, ParsedPlan, ParsedTheme
from vawdasv.imports.services import import_plan
from vawdasv.imports.text_tables import parse
from vawdasv.partnerships import services as partnership_services
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.partnerships.leads import AliasTable, OrganisationEntry
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Action, Strategy

SOURCE = "Plan import: test-plan.txt"
ALIASES = AliasTable(
    [OrganisationEntry(slug="south-wales-police", name_en="South Wales Police", short_name="SWP")]
)
PLAN_TEXT = "\n".join(
    [
        "Test Strategy Implementation Plan",
        "VISION: Everyone lives free from abuse.",
        "PREPARE\t\t\t\t",
        "Commitment\tMilestones/Actions\tEvidence of Achievement\tTimescale\tLead",
        "We will plan together\tAgree data\tDashboard\tDec 2023\tSWP / Cardiff Women's Aid",
        "\tReview data\tReport\tOngoing\tSWP",
    ]
)
STRATEGY_DATA = {"slug": "test-2023", "start_year": 2023, "end_year": 2028, "status": "draft"}


def run_import(actor, partnership, parsed=None):
    return import_plan(
        actor=actor,
        partnership=partnership,
        parsed=parsed or parse(PLAN_TEXT),
        strategy_data=STRATEGY_DATA,
        source=SOURCE,
        aliases=ALIASES,
    )


def test_import_writes_the_plan_with_title_vision_and_timescales(world):
    strategy = run_import(world.admin, world.partnership)
    assert (strategy.title_en, strategy.vision_en) == (
        "Test Strategy Implementation Plan",
        "Everyone lives free from abuse.",
    )
    action = Action.objects.for_strategy(strategy).get(text_en="Agree data")
    assert (action.evidence_en, action.timescale_text, str(action.due_date)) == (
        "Dashboard",
        "Dec 2023",
        "2023-12-31",
    )
    assert action.commitment.text_en == "We will plan together"
    assert action.commitment.theme.name_en == "PREPARE"


def test_leads_resolve_to_existing_and_new_organisations_which_join_the_partnership(world):
    strategy = run_import(world.admin, world.partnership)
    action = Action.objects.for_strategy(strategy).get(text_en="Agree data")
    assert sorted(action.lead_organisations.values_list("name_en", flat=True)) == [
        "Cardiff Women's Aid",
        "South Wales Police",
    ]
    new_body = Organisation.objects.get(slug="cardiff-womens-aid")
    assert new_body in world.partnership.organisations.all()
    created = AuditEntry.objects.get(object_repr="Cardiff Women's Aid", verb=Verb.CREATED)
    assert (created.source, created.actor) == (SOURCE, world.admin)


def test_every_audit_entry_of_the_import_names_its_source_and_the_person(world):
    strategy = run_import(world.admin, world.partnership)
    entries = AuditEntry.objects.filter(partnership=world.partnership, source=SOURCE)
    # strategy + theme + commitment + 2 actions + new organisation + partnership members
    assert entries.count() == 7
    assert set(entries.values_list("actor", flat=True)) == {world.admin.pk}
    assert entries.filter(object_id=strategy.pk, verb=Verb.CREATED).exists()


def test_import_is_all_or_nothing_when_an_action_is_invalid(world):
    parsed = ParsedPlan(
        title="Broken plan",
        themes=[
            ParsedTheme(
                name="PREPARE",
                commitments=[
                    ParsedCommitment(
                        text="We will plan",
                        actions=[
                            ParsedAction.build(
                                text="Good action", evidence=None, timescale="Mar 2026",
                                leads=["Brand New Refuge"],
                            ),
                            ParsedAction.build(text="", evidence=None, timescale=None, leads=[]),
                        ],
                    )
                ],
            )
        ],
    )  # fmt: skip
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        run_import(world.admin, world.partnership, parsed)
    assert not Strategy.objects.filter(slug="test-2023").exists()
    assert not Organisation.objects.filter(name_en="Brand New Refuge").exists()
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("persona", ["outsider", "lead", "board"])
def test_only_the_partnerships_administrators_can_import_a_plan(world, persona):
    with pytest.raises(PermissionDenied):
        run_import(getattr(world, persona), world.partnership)
    assert not Strategy.objects.filter(slug="test-2023").exists()
    assert not Organisation.objects.filter(slug="cardiff-womens-aid").exists()


def test_import_into_a_slug_already_taken_writes_nothing(world):
    run_import(world.admin, world.partnership)
    actions_before = Action.objects.count()
    with pytest.raises(ValidationError):
        run_import(world.admin, world.partnership)
    assert Action.objects.count() == actions_before


def test_existing_organisation_is_found_by_name_and_never_renamed(world):
    organisation, created = partnership_services.get_or_create_organisation(
        actor=world.admin,
        partnership=world.partnership,
        slug="some-other-slug",
        name_en="cardiff council",
        organisation_type=OrganisationType.OTHER,
    )
    assert (organisation, created) == (world.council, False)
    assert organisation.name_en == "Cardiff Council"


def test_adding_members_that_are_already_members_records_nothing(world):
    audit_before = AuditEntry.objects.count()
    added = partnership_services.add_member_organisations(
        actor=world.admin, partnership=world.partnership, organisations=[world.police]
    )
    assert added == []
    assert AuditEntry.objects.count() == audit_before


def test_outsider_cannot_add_organisations_to_a_partnership(world):
    with pytest.raises(PermissionDenied):
        partnership_services.get_or_create_organisation(
            actor=world.outsider,
            partnership=world.partnership,
            slug="new-body",
            name_en="New body",
            organisation_type=OrganisationType.OTHER,
        )
    assert not Organisation.objects.filter(slug="new-body").exists()
