"""`vawdasv load-demo`: the Cardiff and Vale demo partnership, its imported plan and demo people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from vawdasv.demo.history import summary_lines
from vawdasv.demo.load import DemoDataMissing, DemoResult, load_demo


class Command(BaseCommand):
    help = (
        "Build the demo: the Cardiff and Vale of Glamorgan partnership with its 2023-2028 plan "
        "imported from the reference document, and demo people for every role. Running it "
        "again rebuilds the demo plans and resets the demo people."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reference-dir",
            type=Path,
            default=None,
            help="Folder holding the reference documents (default: VAWDASV_REFERENCE_DIR, "
            "or shared/reference beside the repository).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_demo(options["reference_dir"])
        except DemoDataMissing as exc:
            raise CommandError(str(exc)) from exc
        self.print_summary(result)
        self.print_logins(result)

    def print_summary(self, result: DemoResult) -> None:
        strategy = result.strategy
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
        self.stdout.write(
            _("%(title)s (%(period)s), published at %(url)s")
            % {
                "title": strategy.title_en,
                "period": strategy.period_label,
                "url": strategy.get_absolute_url(),
            }
        )
        self.stdout.write(
            _("Themes: %(themes)s, commitments: %(commitments)s, actions: %(actions)s.")
            % {
                "themes": result.counts.themes,
                "commitments": result.counts.commitments,
                "actions": result.counts.actions,
            }
        )
        for warning in result.warnings:
            self.stdout.write(
                _("Import note, %(location)s: %(message)s")
                % {"location": warning.location, "message": warning.message}
            )
        if result.history is not None:
            for line in summary_lines(result.history):
                self.stdout.write(line)

    def print_logins(self, result: DemoResult) -> None:
        self.stdout.write("")
        self.stdout.write(
            _("Demo sign-ins (demo only), all with the password: %(password)s")
            % {"password": result.password}
        )
        header = (_("Username"), _("Name"), _("Role"), _("Organisation"), _("Partnership"))
        rows = [header] + [
            (login.username, login.name, login.role, login.organisation, login.partnership)
            for login in result.logins
        ]
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
        for row in rows:
            cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
