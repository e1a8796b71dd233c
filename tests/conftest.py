"""Personas used across the suite, one per role, as the people who use the platform.

- Alys, regional adviser: administrator of the Cardiff and Vale partnership.
- Owain, lead officer at South Wales Police, a lead organisation in that partnership.
- Bethan, lead officer at Cardiff Council, which leads other actions.
- Gareth, board member: reads.
- Nia, administrator of another partnership (Gwent): an outsider to Cardiff and Vale.
- Anonymous visitors are the public.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from tests import factories
from tests.once import QUICK_HASHER, built_once
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.models import Organisation
from vawdasv.reference.loading import load_reference_data


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # Personas get real password hashes; the slow default hasher adds nothing to the tests.
    settings.PASSWORD_HASHERS = [QUICK_HASHER]


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder(settings, tmp_path):
    # Uploaded evidence, imported documents and made reports go to a folder of the test's own,
    # never into var/media. Tasks (reports) run at once unless a test chooses the database
    # queue (tests/ops run real workers).
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_cache():
    # API rate limits count requests in the cache; each test starts with none counted.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_content_types():
    # A test that flushes the database (transaction=True, as the concurrency tests are) makes
    # content types anew with new ids; the process-wide cache would still hold the old ones.
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request for a /cy/ page leaves Welsh active in the thread, which would make reverse()
    # in the next test build Welsh addresses. Start every test in English.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_manifest_static(settings):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


def _reference_organisation(slug: str) -> Organisation:
    """A reference organisation, reloading the reference tables if a flush emptied them.

    Transactional tests (the browser journeys) end with a flush that also empties the tables
    the data migration filled, so later tests load them again (the loader is idempotent).
    """
    if not Organisation.objects.filter(slug=slug).exists():
        load_reference_data(django_apps)
    return Organisation.objects.get(slug=slug)


def _codebook_seeded() -> None:
    """The reviews codebook, seeded again if a transactional test's flush emptied it (as
    `_reference_organisation` does for reference data)."""
    from vawdasv.reviews.models import CodebookTheme
    from vawdasv.reviews.seed import seed_codebook

    if not CodebookTheme.objects.exists():
        seed_codebook(django_apps)


@dataclass
class World:
    partnership: object
    other_partnership: object
    police: Organisation
    council: Organisation
    strategy: object
    draft_strategy: object
    other_strategy: object
    theme: object
    commitment: object
    police_action: object
    council_action: object
    admin: object
    lead: object
    council_lead: object
    board: object
    outsider: object


@pytest.fixture
def world(db) -> World:
    """A published and a draft plan in one partnership, a draft in another, and the personas."""
    return build_world()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The same world, built once for a whole module (see tests/once.py)."""
    with built_once(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield build_world()


def build_world() -> World:
    _codebook_seeded()
    partnership = factories.PartnershipFactory(
        name_en="Cardiff and Vale of Glamorgan VAWDASV Partnership", slug="cardiff-vale"
    )
    other = factories.PartnershipFactory(name_en="Gwent VAWDASV Partnership", slug="gwent")
    police = _reference_organisation("south-wales-police")
    council = factories.OrganisationFactory(
        name_en="Cardiff Council", name_cy="Cyngor Caerdydd", slug="cardiff-council",
        organisation_type=OrganisationType.LOCAL_AUTHORITY,
    )  # fmt: skip
    partnership.organisations.set([police, council])
    strategy = factories.StrategyFactory(partnership=partnership, published=True, slug="cv-2023")
    draft = factories.StrategyFactory(partnership=partnership, slug="cv-draft")
    other_strategy = factories.StrategyFactory(partnership=other, slug="gwent-draft")
    theme = factories.ThemeFactory(strategy=strategy, name_en="PREPARE")
    commitment = factories.CommitmentFactory(theme=theme)
    police_action = factories.ActionFactory(commitment=commitment, leads=[police])
    council_action = factories.ActionFactory(commitment=commitment, leads=[council])

    def person(username: str, role: str | None, org: Organisation | None, where=partnership):
        user = factories.UserFactory(
            username=username, first_name=username.capitalize(), organisation=org
        )
        if role:
            factories.MembershipFactory(user=user, partnership=where, role=role)
        return user

    return World(
        partnership=partnership,
        other_partnership=other,
        police=police,
        council=council,
        strategy=strategy,
        draft_strategy=draft,
        other_strategy=other_strategy,
        theme=theme,
        commitment=commitment,
        police_action=police_action,
        council_action=council_action,
        admin=person("alys", Role.ADMINISTRATOR, None),
        lead=person("owain", Role.LEAD_OFFICER, police),
        council_lead=person("bethan", Role.LEAD_OFFICER, council),
        board=person("gareth", Role.BOARD_MEMBER, None),
        outsider=person("nia", Role.ADMINISTRATOR, None, where=other),
    )


@pytest.fixture(autouse=True)
def _two_factor_only_where_tested(settings, request):
    # Administrators must pass a second step to use any page; the tests about it (and the
    # journeys through it) say so in their name, the others sign in with a password alone.
    settings.TWO_FACTOR_ENFORCED = "two_factor" in request.node.name


@pytest.fixture(autouse=True)
def _axes_off_by_default(settings, request):
    # Login throttling is tested on purpose in its own module.
    if "throttle" not in request.node.name:
        settings.AXES_ENABLED = False
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
