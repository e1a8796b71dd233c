"""`vawdasv backup --output FILE`: the database and the stored files in one zip (ops.backup)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vawdasv.ops.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Write a consistent copy of the database and the stored files to a zip file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="the zip file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["output"], "wb") as output:
                manifest = make_backup(output)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['rows'])} tables and "
            f"{len(manifest['files'])} files to {options['output']}"
        )
