"""/api/v1/partnerships/: partnerships with something the caller may read, and no more."""

from __future__ import annotations

import pytest

from tests.api.conftest import CARDIFF_VALE_MEMBERS, PERSONAS, READS_EVERYTHING
from vawdasv.reference.models import LocalAuthority, Region


def partnerships_seen_by(persona: str) -> set[str]:
    if persona in READS_EVERYTHING or persona == "outsider":
        return {"cardiff-vale", "gwent"}
    return {"cardiff-vale"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_lists_the_partnerships_they_may_see(as_persona, persona):
    listed = {p["slug"] for p in as_persona(persona).results("/api/v1/partnerships/")}

    assert listed == partnerships_seen_by(persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_partnership_with_only_drafts_is_hidden_from_outsiders(as_persona, persona):
    response = as_persona(persona).get("/api/v1/partnerships/gwent/")

    assert response.status_code == (200 if "gwent" in partnerships_seen_by(persona) else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_partnership_lists_only_the_strategies_the_caller_may_read(as_persona, persona):
    body = as_persona(persona).get("/api/v1/partnerships/cardiff-vale/").json()

    listed = {s["slug"] for s in body["strategies"]}
    members_view = persona in CARDIFF_VALE_MEMBERS | READS_EVERYTHING
    assert listed == ({"cv-2023", "cv-draft"} if members_view else {"cv-2023"})


def test_a_partnership_carries_its_region_local_authorities_and_organisations(anonymous, plan):
    partnership = plan.world.partnership
    partnership.region = Region.objects.get(slug="cardiff-and-vale-of-glamorgan")
    partnership.save()
    partnership.local_authorities.set(
        LocalAuthority.objects.filter(gss_code__in=["W06000014", "W06000015"])
    )

    body = anonymous.get("/api/v1/partnerships/cardiff-vale/").json()

    assert body["region"]["slug"] == "cardiff-and-vale-of-glamorgan"
    assert body["region"]["name"]["cy"]
    assert {la["gss_code"] for la in body["local_authorities"]} == {"W06000014", "W06000015"}
    assert [o["slug"] for o in body["organisations"]] == ["cardiff-council", "south-wales-police"]


def test_a_partnership_without_a_region_says_so_with_null(anonymous):
    body = anonymous.get("/api/v1/partnerships/cardiff-vale/").json()

    assert body["region"] is None
