"""`vawdasv load-demo` without its reference documents, or where it must not run: a clear error,
nothing written.

Apart from tests/imports/test_load_demo.py, whose tests share one loaded demo per module.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vawdasv.accounts.models import User
from vawdasv.demo.load import STRATEGY_SLUG
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Strategy


def test_missing_reference_document_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="VAWDASV_REFERENCE_DIR"):
        call_command("load_demo", reference_dir=tmp_path, stdout=StringIO())
    assert not Strategy.objects.filter(slug=STRATEGY_SLUG).exists()


def test_reference_directory_can_be_set_in_the_environment(db, monkeypatch, tmp_path):
    monkeypatch.setenv("VAWDASV_REFERENCE_DIR", str(tmp_path))
    with pytest.raises(CommandError, match=str(tmp_path)):
        call_command("load_demo", stdout=StringIO())


@pytest.fixture(autouse=True)
def _developer_machine(settings):
    settings.DEBUG = True


def test_load_demo_refuses_without_debug_and_changes_nothing(db, settings):
    settings.DEBUG = False
    before = User.objects.count(), Partnership.objects.count()

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())

    assert (User.objects.count(), Partnership.objects.count()) == before
    assert not User.objects.filter(username="admin").exists()


def test_load_demo_refuses_over_real_people_even_with_debug(db):
    User.objects.create_user(username="real-adviser", password="x")

    with pytest.raises(CommandError, match="not part of the demo"):
        call_command("load_demo", stdout=StringIO())

    assert not Strategy.objects.filter(slug=STRATEGY_SLUG).exists()


def test_load_demo_refuses_over_a_real_partnership_even_with_debug(db):
    Partnership.objects.create(slug="north-wales", name_en="North Wales")

    with pytest.raises(CommandError, match="not part of the demo"):
        call_command("load_demo", stdout=StringIO())


def test_load_demo_with_force_runs_under_production_settings(db, settings):
    settings.DEBUG = False
    User.objects.create_user(username="real-adviser", password="x")

    call_command("load_demo", "--force", stdout=StringIO())

    assert Strategy.objects.filter(slug=STRATEGY_SLUG).exists()
