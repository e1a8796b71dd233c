"""The alias list services: who may change it, what they may enter, and the history they leave."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.partnerships import aliases
from vawdasv.partnerships.leads import OrganisationEntry
from vawdasv.partnerships.models import OrganisationAlias


def add_swp(world, **kwargs):
    return aliases.add_alias(
        actor=kwargs.pop("actor", world.admin),
        partnership=world.partnership,
        alias=kwargs.pop("alias", "SWP"),
        organisation=kwargs.pop("organisation", world.police),
        **kwargs,
    )


def history(entry: OrganisationAlias):
    return AuditEntry.objects.filter(
        content_type__model="organisationalias", object_id=entry.pk
    ).order_by("pk")


def test_administrator_adds_an_alias_and_the_history_records_it(world):
    entry = add_swp(world, alias="  SWP  ", source="alias page")
    assert (entry.alias, entry.normalised, entry.organisation) == ("SWP", "swp", world.police)
    (created,) = history(entry)
    assert created.verb == Verb.CREATED
    assert created.actor == world.admin
    assert created.partnership == world.partnership
    assert created.source == "alias page"
    assert created.changes["organisation"] == {"before": None, "after": "South Wales Police"}


def test_the_same_alias_written_differently_is_refused(world):
    add_swp(world)
    with pytest.raises(ValidationError) as raised:
        add_swp(world, alias="swp", organisation=world.council)
    assert "already stands for South Wales Police" in str(raised.value)
    assert OrganisationAlias.objects.count() == 1


def test_another_partnership_may_use_the_same_alias_for_its_own_body(world):
    add_swp(world)
    gwent_council = factories.OrganisationFactory(name_en="Newport City Council")
    world.other_partnership.organisations.add(gwent_council)
    entry = aliases.add_alias(
        actor=world.outsider,
        partnership=world.other_partnership,
        alias="SWP",
        organisation=gwent_council,
    )
    assert entry.organisation == gwent_council


def test_alias_must_stand_for_a_member_organisation(world):
    stranger = factories.OrganisationFactory(name_en="Dyfed-Powys Police (test)")
    with pytest.raises(ValidationError) as raised:
        add_swp(world, organisation=stranger)
    assert "organisation" in raised.value.message_dict


@pytest.mark.parametrize("text", ["", "   ", "..."])
def test_an_alias_with_no_words_is_refused(world, text):
    with pytest.raises(ValidationError) as raised:
        add_swp(world, alias=text)
    assert "alias" in raised.value.message_dict


def test_updating_an_alias_records_before_and_after(world):
    entry = add_swp(world, alias="Police")
    aliases.update_alias(actor=world.admin, alias_entry=entry, organisation=world.council)
    entry.refresh_from_db()
    assert entry.organisation == world.council
    updated = history(entry).last()
    assert updated.verb == Verb.UPDATED
    assert updated.changes == {
        "organisation": {"before": "South Wales Police", "after": "Cardiff Council"}
    }


def test_updating_with_nothing_changed_writes_no_history(world):
    entry = add_swp(world)
    aliases.update_alias(actor=world.admin, alias_entry=entry, alias="SWP")
    assert history(entry).count() == 1


def test_renaming_onto_an_existing_alias_is_refused(world):
    add_swp(world)
    other = add_swp(world, alias="Cardiff", organisation=world.council)
    with pytest.raises(ValidationError):
        aliases.update_alias(actor=world.admin, alias_entry=other, alias="swp")


def test_deleting_an_alias_keeps_a_record_of_what_it_meant(world):
    entry = add_swp(world)
    pk = entry.pk
    aliases.delete_alias(actor=world.admin, alias_entry=entry)
    assert not OrganisationAlias.objects.filter(pk=pk).exists()
    deleted = AuditEntry.objects.get(content_type__model="organisationalias", verb=Verb.DELETED)
    assert deleted.object_id == pk
    assert deleted.changes["alias"] == {"before": "SWP", "after": None}


@pytest.mark.parametrize("persona", ["lead", "council_lead", "board", "outsider"])
def test_only_the_partnerships_administrators_change_its_alias_list(world, persona):
    actor = getattr(world, persona)
    with pytest.raises(PermissionDenied):
        add_swp(world, actor=actor)
    entry = add_swp(world)
    with pytest.raises(PermissionDenied):
        aliases.update_alias(actor=actor, alias_entry=entry, alias="S W Police")
    with pytest.raises(PermissionDenied):
        aliases.delete_alias(actor=actor, alias_entry=entry)
    entry.refresh_from_db()
    assert entry.alias == "SWP"


def test_anonymous_visitors_cannot_change_the_alias_list(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        add_swp(world, actor=AnonymousUser())


def test_a_superuser_may_change_any_partnerships_alias_list(world):
    superuser = factories.UserFactory(username="platform", is_superuser=True)
    assert add_swp(world, actor=superuser).organisation == world.police


def test_ensure_aliases_adds_only_what_is_missing_and_skips_non_members(world):
    add_swp(world)
    entries = [
        OrganisationEntry(
            slug="south-wales-police",
            name_en="South Wales Police",
            short_name="SWP",
            aliases=("Police", "Heddlu"),
        ),
        OrganisationEntry(slug="not-a-member", name_en="Elsewhere", aliases=("ELS",)),
    ]
    added = aliases.ensure_aliases(
        actor=world.admin, partnership=world.partnership, entries=entries
    )
    assert sorted(entry.alias for entry in added) == ["Heddlu", "Police"]
    again = aliases.ensure_aliases(
        actor=world.admin, partnership=world.partnership, entries=entries
    )
    assert again == []
    assert world.partnership.organisation_aliases.count() == 3


def test_alias_table_resolves_aliases_member_names_and_proposes_unknown_names(world):
    add_swp(world, alias="Heddlu")
    add_swp(world, alias="Council", organisation=world.council)
    table = aliases.aliases_for(world.partnership)
    assert table.resolve("heddlu").slug == "south-wales-police"
    assert table.resolve("Council").slug == "cardiff-council"
    assert table.resolve("Cardiff Council").slug == "cardiff-council"
    assert table.resolve("SWP").slug == "south-wales-police"  # the organisation's short name
    unknown = table.resolve("Cardiff Women's Aid")
    assert (unknown.known, unknown.name_en) == (False, "Cardiff Women's Aid")


def test_alias_table_of_another_partnership_does_not_see_these_aliases(world):
    add_swp(world, alias="Heddlu")
    table = aliases.aliases_for(world.other_partnership)
    assert table.resolve("Heddlu").known is False
