"""`vawdasv load-demo` without its reference documents: a clear error, nothing written.

Apart from tests/imports/test_load_demo.py, whose tests share one loaded demo per module.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vawdasv.core.demo import STRATEGY_SLUG
from vawdasv.plans.models import Strategy


def test_missing_reference_document_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="VAWDASV_REFERENCE_DIR"):
        call_command("load_demo", reference_dir=tmp_path, stdout=StringIO())
    assert not Strategy.objects.filter(slug=STRATEGY_SLUG).exists()


def test_reference_directory_can_be_set_in_the_environment(db, monkeypatch, tmp_path):
    monkeypatch.setenv("VAWDASV_REFERENCE_DIR", str(tmp_path))
    with pytest.raises(CommandError, match=str(tmp_path)):
        call_command("load_demo", stdout=StringIO())
