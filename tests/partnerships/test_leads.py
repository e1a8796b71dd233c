"""Splitting lead cells into names and resolving the names through the alias table."""

from __future__ import annotations

import pytest

from vawdasv.demo.load import CARDIFF_VALE_LEADS
from vawdasv.partnerships.leads import AliasTable, OrganisationEntry, split_leads


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Regional Team / Providers", ["Regional Team", "Providers"]),
        ("SWP/PCC / Regional Team", ["SWP", "PCC", "Regional Team"]),
        ("Regional Team and HRPS", ["Regional Team", "HRPS"]),
        (
            "Welsh Government, Regional Team / Health / Velindre NHS Trust",
            ["Welsh Government", "Regional Team", "Health", "Velindre NHS Trust"],
        ),
        ("Regional Team, SWP/PCC", ["Regional Team", "SWP", "PCC"]),
        ("All partners", ["All partners"]),
        ("Children's Services", ["Children's Services"]),
    ],
)
def test_lead_cell_is_split_into_organisation_names(cell, names):
    assert split_leads(cell) == names


def test_names_that_contain_and_stay_whole():
    assert split_leads("Cardiff and Vale University Health Board / South Wales Police and "
                       "Crime Commissioner") == [
        "Cardiff and Vale University Health Board",
        "South Wales Police and Crime Commissioner",
    ]  # fmt: skip


def test_text_in_parentheses_is_not_split():
    assert split_leads("Cardiff Council (Adults and Children's Services), SWP") == [
        "Cardiff Council (Adults and Children's Services)",
        "SWP",
    ]


def test_the_same_body_named_twice_is_listed_once():
    assert split_leads("Regional Team / Regional team / SWP") == ["Regional Team", "SWP"]


@pytest.mark.parametrize("cell", [None, "", "  ", " / , and "])
def test_empty_lead_cell_gives_no_names(cell):
    assert split_leads(cell) == []


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("SWP", "south-wales-police"),
        ("South Wales Police", "south-wales-police"),
        ("PCC", "south-wales-police-and-crime-commissioner"),
        ("WG", "welsh-government"),
        ("Welsh Government", "welsh-government"),
        ("VoG", "vale-of-glamorgan-council"),
        ("VoG Community Safety", "vale-of-glamorgan-council"),
        ("HSG leads", "cardiff-vale-housing-support-grant-team"),
        ("Housing Support Grant Teams", "cardiff-vale-housing-support-grant-team"),
        ("HRPS", "cardiff-council"),
        ("Regional team", "cardiff-vale-regional-team"),
        ("Velindre NHS Trust", "velindre-university-nhs-trust"),
        ("Children’s Services", "cardiff-vale-childrens-services"),
    ],
)
def test_cardiff_and_vale_lead_names_resolve_through_the_alias_table(name, slug):
    entry = CARDIFF_VALE_LEADS.resolve(name)
    assert (entry.slug, entry.known) == (slug, True)


def test_a_name_the_table_does_not_know_becomes_a_new_body_of_that_name():
    entry = AliasTable().resolve("Cardiff  Women's Aid")
    assert (entry.slug, entry.name_en, entry.known) == (
        "cardiff-womens-aid",
        "Cardiff Women's Aid",
        False,
    )


def test_resolving_several_names_lists_each_body_once():
    table = AliasTable(
        [OrganisationEntry(slug="swp", name_en="South Wales Police", short_name="SWP")]
    )
    entries = table.resolve_all(["SWP", "South Wales Police", "Respect"])
    assert [e.slug for e in entries] == ["swp", "respect"]
