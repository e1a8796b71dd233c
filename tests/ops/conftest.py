"""Workers as real processes, on the test database (PostgreSQL only: SQLite's is in memory)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_queue(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start `vawdasv worker` processes on the test database; all are stopped at the end."""
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need a database they can share: run on PostgreSQL")
    started: list[subprocess.Popen[bytes]] = []

    def start(worker_id: str, *extra: str, **env: str) -> subprocess.Popen[bytes]:
        environment = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "VAWDASV_VAR_DIR": str(tmp_path / "var"),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "PYTHONPATH": str(ROOT),
            **env,
        }
        command = [sys.executable, "-m", "vawdasv", "worker", "--worker-id", worker_id]
        process = subprocess.Popen(
            [*command, "--interval", "0.1", "--no-startup-delay", *extra],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"{worker_id}.log", "wb"),  # noqa: SIM115
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll until the condition holds (never a fixed sleep standing in for the work)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")
