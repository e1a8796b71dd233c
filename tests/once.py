"""Test data built once per module instead of once per test.

`built_once` opens a transaction that stays open for the module: the data written inside it is
seen by each of the module's tests, which (asking for `db` as usual) run in a savepoint inside
it and are rolled back to the data as built; the module's end rolls everything back, so the
next module starts from the empty test database. Run with `--dist loadfile` (pyproject), a
module's tests stay on one xdist worker and the data is built once, not once per worker.

Tests of such a module must not rely on changes kept in the shared Python objects: the database
is restored after each test, the objects are not.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

QUICK_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@contextmanager
def built_once(django_db_blocker: Any, media_root: Path) -> Iterator[None]:
    # A module fixture runs before the per-test fixtures that clear the process-wide caches: a
    # test that flushed the database just before (transaction=True) leaves content types cached
    # with ids that are gone, and cached pages of data that is gone.
    ContentType.objects.clear_cache()
    cache.clear()
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(
            PASSWORD_HASHERS=[QUICK_HASHER],
            MEDIA_ROOT=media_root,
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ),
    ):
        yield
        transaction.set_rollback(True)
