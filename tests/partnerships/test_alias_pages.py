"""The alias list pages: an administrator lists, adds and removes names; nobody else gets in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vawdasv.audit.models import AuditEntry
from vawdasv.partnerships import aliases
from vawdasv.partnerships.models import OrganisationAlias

LIST = "/partnerships/cardiff-vale/aliases/"
ADD = "/partnerships/cardiff-vale/aliases/add/"


@pytest.fixture
def swp(world) -> OrganisationAlias:
    return aliases.add_alias(
        actor=world.admin, partnership=world.partnership, alias="SWP", organisation=world.police
    )


def test_the_addresses_are_the_ones_the_pages_link_to(world, swp):
    assert reverse("partnerships:aliases", args=["cardiff-vale"]) == LIST
    assert reverse("partnerships:alias-add", args=["cardiff-vale"]) == ADD


def test_administrator_sees_each_alias_with_its_organisation_in_both_languages(client, world, swp):
    client.force_login(world.admin)
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "SWP" in html
    assert "South Wales Police" in html
    assert "Heddlu De Cymru" in html
    assert f"/partnerships/cardiff-vale/aliases/{swp.pk}/delete/" in html


def test_the_welsh_page_lists_the_aliases_too(client, world, swp):
    client.force_login(world.admin)
    response = client.get(f"/cy{LIST}")
    assert response.status_code == 200
    assert 'lang="cy"' in response.content.decode()
    assert "Heddlu De Cymru" in response.content.decode()


@pytest.mark.parametrize("persona", ["lead", "board"])
def test_members_who_are_not_administrators_are_refused(client, world, persona, swp):
    client.force_login(getattr(world, persona))
    for url in (LIST, ADD, f"{LIST}{swp.pk}/delete/"):
        assert client.get(url).status_code == 403
    assert client.post(ADD, {"alias": "PCC", "organisation": world.police.pk}).status_code == 403
    assert client.post(f"{LIST}{swp.pk}/delete/", {"confirm": "on"}).status_code == 403
    assert OrganisationAlias.objects.count() == 1


def test_another_partnerships_administrator_is_refused(client, world, swp):
    client.force_login(world.outsider)
    assert client.get(LIST).status_code == 403
    assert client.post(f"{LIST}{swp.pk}/delete/", {"confirm": "on"}).status_code == 403
    assert OrganisationAlias.objects.filter(pk=swp.pk).exists()


def test_a_partnership_the_user_cannot_see_is_not_found(client, world):
    client.force_login(world.admin)
    assert client.get("/partnerships/gwent/aliases/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_administrator_adds_an_alias_through_the_form(client, world):
    client.force_login(world.admin)
    form = client.get(ADD)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Cardiff Council" in html and "South Wales Police (SWP)" in html
    response = client.post(ADD, {"alias": "Cardiff", "organisation": world.council.pk})
    assert response.status_code == 302
    assert response["Location"] == LIST
    entry = OrganisationAlias.objects.get(alias="Cardiff")
    assert entry.organisation == world.council
    assert AuditEntry.objects.filter(
        content_type__model="organisationalias", object_id=entry.pk, actor=world.admin
    ).exists()
    listing = client.get(LIST).content.decode()
    assert "now stands for Cardiff Council" in listing


def test_a_duplicate_alias_is_shown_as_an_error_on_the_form(client, world, swp):
    client.force_login(world.admin)
    response = client.post(ADD, {"alias": "swp", "organisation": world.council.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "already stands for South Wales Police" in html
    assert OrganisationAlias.objects.count() == 1


def test_the_form_only_offers_member_organisations(client, world):
    from tests import factories

    stranger = factories.OrganisationFactory(name_en="Not A Member Body")
    client.force_login(world.admin)
    assert "Not A Member Body" not in client.get(ADD).content.decode()
    response = client.post(ADD, {"alias": "NAMB", "organisation": stranger.pk})
    assert response.status_code == 400
    assert not OrganisationAlias.objects.exists()


def test_an_empty_form_says_what_to_enter(client, world):
    client.force_login(world.admin)
    response = client.post(ADD, {"alias": "", "organisation": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the name as plans write it" in html
    assert "Select the organisation the name stands for" in html


def test_removing_an_alias_asks_for_confirmation_first(client, world, swp):
    client.force_login(world.admin)
    url = f"{LIST}{swp.pk}/delete/"
    page = client.get(url)
    assert page.status_code == 200
    assert "stands for South Wales Police" in page.content.decode()
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 400
    assert OrganisationAlias.objects.filter(pk=swp.pk).exists()
    confirmed = client.post(url, {"confirm": "on"})
    assert confirmed.status_code == 302
    assert not OrganisationAlias.objects.filter(pk=swp.pk).exists()


def test_an_alias_of_another_partnership_cannot_be_removed_through_this_one(client, world):
    from tests import factories

    body = factories.OrganisationFactory(name_en="Gwent body")
    world.other_partnership.organisations.add(body)
    theirs = aliases.add_alias(
        actor=world.outsider, partnership=world.other_partnership, alias="GB", organisation=body
    )
    client.force_login(world.admin)
    assert client.post(f"{LIST}{theirs.pk}/delete/", {"confirm": "on"}).status_code == 404
    assert OrganisationAlias.objects.filter(pk=theirs.pk).exists()


def test_partnership_page_links_to_the_alias_list_for_administrators_only(client, world):
    client.force_login(world.admin)
    assert LIST in client.get("/partnerships/cardiff-vale/").content.decode()
    client.force_login(world.lead)
    assert LIST not in client.get("/partnerships/cardiff-vale/").content.decode()
