"""`vawdasv backup` and `vawdasv restore`: a round trip gives back every row of every table and
every stored file, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from vawdasv.ops.backup import (
    BackupError,
    check_pending_constraints,
    defer_constraints,
    make_backup,
    restore_backup,
    stored_files,
)
from vawdasv.partnerships.models import Partnership
from vawdasv.progress.models import ReportJob

pytestmark = pytest.mark.django_db

FILES = {
    "evidence/1/ab/report.pdf": b"%PDF-1.7 not really\x00\xff",
    "imports/3f/plan.docx": bytes(range(256)) * 50,
    "reports/7/cv-2018-progress-report-2018-19-en.pdf": b"%PDF made",
}


def _tables() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _files() -> dict[str, bytes]:
    result = {}
    for name in stored_files():
        with default_storage.open(name, "rb") as handle:
            result[name] = handle.read()
    return result


@pytest.fixture
def content(world) -> None:
    """The test world (people, partnership, strategy, audit entries) and files beside it."""
    for name, data in FILES.items():
        assert default_storage.save(name, ContentFile(data)) == name
    ReportJob.objects.create(
        strategy=world.strategy, period_label="2018/19", format="pdf", language="en",
        state="done", file="reports/7/cv-2018-progress-report-2018-19-en.pdf",
        filters={"theme": 3}, requested_by=world.admin,
    )  # fmt: skip


def _backup() -> bytes:
    output = io.BytesIO()
    make_backup(output)
    return output.getvalue()


def _wipe() -> None:
    check_pending_constraints()
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    defer_constraints()
    for name in list(stored_files()):
        default_storage.delete(name)


def test_a_backup_restored_into_an_empty_database_gives_back_every_row_and_file(content):
    tables, files = _tables(), _files()
    assert sum(len(rows) for rows in tables.values()) > 50
    assert set(files) == set(FILES)
    backup = _backup()

    _wipe()
    assert not Partnership.objects.exists() and _files() == {}
    restore_backup(io.BytesIO(backup))

    after = _tables()
    for label in tables:
        for old, new in zip(tables[label], after[label], strict=True):
            assert old == new, (label, {k: (v, new[k]) for k, v in old.items() if new[k] != v})
    assert after == tables
    assert _files() == files


def test_restoring_over_a_database_holding_data_needs_force(content):
    tables, files = _tables(), _files()
    backup = _backup()
    Partnership.objects.update(name_en="Changed since the backup")
    default_storage.save("evidence/new-since.txt", ContentFile(b"new"))

    with pytest.raises(BackupError, match="not empty"):
        restore_backup(io.BytesIO(backup))
    assert Partnership.objects.filter(name_en="Changed since the backup").exists()

    restore_backup(io.BytesIO(backup), force=True)
    assert _tables() == tables
    assert _files() == files  # the file added since is gone: storage is as it was


def test_the_backup_names_its_contents_in_a_manifest(content):
    with zipfile.ZipFile(io.BytesIO(_backup())) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert {"manifest.json", "database.json"} <= names
    assert {f"files/{name}" for name in FILES} <= names
    assert manifest["rows"]["partnerships.Partnership"] == Partnership.objects.count()
    assert sorted(manifest["files"]) == sorted(FILES)


def test_a_backup_made_under_other_migrations_is_refused(content):
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_backup())) as source, zipfile.ZipFile(output, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append(["progress", "9999_from_the_future"])
                data = json.dumps(manifest).encode()
            out.writestr(item, data)
    _wipe()
    with pytest.raises(BackupError, match="migrate"):
        restore_backup(io.BytesIO(output.getvalue()))


def test_the_commands_write_and_refuse_with_clear_messages(content, tmp_path, capsys):
    path = tmp_path / "backup.zip"
    call_command("backup", output=str(path))
    assert "files to" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(path))
    (tmp_path / "not-a-backup.zip").write_bytes(b"hello")
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "not-a-backup.zip"))
