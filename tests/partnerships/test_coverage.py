"""Nobody is left out: lead organisations with actions but no active lead officer."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import Client

from tests import factories
from vawdasv.partnerships.models import Membership
from vawdasv.plans import coverage
from vawdasv.progress import services


def _health_board_action(world):
    health = factories.OrganisationFactory(name_en="Cardiff and Vale UHB", slug="cavuhb")
    world.partnership.organisations.add(health)
    factories.ActionFactory(commitment=world.commitment, leads=[health])
    return health


def test_an_organisation_leading_actions_without_a_lead_officer_is_listed(world):
    health = _health_board_action(world)
    gaps = coverage.without_lead_officer(world.partnership, world.strategy)
    assert [(gap.organisation, gap.actions, gap.is_member) for gap in gaps] == [(health, 1, True)]


def test_an_ended_membership_leaves_the_organisation_uncovered(world):
    Membership.objects.filter(user=world.lead).update(active=False)
    gaps = coverage.without_lead_officer(world.partnership, world.strategy)
    assert [gap.organisation for gap in gaps] == [world.police]


def test_the_home_page_dashboard_and_round_opening_flag_it_to_the_regional_team(world):
    health = _health_board_action(world)
    client = Client()
    client.force_login(world.admin)
    invite = f"/partnerships/{world.partnership.slug}/people/invite/?organisation={health.pk}"
    pages = {
        "home": "/",
        "dashboard": f"/progress/strategies/{world.strategy.slug}/dashboard/",
        "round opening": f"/progress/strategies/{world.strategy.slug}/open/",
        "own page": f"/strategies/partnership/{world.partnership.slug}/without-lead-officer/",
    }
    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert "Cardiff and Vale UHB" in page, name
        assert invite in page, name


def test_a_lead_officer_sees_no_flag_on_the_home_page(world):
    _health_board_action(world)
    client = Client()
    client.force_login(world.lead)
    assert "Cardiff and Vale UHB" not in client.get("/").content.decode()


def test_reminders_say_where_they_could_not_be_sent(world):
    _health_board_action(world)
    services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=datetime.date(2025, 10, 31),
    )  # fmt: skip
    out = StringIO()
    call_command("send_reminders", "--today", "2025-11-02", stdout=out)
    text = out.getvalue()
    assert "Not sent: Cardiff and Vale UHB has 1 action(s) waiting" in text
    assert "South Wales Police" not in text  # Owain was reminded
