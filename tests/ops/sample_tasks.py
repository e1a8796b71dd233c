"""Tasks for the worker tests, run by real `vawdasv worker` processes.

Each writes what it did to files under a folder the test names, so a test can tell how many
times a task ran, and by whom, without any table of its own.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


def _append(path: Path, line: str) -> None:
    # O_APPEND writes of one short line are atomic, so two processes never interleave lines.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, f"{line}\n".encode())
    finally:
        os.close(fd)


@task()
def record(folder: str, key: str) -> str:
    _append(Path(folder) / "runs.txt", f"{key} {os.getpid()}")
    return key


@task()
def record_together(folder: str, key: str, wait_seconds: float = 60.0) -> str:
    """As `record`, then wait (a minute at most) until some other process has run a task too:
    so two workers started a second apart both take part, however quickly the first one could
    have drained the queue alone."""
    runs = Path(folder) / "runs.txt"
    _append(runs, f"{key} {os.getpid()}")
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if len({line.split()[1] for line in runs.read_text().splitlines()}) >= 2:
            break
        time.sleep(0.05)
    return key


@task()
def slow_the_first_time(folder: str, seconds: float) -> str:
    """Started once: hangs (to be killed); run again: finishes at once."""
    started = Path(folder) / "started.txt"
    first_time = not started.exists()
    _append(started, str(os.getpid()))
    if first_time:
        time.sleep(seconds)
    _append(Path(folder) / "runs.txt", f"done {os.getpid()}")
    return "done"
