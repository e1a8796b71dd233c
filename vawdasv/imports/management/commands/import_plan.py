"""`vawdasv import-plan FILE`: read a plan document and import it, or show what was understood.

    vawdasv import-plan plan.docx --dry-run --json      # the parsed plan as JSON, nothing written
    vawdasv import-plan plan.docx --partnership cardiff-vale --start-year 2023 --end-year 2028

Exit status: 0 when the plan was read (and imported); 2 when the input cannot be used (a missing
or unreadable file, no plan table in it, an unknown partnership or person, missing years);
1 when writing failed (for example the acting person may not manage plans).

The JSON printed with --json is `ParsedPlan.to_json()`, the contract scripts and tests rely on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vawdasv.accounts.models import User
from vawdasv.audit.origins import Origin, OriginKind, file_detail
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.interpret import interpret, plan_found, years_in
from vawdasv.imports.model import ParsedPlan
from vawdasv.imports.readers import ReadLimits
from vawdasv.imports.readers.limits import file_size
from vawdasv.imports.sandbox import read_document_isolated
from vawdasv.imports.services import import_plan
from vawdasv.partnerships.aliases import aliases_for
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Membership, Partnership
from vawdasv.plans.enums import StrategyStatus
from vawdasv.plans.models import Strategy

UNUSABLE_INPUT = 2
_SLUG_MAX = 100


def unusable(message: str) -> CommandError:
    return CommandError(message, returncode=UNUSABLE_INPUT)


class Command(BaseCommand):
    help = (
        "Read a plan document (.docx, .xlsx, .csv, .pdf, .txt or .md) and import it as a new "
        "strategy of a partnership, or with --dry-run show what was understood without "
        "writing anything. Exit status 2 means the input could not be used."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The plan document.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and show the plan; write nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the plan as one JSON document."
        )
        parser.add_argument("--partnership", help="Slug of the partnership to import into.")
        parser.add_argument(
            "--strategy-slug", help="Short name for web addresses (default: from the title)."
        )
        parser.add_argument("--title", help="Strategy title (default: the document's title).")
        parser.add_argument("--start-year", type=int, help="First year (default: from the title).")
        parser.add_argument("--end-year", type=int, help="Last year (default: from the title).")
        parser.add_argument(
            "--status",
            choices=[choice.value for choice in StrategyStatus],
            default=StrategyStatus.DRAFT.value,
            help="Status of the new strategy (default: draft).",
        )
        parser.add_argument(
            "--as-user",
            help="Username of the person importing (default: the partnership's first "
            "administrator). Recorded in the history.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        data = self.read_file(path)
        try:
            document = read_document_isolated(data, path.name)
        except UnreadableDocument as exc:
            raise unusable(str(exc)) from exc
        parsed = interpret(document)
        if not plan_found(parsed):
            raise unusable(
                _(
                    "No plan table was recognised in “%(name)s”. A plan needs a table with "
                    "columns such as Commitment, Milestones/Actions, Evidence of Achievement, "
                    "Timescale and Lead, or “We will” lists under headings."
                )
                % {"name": path.name}
            )
        if options["dry_run"]:
            self.show(parsed, as_json=options["json"])
            return
        strategy = self.import_into_partnership(parsed, path, data, options)
        counts = parsed.counts()
        summary = _(
            "Imported “%(title)s” (%(slug)s): %(themes)s themes, %(commitments)s commitments, "
            "%(actions)s actions, %(warnings)s warnings."
        ) % {
            "title": strategy.title_en,
            "slug": strategy.slug,
            "themes": counts.themes,
            "commitments": counts.commitments,
            "actions": counts.actions,
            "warnings": len(parsed.warnings),
        }
        if options["json"]:
            self.stdout.write(parsed.to_json())
            self.stderr.write(summary)
        else:
            self.stdout.write(self.style.SUCCESS(summary))

    def read_file(self, path: Path) -> bytes:
        if not path.is_file():
            raise unusable(_("There is no file at %(path)s.") % {"path": path})
        limit = ReadLimits.from_settings().max_bytes
        if path.stat().st_size > limit:
            raise unusable(
                _("“%(name)s” is larger than %(limit)s, the largest document that can be imported.")
                % {"name": path.name, "limit": file_size(limit)}
            )
        try:
            return path.read_bytes()
        except OSError as exc:
            raise unusable(
                _("%(path)s cannot be read: %(reason)s") % {"path": path, "reason": exc.strerror}
            ) from exc

    def show(self, parsed: ParsedPlan, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(parsed.to_json())
            return
        counts = parsed.counts()
        self.stdout.write(
            _("Dry run, nothing written. Title: %(title)s") % {"title": parsed.title or "–"}
        )
        for theme in parsed.themes:
            actions = sum(len(commitment.actions) for commitment in theme.commitments)
            self.stdout.write(
                _("  %(theme)s: %(commitments)s commitments, %(actions)s actions")
                % {"theme": theme.name, "commitments": len(theme.commitments), "actions": actions}
            )
        self.stdout.write(
            _("Themes: %(themes)s, commitments: %(commitments)s, actions: %(actions)s.")
            % {
                "themes": counts.themes,
                "commitments": counts.commitments,
                "actions": counts.actions,
            }
        )
        for warning in parsed.warnings:
            self.stdout.write(
                _("Check %(location)s: %(message)s")
                % {"location": warning.location, "message": warning.message}
            )

    # Importing -----------------------------------------------------------------------------

    def import_into_partnership(
        self, parsed: ParsedPlan, path: Path, data: bytes, options: dict[str, Any]
    ) -> Strategy:
        partnership = self.partnership(options["partnership"])
        actor = self.actor(partnership, options["as_user"])
        title = options["title"] or parsed.title or path.stem.replace("-", " ").replace("_", " ")
        start_year, end_year = self.years(options, parsed, path)
        digest = hashlib.sha256(data).hexdigest()
        source = Origin(OriginKind.PLAN_IMPORT, detail=file_detail(path.name, digest))
        try:
            return import_plan(
                actor=actor,
                partnership=partnership,
                parsed=parsed,
                strategy_data={
                    "title_en": title[:300],
                    "slug": options["strategy_slug"] or self.free_slug(title),
                    "start_year": start_year,
                    "end_year": end_year,
                    "status": options["status"],
                },
                source=source,
                aliases=aliases_for(partnership),
            )
        except PermissionDenied as exc:
            raise CommandError(
                _("%(user)s may not manage the plans of %(partnership)s.")
                % {"user": actor.get_username(), "partnership": partnership.name_en}
            ) from exc
        except ValidationError as exc:
            raise CommandError(
                _("The plan was not imported: %(problems)s") % {"problems": "; ".join(exc.messages)}
            ) from exc

    def partnership(self, slug: str | None) -> Partnership:
        if not slug:
            raise unusable(
                _("Name the partnership to import into with --partnership, or use --dry-run.")
            )
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            raise unusable(_("There is no partnership “%(slug)s”.") % {"slug": slug})
        return partnership

    def actor(self, partnership: Partnership, username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise unusable(_("There is no active user “%(name)s”.") % {"name": username})
            return user
        membership = (
            Membership.objects.filter(
                partnership=partnership, role=Role.ADMINISTRATOR, user__is_active=True
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            raise unusable(
                _("%(partnership)s has no administrator; name the importer with --as-user.")
                % {"partnership": partnership.name_en}
            )
        return membership.user

    def years(self, options: dict[str, Any], parsed: ParsedPlan, path: Path) -> tuple[int, int]:
        start, end = options["start_year"], options["end_year"]
        if start is None or end is None:
            found = years_in(options["title"], parsed.title, path.name)
            if found is None:
                raise unusable(
                    _(
                        "The years of the strategy are not in its title or file name; give "
                        "them with --start-year and --end-year."
                    )
                )
            start = found[0] if start is None else start
            end = found[1] if end is None else end
        return start, end

    def free_slug(self, title: str) -> str:
        base = slugify(title)[:_SLUG_MAX].strip("-") or "imported-plan"
        slug, number = base, 2
        while Strategy.objects.filter(slug=slug).exists():
            slug, number = f"{base[: _SLUG_MAX - 6]}-{number}", number + 1
        return slug
