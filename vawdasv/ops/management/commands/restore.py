"""`vawdasv restore FILE [--force]`: put back a backup made by `vawdasv backup`."""

from __future__ import annotations

import zipfile
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vawdasv.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and the stored files from a backup zip. Refuses a database that "
        "holds data unless --force is given (its data and files are then replaced)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the zip file written by `vawdasv backup`")
        parser.add_argument("--force", action="store_true", help="replace a non-empty database")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], "rb") as source:
                manifest = restore_backup(source, force=options["force"])
        except (BackupError, OSError, zipfile.BadZipFile) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and {len(manifest['files'])} files "
            f"from the backup made {manifest['created_at']}"
        )
