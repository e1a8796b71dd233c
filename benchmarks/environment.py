"""The throwaway place a benchmark run works in: a temp dir, its own SQLite file, Django set up.

Nothing here touches the demo database under var/ or any PostgreSQL database: the run sets
DATABASE_URL and VAWDASV_VAR_DIR to a fresh temp dir before Django reads its settings, and the
dir is removed at the end. Suites ask for the national data set; it is built once, on first
request, and shared by every suite in the run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the real import needs Django set up first
    from benchmarks.dataset import NationalDataset

SETTINGS_MODULE = "benchmarks.settings"


@dataclass
class BenchEnvironment:
    workdir: Path
    database_path: Path
    _dataset: NationalDataset | None = field(default=None, repr=False)

    @property
    def server_env(self) -> dict[str, str]:
        """The environment a server started by a suite needs to read the same database."""
        return {
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DATABASE_URL": f"sqlite:///{self.database_path}",
            "VAWDASV_VAR_DIR": str(self.workdir),
            "STATIC_MANIFEST": "false",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }

    def dataset(self) -> NationalDataset:
        if self._dataset is None:
            self._dataset = self._build()
        return self._dataset

    def _build(self) -> NationalDataset:
        from django.core.management import call_command

        from benchmarks.dataset import build_national_dataset

        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        migrated = time.perf_counter() - started
        print(f"Migrated an empty SQLite database in {migrated:.1f} s ({self.database_path})")
        dataset = build_national_dataset()
        size_mb = self.database_path.stat().st_size / 2**20
        counts = ", ".join(f"{value:,} {name}" for name, value in dataset.counts.items())
        print(f"Generated the national data set in {dataset.seconds:.1f} s: {counts}")
        print(
            f"  through the services: {dataset.services_actions:,} actions with their edits"
            f" in {dataset.services_seconds:.1f} s"
            f" ({dataset.services_actions / max(dataset.services_seconds, 1e-9):.0f} actions/s);"
            f" in bulk: {dataset.bulk_actions:,} actions in {dataset.bulk_seconds:.1f} s"
        )
        edits = ", ".join(f"{n:,} {name}" for name, n in sorted(dataset.edits.items()))
        print(f"  edits by first field changed: {edits}; database file {size_mb:.0f} MB")
        return dataset


@contextmanager
def bench_environment(keep: bool = False) -> Iterator[BenchEnvironment]:
    """Point Django at a new temp database, set it up, and clean up afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="vawdasv-bench-"))
    environment = BenchEnvironment(workdir=workdir, database_path=workdir / "bench.sqlite3")
    os.environ.update(environment.server_env)
    import django

    django.setup()
    try:
        yield environment
    finally:
        from django.db import connections

        connections.close_all()
        if keep:
            print(f"Kept the benchmark files in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
