"""`vawdasv load-demo`: the Cardiff and Vale partnership with its imported 2023–2028 plan."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django.utils.html import escape

from tests.once import built_once
from vawdasv.accounts.models import User
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.demo.load import DEMO_PASSWORD, IMPORT_SOURCE, STRATEGY_SLUG
from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Membership, Organisation, Partnership
from vawdasv.plans import coverage
from vawdasv.plans.models import Action, Commitment, Strategy, Theme


@pytest.fixture(autouse=True)
def _demo_runs_in_development(settings):
    # load-demo refuses without DEBUG (issue 8, finding 11); these tests are a developer's demo.
    settings.DEBUG = True


def load_demo() -> str:
    out = StringIO()
    # load-demo refuses without DEBUG (a real deployment); these tests are a developer's.
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=out)
    return out.getvalue()


def database_counts() -> dict[str, int]:
    models = (Partnership, Organisation, User, Membership, Strategy, Theme, Commitment, Action)
    counts = {model.__name__: model.objects.count() for model in models}
    plan_types = ContentType.objects.get_for_models(Strategy, Theme, Commitment, Action).values()
    counts["plan audit"] = AuditEntry.objects.filter(content_type__in=plan_types).count()
    return counts


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """The demo loaded once for the module; each test is rolled back to it (tests/once.py)."""
    with built_once(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield load_demo()


@pytest.fixture
def demo(module_demo: str, db: None) -> str:
    return module_demo


def test_demo_plan_is_imported_from_the_reference_document(demo):
    strategy = Strategy.objects.get(slug=STRATEGY_SLUG)
    assert strategy.partnership.slug == "cardiff-vale"
    assert (strategy.start_year, strategy.end_year, strategy.is_published) == (2023, 2028, True)
    assert strategy.title_en.startswith("Cardiff and Vale of Glamorgan Violence against Women")
    assert strategy.vision_en.startswith("People who live, work, study in")
    assert list(strategy.themes.values_list("name_en", flat=True)) == [
        "INTRODUCTION", "PREPARE", "PURSUE", "PREVENT", "PROTECT", "SUPPORT",
    ]  # fmt: skip
    assert strategy.themes.get(name_en="PURSUE").aim_en.startswith("Address perpetrators")
    assert Commitment.objects.filter(theme__strategy=strategy).count() == 32
    assert Action.objects.for_strategy(strategy).count() == 69


def test_demo_partnership_covers_cardiff_and_the_vale(demo):
    partnership = Partnership.objects.get(slug="cardiff-vale")
    assert partnership.name_en == "Cardiff and Vale of Glamorgan VAWDASV Partnership"
    assert partnership.name_cy == "Partneriaeth VAWDASV Caerdydd a Bro Morgannwg"
    assert partnership.region.slug == "cardiff-and-vale-of-glamorgan"
    assert sorted(partnership.local_authorities.values_list("name_en", flat=True)) == [
        "Cardiff",
        "Vale of Glamorgan",
    ]
    members = set(partnership.organisations.values_list("slug", flat=True))
    assert {"south-wales-police", "welsh-government", "cardiff-council"} <= members


def test_running_load_demo_twice_does_not_duplicate_anything(demo):
    first = database_counts()
    load_demo()
    assert database_counts() == first


@pytest.mark.parametrize("lang_prefix", ["", "/cy"])
def test_demo_plan_is_public_and_shows_every_action(demo, client, lang_prefix):
    response = client.get(f"{lang_prefix}/strategies/{STRATEGY_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    missing = [
        action.text_en
        for action in Action.objects.filter(commitment__theme__strategy__slug=STRATEGY_SLUG)
        if escape(action.text_en) not in html
    ]
    assert missing == []


def test_audit_entries_of_the_demo_plan_name_the_import_source(demo):
    strategy = Strategy.objects.get(slug=STRATEGY_SLUG)
    action_type = ContentType.objects.get_for_model(Action)
    entries = AuditEntry.objects.filter(
        content_type=action_type,
        partnership=strategy.partnership,
        object_id__in=Action.objects.for_strategy(strategy).values("pk"),
        verb=Verb.CREATED,  # later entries come from the demo's progress rounds
    )
    assert entries.count() == 69
    assert set(entries.values_list("origin_kind", "source")) == {
        (IMPORT_SOURCE.kind, IMPORT_SOURCE.detail)
    }
    assert set(entries.values_list("actor__username", flat=True)) == {"alys"}


def test_leads_resolve_to_the_partnerships_organisations(demo):
    older_people = Action.objects.get(text_en__contains="conceptualising the abuse of older")
    assert sorted(older_people.lead_organisations.values_list("slug", flat=True)) == [
        "cardiff-and-vale-university-health-board",
        "cardiff-vale-regional-team",
        "velindre-university-nhs-trust",
        "welsh-government",
    ]
    police_led = Action.objects.filter(lead_organisations__slug="south-wales-police")
    assert police_led.count() == 6


def test_demo_people_hold_the_roles_the_logins_table_prints(demo):
    assert f"password: {DEMO_PASSWORD}" in demo
    for username in ("admin", "alys", "rhys", "owain", "bethan", "gareth", "ffion", "nia"):
        assert username in demo
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    cardiff_vale = Partnership.objects.get(slug="cardiff-vale")
    gwent = Partnership.objects.get(slug="gwent")
    roles = dict(Membership.objects.values_list("user__username", "role"))
    named = {
        "alys": Role.ADMINISTRATOR,
        "rhys": Role.LEAD_OFFICER,
        "owain": Role.LEAD_OFFICER,
        "bethan": Role.LEAD_OFFICER,
        "gareth": Role.BOARD_MEMBER,
        "nia": Role.ADMINISTRATOR,
    }
    assert {name: roles[name] for name in named} == named
    # Everyone else is one of the lead officers made for the plan's lead organisations.
    assert {role for name, role in roles.items() if name not in named} == {Role.LEAD_OFFICER}
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="ffion").national_observer
    nia = User.objects.get(username="nia")
    assert permissions.can_manage_plans(nia, gwent.pk)
    assert not permissions.can_manage_plans(nia, cardiff_vale.pk)


def test_demo_lead_officers_write_updates_for_the_actions_their_organisation_leads(demo):
    owain = User.objects.get(username="owain")
    bethan = User.objects.get(username="bethan")
    police_action = Action.objects.filter(lead_organisations__slug="south-wales-police").first()
    council_action = Action.objects.filter(lead_organisations__slug="cardiff-council").first()
    assert permissions.can_write_update(owain, police_action)
    assert not permissions.can_write_update(owain, council_action)
    assert permissions.can_write_update(bethan, council_action)
    # Lead officers propose changes to the plan; they do not edit it (issue 10).
    assert not permissions.can_edit_action(owain, police_action)


def test_every_lead_organisation_but_one_has_a_demo_lead_officer(demo):
    strategy = Strategy.objects.get(slug=STRATEGY_SLUG)
    gaps = coverage.without_lead_officer(strategy.partnership, strategy)
    assert [gap.organisation.slug for gap in gaps] == ["respect"]
    officers = User.objects.filter(
        memberships__partnership=strategy.partnership, memberships__role=Role.LEAD_OFFICER
    )
    for officer in officers:
        assert officer.username in demo  # printed with the logins
        assert officer.check_password(DEMO_PASSWORD)


def test_the_advisers_home_page_flags_the_organisation_without_a_lead_officer(demo, client):
    client.force_login(User.objects.get(username="alys"))
    page = client.get("/").content.decode()
    assert "Respect" in page and "has no lead officer" in page


def test_the_demo_partnership_publishes_its_progress_through_the_audited_setting(demo, client):
    partnership = Partnership.objects.get(slug="cardiff-vale")
    assert partnership.publish_progress
    partnership_type = ContentType.objects.get_for_model(Partnership)
    changes = AuditEntry.objects.filter(
        content_type=partnership_type, object_id=partnership.pk, verb=Verb.UPDATED
    )
    published = [entry for entry in changes if "publish_progress" in entry.changes]
    assert len(published) == 1
    page = client.get(f"/public/{partnership.slug}/").content.decode()
    assert "Latest published progress:" in page
    assert "does not publish its progress" not in page
    load_demo()  # a rebuild leaves the setting on without a second entry
    assert len([e for e in changes.all() if "publish_progress" in e.changes]) == 1
