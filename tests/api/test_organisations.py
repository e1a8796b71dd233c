"""/api/v1/organisations/: public bodies always, others only where the caller may see them."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.conftest import CARDIFF_VALE_MEMBERS, PERSONAS, READS_EVERYTHING

NATIONAL_BODIES = {
    "south-wales-police",
    "gwent-police",
    "north-wales-police",
    "dyfed-powys-police",
    "welsh-government",
}


def providers_seen_by(persona: str) -> set[str]:
    """The specialist providers named only in draft plans that each persona may read."""
    if persona in READS_EVERYTHING:
        return {"safer-homes-vale", "gwent-refuge-project"}
    if persona in CARDIFF_VALE_MEMBERS:
        return {"safer-homes-vale"}
    if persona == "outsider":
        return {"gwent-refuge-project"}
    return set()


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_sees_national_bodies_and_their_partnerships_organisations(
    as_persona, persona
):
    listed = {o["slug"] for o in as_persona(persona).results("/api/v1/organisations/")}

    assert listed >= NATIONAL_BODIES | {"cardiff-council"}
    providers = listed & {"safer-homes-vale", "gwent-refuge-project"}
    assert providers == providers_seen_by(persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_organisation_named_only_in_a_draft_is_hidden_from_outsiders(as_persona, persona):
    response = as_persona(persona).get("/api/v1/organisations/safer-homes-vale/")

    visible = "safer-homes-vale" in providers_seen_by(persona)
    assert response.status_code == (200 if visible else 404)


def test_an_organisation_partnering_on_a_published_action_is_public(anonymous, plan):
    charity = factories.OrganisationFactory(slug="live-fear-free-helpline")
    plan.world.police_action.partner_organisations.add(charity)

    response = anonymous.get("/api/v1/organisations/live-fear-free-helpline/")

    assert response.status_code == 200


def test_an_organisation_in_no_plan_or_partnership_is_hidden_from_the_public(anonymous, as_persona):
    factories.OrganisationFactory(slug="unlisted-charity")

    assert anonymous.get("/api/v1/organisations/unlisted-charity/").status_code == 404
    assert as_persona("observer").get("/api/v1/organisations/unlisted-charity/").status_code == 200


def test_an_organisation_carries_its_names_and_type(anonymous):
    body = anonymous.get("/api/v1/organisations/south-wales-police/").json()

    assert body == {
        "slug": "south-wales-police",
        "name": {"en": "South Wales Police", "cy": "Heddlu De Cymru"},
        "short_name": "SWP",
        "organisation_type": "police_force",
    }


def test_organisations_can_be_filtered_by_partnership(anonymous):
    listed = anonymous.results("/api/v1/organisations/", partnership="cardiff-vale")

    assert [o["slug"] for o in listed] == ["cardiff-council", "south-wales-police"]


def test_organisations_can_be_filtered_by_type(anonymous):
    listed = anonymous.results("/api/v1/organisations/", organisation_type="police_force")

    assert {o["slug"] for o in listed} == {
        "south-wales-police", "gwent-police", "north-wales-police", "dyfed-powys-police",
    }  # fmt: skip


def test_the_members_of_a_hidden_partnership_are_not_disclosed(anonymous, as_persona, plan):
    plan.world.other_partnership.organisations.add(plan.world.police)

    assert anonymous.results("/api/v1/organisations/", partnership="gwent") == []
    outsider_view = as_persona("outsider").results("/api/v1/organisations/", partnership="gwent")
    assert [o["slug"] for o in outsider_view] == ["south-wales-police"]
