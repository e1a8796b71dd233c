"""Each pytest-xdist worker tests against its own database (ADR 0017)."""

from __future__ import annotations

import os

from django.db import connection


def test_each_worker_has_a_database_of_its_own(db):
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1" … under `pytest -n`
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "postgresql":
        assert name.startswith("test_")
        assert name.endswith(f"_{worker}") if worker else not name.endswith("_gw0")
    else:  # SQLite: a file (so threads can share it, ADR 0010), one per worker
        assert not connection.is_in_memory_db()
        stem = name.removesuffix(".sqlite3")
        assert stem.endswith(f"_{worker}") if worker else not stem.endswith("_gw0")
