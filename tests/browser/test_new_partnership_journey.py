"""A brand-new partnership runs itself: the adviser brings in organisations and people.

The platform's superuser has just created the Dyfed-Powys partnership with one administrator,
Meinir, and its plan (three actions, each led by a body on the shared list of organisations
across Wales, none of them a member yet). In the browser, in English and then in Welsh, Meinir
searches for and adds the three organisations, opens a progress round and invites a lead
officer for each. Each invitee opens the link from their email (in their language), chooses a
password, lands on the updates due from them and submits one. axe checks every page visited.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core import mail
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.journey import follow, html_lang, path_of, sign_in, visit
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.models import Organisation
from vawdasv.progress.enums import UpdateState
from vawdasv.progress.models import ProgressUpdate
from vawdasv.reference.loading import load_reference_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_PASSWORD = "a long and memorable phrase"


@dataclass
class Invitee:
    first_name: str
    email: str
    search: str
    organisation: Organisation
    action: Any


def _shared(slug: str) -> Organisation:
    if not Organisation.objects.filter(slug=slug).exists():
        load_reference_data(django_apps)  # a flush by an earlier journey emptied the table
    return Organisation.objects.get(slug=slug)


@pytest.fixture
def new_partnership() -> tuple[Any, Any, list[Invitee]]:
    """What the superuser set up: the partnership, its one administrator, its plan."""
    partnership = factories.PartnershipFactory(
        name_en="Dyfed-Powys VAWDASV Partnership", name_cy="Partneriaeth VAWDASV Dyfed-Powys",
        slug="dyfed-powys",
    )  # fmt: skip
    admin = factories.UserFactory(username="meinir", first_name="Meinir", last_name="Rowlands")
    factories.MembershipFactory(user=admin, partnership=partnership, role=Role.ADMINISTRATOR)
    council = factories.OrganisationFactory(
        name_en="Carmarthenshire County Council", name_cy="Cyngor Sir Caerfyrddin",
        slug="carmarthenshire-county-council", organisation_type=OrganisationType.LOCAL_AUTHORITY,
    )  # fmt: skip
    police, health = _shared("dyfed-powys-police"), _shared("hywel-dda-university-health-board")
    strategy = factories.StrategyFactory(partnership=partnership, published=True, slug="dp-2024")
    commitment = factories.CommitmentFactory(theme=factories.ThemeFactory(strategy=strategy))
    invitees = []
    for first, search, organisation, text in (
        ("Llinos", "Dyfed-Powys", police, "Train response officers in coercive control"),
        ("Emyr", "Hywel Dda", health, "Routine enquiry in maternity services"),
        ("Gwenllian", "Carmarthenshire", council, "Fund refuge places in Llanelli"),
    ):
        action = factories.ActionFactory(commitment=commitment, leads=[organisation], text_en=text)
        invitees.append(
            Invitee(first, f"{first.lower()}@example.org", search, organisation, action)
        )
    return partnership, strategy, invitees


def _add_organisation(page: Page, prefix: str, slug: str, invitee: Invitee) -> None:
    main = page.locator("main")
    visit(page, f"{prefix}/partnerships/{slug}/organisations/")
    search = main.locator("form[method=get]")
    search.locator("input[name=q]").fill(invitee.search)
    follow(page, search.locator("button[type=submit]"))
    add = main.locator(
        f'form[action="{prefix}/partnerships/{slug}/organisations/{invitee.organisation.pk}/add/"]'
    )
    follow(page, add.locator("button[type=submit]"))
    expect(main.locator(".govuk-notification-banner--success")).to_have_count(1)


def _invite(page: Page, prefix: str, slug: str, invitee: Invitee) -> None:
    main = page.locator("main")
    follow(
        page,
        main.locator(
            f'a[href="{prefix}/partnerships/{slug}/people/invite/'
            f'?organisation={invitee.organisation.pk}"]'
        ),
    )
    form = main.locator("form[method=post]")
    form.locator("input[name=first_name]").fill(invitee.first_name)
    form.locator("input[name=email]").fill(invitee.email)
    form.locator(f'input[name=role][value="{Role.LEAD_OFFICER}"]').check()
    form.locator(f'input[name=language][value="{prefix.strip("/") or "en"}"]').check()
    follow(page, form.locator("button[type=submit]"))
    assert path_of(page) == f"{prefix}/partnerships/{slug}/people/"
    visit(page, f"{prefix}/partnerships/{slug}/organisations/")


def _accept_and_update(page: Page, prefix: str, invitee: Invitee) -> None:
    main = page.locator("main")
    message = next(m for m in reversed(mail.outbox) if m.to == [invitee.email])
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    assert f"{prefix}/partnerships/invitations/" in link  # opens in their language
    visit(page, link)
    form = main.locator("form[method=post]")
    form.locator("input[name=last_name]").fill("Davies")
    form.locator("input[name=password1]").fill(NEW_PASSWORD)
    form.locator("input[name=password2]").fill(NEW_PASSWORD)
    follow(page, form.locator("button[type=submit]"))
    assert path_of(page) == f"{prefix}/progress/"  # they land on the updates due from them
    follow(page, main.locator(f'table a[href$="/actions/{invitee.action.pk}/"]'))
    update = main.locator("form[method=post]")
    update.locator('input[name=rag][value="green"]').check()
    update.locator(f"textarea[name=narrative_{prefix.strip('/') or 'en'}]").fill(
        f"{invitee.first_name}: on track"
    )
    follow(page, update.locator("button[type=submit][name=intent][value=submit]"))
    expect(main.locator(".govuk-notification-banner--success")).to_have_count(1)
    sign_out = page.locator(f'header form[action="{prefix}/accounts/sign-out/"]')
    follow(page, sign_out.locator("button[type=submit]"))
    # The link was used up: a second visit says so.
    visit(page, link, status=410)


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_a_new_partnership_brings_in_its_organisations_and_people(
    page: Page, new_partnership: tuple[Any, Any, list[Invitee]], prefix: str
) -> None:
    partnership, strategy, invitees = new_partnership
    slug = partnership.slug
    main = page.locator("main")

    sign_in(page, prefix, "meinir")
    assert path_of(page) == f"{prefix}/needs-attention/"
    assert html_lang(page) == (prefix.strip("/") or "en")
    for invitee in invitees:
        _add_organisation(page, prefix, slug, invitee)
    assert partnership.organisations.count() == 3

    visit(page, f"{prefix}/progress/strategies/{strategy.slug}/open/")
    form = main.locator("form[method=post]")
    form.locator("select[name=period]").select_option(index=1)
    form.locator("input[name=deadline]").fill(
        (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    )
    follow(page, form.locator("button[type=submit]"))

    visit(page, f"{prefix}/partnerships/{slug}/organisations/")
    for invitee in invitees:
        _invite(page, prefix, slug, invitee)
    visit(page, f"{prefix}/strategies/partnership/{slug}/without-lead-officer/")
    sign_out = page.locator(f'header form[action="{prefix}/accounts/sign-out/"]')
    follow(page, sign_out.locator("button[type=submit]"))

    for invitee in invitees:
        _accept_and_update(page, prefix, invitee)

    submitted = ProgressUpdate.objects.filter(
        action__in=[i.action for i in invitees], state=UpdateState.SUBMITTED
    )
    assert submitted.count() == 3
    assert {u.updated_by.email for u in submitted} == {i.email for i in invitees}
