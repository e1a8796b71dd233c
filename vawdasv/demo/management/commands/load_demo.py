"""`vawdasv load-demo`: the Cardiff and Vale demo partnership, its imported plan and demo people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from vawdasv.accounts.models import User
from vawdasv.demo.history import NATIONAL_PARTNERSHIP_SLUG, summary_lines
from vawdasv.demo.load import (
    CARDIFF_VALE,
    GWENT,
    LEAD_OFFICER_NAMES,
    MID_WEST_WALES,
    PEOPLE,
    DemoDataMissing,
    DemoResult,
    load_demo,
)
from vawdasv.partnerships.models import Partnership


def holds_only_demo_data() -> bool:
    """True when every person and partnership is one the demo itself creates (or none exist).

    The demo deletes its partnerships' plans and resets its people's passwords to a published
    one, so it must never run over real people or partnerships.
    """
    demo_people = {person.username for person in PEOPLE}
    demo_people |= {first.lower() for first, _last in LEAD_OFFICER_NAMES}
    real_people = User.objects.exclude(username__in=demo_people).exists()
    demo_partnerships = [CARDIFF_VALE, GWENT, MID_WEST_WALES, NATIONAL_PARTNERSHIP_SLUG]
    real_partnerships = Partnership.objects.exclude(slug__in=demo_partnerships).exists()
    return not (real_people or real_partnerships)


def refusal() -> str | None:
    """Why the demo may not be loaded here, or None when it may."""
    if not settings.DEBUG:
        return _(
            "load-demo refused: DEBUG is off, so this looks like a real deployment. The demo "
            "deletes its partnerships' plans and creates a superuser with a published password. "
            "Run it with DEBUG=true on a demo database, or add --force if you are sure."
        )
    if not holds_only_demo_data():
        return _(
            "load-demo refused: the database holds people or partnerships that are not part of "
            "the demo. Use an empty database, or add --force if you are sure."
        )
    return None


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
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even without DEBUG or over a database holding other data.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reason = None if options["force"] else refusal()
        if reason:
            raise CommandError(reason)
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
