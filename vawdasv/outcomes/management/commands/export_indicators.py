"""`vawdasv export-indicators`: one Open SDG CSV per indicator of a partnership.

    vawdasv export-indicators --partnership cardiff-vale --output out/
    vawdasv export-indicators --partnership cardiff-vale --published --output public/

Writes `<indicator code>.csv` for each indicator. With --published, exactly what the public may
see: published, disclosure-controlled figures only. Exit status 2 (reason on stderr) for an
unknown partnership or a folder that cannot be written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vawdasv.outcomes import export, opensdg
from vawdasv.partnerships.models import Partnership

UNUSABLE_INPUT = 2


class Command(BaseCommand):
    help = (
        "Write one Open SDG CSV per indicator of a partnership (--published: only published, "
        "disclosure-controlled figures). Exit status 2 means the input could not be used."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", required=True, help="Slug of the partnership.")
        parser.add_argument("--published", action="store_true", help="Published figures only.")
        parser.add_argument("--output", type=Path, required=True, help="Folder to write into.")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(
                f"Unknown partnership {options['partnership']!r}.", returncode=UNUSABLE_INPUT
            )
        folder: Path = options["output"]
        written = 0
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for indicator in partnership.indicators.select_related(
                "numerator", "denominator", "partnership"
            ):
                rows = (
                    export.published_rows(indicator)
                    if options["published"]
                    else export.working_rows(indicator)
                )
                content = opensdg.csv_bytes(rows, export.disaggregations(indicator))
                (folder / f"{indicator.code}.csv").write_bytes(content)
                written += 1
        except OSError as error:
            raise CommandError(
                f"Cannot write to {folder}: {error.strerror}", returncode=UNUSABLE_INPUT
            ) from error
        self.stdout.write(f"{written} indicator file(s) written to {folder}")
