"""The embedded SQLite database is configured for a web server (issue 8, finding 5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PRINT_DATABASE = (
    "import django, json; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'options': db.get('OPTIONS', {}), 'test': db.get('TEST', {})}))"
)


def test_the_default_sqlite_database_uses_wal_a_busy_timeout_and_immediate_transactions(
    tmp_path,
):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "vawdasv.settings",
        "VAWDASV_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASE],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    database = json.loads(result.stdout.strip().splitlines()[-1])

    options = database["options"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
    assert "synchronous=NORMAL" in options["init_command"]
    # Tests share one database file between threads, as a server's threads would.
    assert database["test"]["NAME"].endswith(".sqlite3")


def test_the_sqlite_connection_really_is_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return  # PostgreSQL needs none of this
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA cache_size")  # negative: in KiB; SQLite's default is 2 MB
        assert cursor.fetchone()[0] == -16 * 1024
