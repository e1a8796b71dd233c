"""A consistent copy of the database and the stored files in one zip, and its restoration.

The database is written as Django's portable JSON (`dumpdata --all`), so a backup made on
SQLite restores on PostgreSQL and back; it is read inside one transaction that sees a single
snapshot (REPEATABLE READ on PostgreSQL; SQLite's read transaction holds one already). Files
are read and written through the storage API, so object storage works the same as a folder.

    backup.zip
      manifest.json   format, when, database vendor, applied migrations, rows per table, files
      database.json   every row of every table
      files/<name>    every stored file, under its storage name
"""

from __future__ import annotations

import datetime
import json
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
CHUNK = 1024 * 1024

# Tables `migrate` fills (content types, permissions, the reference data) or that say nothing
# about the partnerships' work (worker heartbeats, the task queue, sessions): a database holding
# rows only here counts as empty for `restore`.
FILLED_BY_MIGRATE = {"contenttypes", "auth.permission", "reference", "sessions", "ops"}
FILLED_BY_MIGRATE |= {"django_tasks_database", "axes"}


class BackupError(Exception):
    """A reason a backup cannot be made or restored, to show as it is."""


def stored_files(storage: Storage = default_storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, walking folders through the storage API."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_files(storage, f"{folder}/{sub}" if folder else sub)


class ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder rounds times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _dump_rows(path: Path) -> None:
    """Every row of every table as Django's JSON fixture format (what `loaddata` reads).

    Unlike `dumpdata`, many-to-many link tables are written as tables of their own, so their
    rows keep their ids too, and the models' objects leave their many-to-many fields out.
    """
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        first = True
        for model in apps.get_models(include_auto_created=True):
            if not model._meta.managed or model._meta.proxy:
                continue
            columns = [f.name for f in model._meta.concrete_fields]
            columns += [f.attname for f in model._meta.concrete_fields]
            rows = model._base_manager.order_by("pk").iterator(chunk_size=2000)
            for obj in serializers.serialize("python", rows, fields=columns):
                out.write(("" if first else ",\n") + json.dumps(obj, cls=ExactEncoder))
                first = False
        out.write("]\n")


def _applied_migrations() -> list[list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in applied)


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def make_backup(output: IO[bytes], storage: Storage = default_storage) -> dict[str, Any]:
    """Write the zip to `output`; the manifest written."""
    # Only a transaction of our own can choose its isolation (inside a caller's, as in tests,
    # the caller's snapshot rules).
    own_transaction = not connection.in_atomic_block
    with tempfile.TemporaryDirectory() as work, transaction.atomic():
        if connection.vendor == "postgresql" and own_transaction:
            # Every read below sees the database as it was at the first one.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        dump = Path(work) / "database.json"
        _dump_rows(dump)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "migrations": _applied_migrations(),
            "rows": _row_counts(),
            "files": [],
        }
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(dump, "database.json")
            for name in stored_files(storage):
                with storage.open(name, "rb") as source, archive.open(f"files/{name}", "w") as out:
                    while chunk := source.read(CHUNK):
                        out.write(chunk)
                manifest["files"].append(name)
            archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


def holds_data() -> list[str]:
    """The tables holding rows that `restore` would replace (none: the database is empty)."""
    full = []
    for label, count in _row_counts().items():
        app_label = label.split(".")[0]
        if count and app_label not in FILLED_BY_MIGRATE and label.lower() not in FILLED_BY_MIGRATE:
            full.append(label)
    return full


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(
            "This is not a vawdasv backup: it has no readable manifest.json."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup's format {manifest.get('format')!r} is not {FORMAT}.")
    return manifest


def restore_backup(
    source: IO[bytes], *, force: bool = False, storage: Storage = default_storage
) -> dict[str, Any]:
    """Replace the database's rows and the stored files with the backup's; the manifest.

    Refuses a database holding data unless `force`, and a database whose migrations differ
    from the backup's (migrate it first). The rows are replaced in one transaction, so a backup
    that fails to load leaves the database as it was; files are replaced once the rows are in.
    """
    with zipfile.ZipFile(source) as archive:
        manifest = read_manifest(archive)
        mine = _applied_migrations()
        if [list(m) for m in manifest["migrations"]] != mine:
            missing = {tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in mine}
            raise BackupError(
                "The database's migrations differ from the backup's; run `vawdasv migrate` to "
                f"the same version first (missing here: {sorted(missing)[:5]})."
            )
        if not force and (full := holds_data()):
            raise BackupError(
                f"The database is not empty ({', '.join(full[:5])}...): restoring would replace "
                "its data. Use --force to replace it."
            )
        with tempfile.TemporaryDirectory() as work:
            dump = Path(work) / "database.json"
            dump.write_bytes(archive.read("database.json"))
            with transaction.atomic():
                check_pending_constraints()
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                defer_constraints()  # rows arrive in any order; checked once all are in
                call_command("loaddata", str(dump), verbosity=0)
        _replace_files(archive, manifest["files"], storage)
    return manifest


def check_pending_constraints() -> None:
    """PostgreSQL refuses to empty tables with deferred checks pending in the transaction (a
    caller's earlier writes): run those checks now."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def defer_constraints() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _replace_files(archive: zipfile.ZipFile, names: list[str], storage: Storage) -> None:
    for name in list(stored_files(storage)):
        storage.delete(name)
    for name in names:
        with archive.open(f"files/{name}") as packed:
            saved = storage.save(name, File(packed, name=name))
        if saved != name:
            raise BackupError(f"The storage saved {name!r} as {saved!r}.")


__all__ = ["BackupError", "make_backup", "restore_backup", "stored_files"]
