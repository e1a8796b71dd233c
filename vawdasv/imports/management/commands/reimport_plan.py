"""`vawdasv reimport-plan FILE --strategy SLUG`: bring a revised plan document into a strategy.

    vawdasv reimport-plan plan-2025.docx --strategy cv-2023 --dry-run     # what would change
    vawdasv reimport-plan plan-2025.docx --strategy cv-2023 --json        # apply; print JSON
    vawdasv reimport-plan plan-2025.docx --strategy cv-2023 --remove-missing

Actions are paired with the strategy's actions (see `vawdasv.imports.reimport`); the summary
lists what is added, changed, unchanged and no longer in the plan. Actions no longer in the
plan are kept unless --remove-missing is given. Exit status as `import-plan`: 0 done, 2 the
input cannot be used, 1 writing failed.

With --json, stdout is one JSON document: `ReimportPlan.to_dict()` (`added`, `changed`,
`unchanged`, `missing` lists and more) plus `applied` (bool) and `removed` (int).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.audit.origins import Origin, OriginKind, file_detail
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.interpret import interpret, plan_found
from vawdasv.imports.management.commands.import_plan import Command as ImportPlanCommand
from vawdasv.imports.management.commands.import_plan import unusable
from vawdasv.imports.reimport import (
    ActionPlan,
    ReimportPlan,
    apply_reimport,
    counts_line,
    plan_reimport,
)
from vawdasv.imports.sandbox import read_document_isolated
from vawdasv.partnerships.aliases import aliases_for
from vawdasv.plans.models import Strategy


class Command(ImportPlanCommand):
    """Shares reading the file and finding the acting person with import-plan."""

    help = (
        "Compare a revised plan document with an existing strategy and bring in what changed: "
        "new actions, reworded ones, new leads. Actions no longer in the document are kept "
        "unless --remove-missing is given. Exit status 2 means the input could not be used."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The revised plan document.")
        parser.add_argument("--strategy", required=True, help="Slug of the strategy to update.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON document.")
        parser.add_argument(
            "--remove-missing",
            action="store_true",
            help="Delete actions the revised document no longer has (kept by default).",
        )
        parser.add_argument(
            "--language",
            choices=["en", "cy"],
            default="en",
            help="The language the document is written in (default: en).",
        )
        parser.add_argument(
            "--as-user",
            help="Username of the person importing (default: the partnership's first "
            "administrator). Recorded in the history.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        strategy = Strategy.objects.select_related("partnership").filter(slug=options["strategy"])
        found = strategy.first()
        if found is None:
            raise unusable(_("There is no strategy “%(slug)s”.") % {"slug": options["strategy"]})
        data = self.read_file(path)
        try:
            parsed = interpret(read_document_isolated(data, path.name))
        except UnreadableDocument as exc:
            raise unusable(str(exc)) from exc
        if not plan_found(parsed):
            raise unusable(
                _("No plan table was recognised in “%(name)s”, so nothing was compared.")
                % {"name": path.name}
            )
        diff = plan_reimport(
            found,
            parsed,
            aliases=aliases_for(found.partnership),
            language=options["language"],
        )
        removed = 0
        applied = not options["dry_run"]
        if applied:
            removed = self.apply(found, diff, path, data, options)
        if options["json"]:
            result = {**diff.to_dict(), "applied": applied, "removed": removed}
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            self.show_diff(diff, applied=applied, removed=removed, path=path)

    def apply(
        self,
        strategy: Strategy,
        diff: ReimportPlan,
        path: Path,
        data: bytes,
        options: dict[str, Any],
    ) -> int:
        actor = self.actor(strategy.partnership, options["as_user"])
        source = Origin(
            OriginKind.PLAN_REIMPORT,
            detail=file_detail(path.name, hashlib.sha256(data).hexdigest()),
        )
        try:
            result = apply_reimport(
                actor, strategy, diff, remove_missing=options["remove_missing"], source=source
            )
        except PermissionDenied as exc:
            raise CommandError(
                _("%(user)s may not manage the plans of %(partnership)s.")
                % {"user": actor.get_username(), "partnership": strategy.partnership.name_en}
            ) from exc
        except ConcurrentEditError as exc:
            raise CommandError(
                _("Somebody changed the plan while it was being compared; run it again.")
            ) from exc
        except ValidationError as exc:
            raise CommandError(
                _("The plan was not updated: %(problems)s") % {"problems": "; ".join(exc.messages)}
            ) from exc
        return result.removed

    def show_diff(self, diff: ReimportPlan, *, applied: bool, removed: int, path: Path) -> None:
        if applied:
            self.stdout.write(self.style.SUCCESS(_("Updated from %(file)s.") % {"file": path.name}))
        else:
            self.stdout.write(_("Dry run, nothing written."))
        self.stdout.write(counts_line(diff))
        for theme in diff.added_themes:
            self.stdout.write(_("  New theme: %(name)s") % {"name": theme.parsed.name})
        for commitment in diff.added_commitments:
            self.stdout.write(
                _("  New commitment: %(text)s") % {"text": _short(commitment.parsed.text)}
            )
        for action in diff.added:
            self.stdout.write(_("  Added: %(text)s") % {"text": _short(action.parsed.text)})
        for action in diff.changed:
            self.stdout.write(_("  Changed: %(text)s") % {"text": _short(action.parsed.text)})
            for line in _change_lines(action):
                self.stdout.write(f"      {line}")
        for missing in diff.missing:
            self.stdout.write(
                _("  No longer in the plan: %(text)s") % {"text": _short(missing.text)}
            )
        if removed:
            self.stdout.write(
                _("%(count)s actions no longer in the plan were deleted.") % {"count": removed}
            )
        elif diff.missing:
            self.stdout.write(
                _("Actions no longer in the plan were kept; give --remove-missing to delete them.")
            )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _change_lines(action: ActionPlan) -> list[str]:
    lines = []
    if action.moved_from is not None:
        lines.append(_("moved from: %(commitment)s") % {"commitment": _short(action.moved_from)})
    for change in action.changes:
        before = ", ".join(change.before) if isinstance(change.before, list) else change.before
        after = ", ".join(change.after) if isinstance(change.after, list) else change.after
        lines.append(
            _("%(field)s: “%(before)s” → “%(after)s”")
            % {"field": change.field, "before": _short(before, 60), "after": _short(after, 60)}
        )
    return lines
