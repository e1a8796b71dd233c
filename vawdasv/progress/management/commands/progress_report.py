"""`vawdasv progress-report`: write a strategy's progress report, or list the strategies.

    vawdasv progress-report --list
    vawdasv progress-report --strategy cv-2018 --period 2018/19 --format docx --language cy \\
        --output report.docx

Exit status: 0 when the report was written; 2 when the input cannot be used (an unknown
strategy, a period that is not "2018/19" or "2025/26 Q2", an unknown format or language, or a
missing --output).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vawdasv.lib.bilingual import read
from vawdasv.plans.models import Strategy
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import FORMATS, render
from vawdasv.progress.report.data import ReportFilters, gather

UNUSABLE_INPUT = 2


def unusable(message: str) -> CommandError:
    return CommandError(message, returncode=UNUSABLE_INPUT)


class Command(BaseCommand):
    help = (
        "Write the progress report of a strategy for a reporting period as .docx, .pdf or "
        ".html, in English or Welsh; or list the strategies with --list. Exit status 2 means "
        "the input could not be used."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", action="store_true", help="Print each strategy's slug.")
        parser.add_argument("--strategy", help="Slug of the strategy.")
        parser.add_argument("--period", help='Reporting period, such as "2018/19".')
        parser.add_argument("--format", default="docx", help="docx, pdf or html.")
        parser.add_argument("--language", default="en", help="en or cy.")
        parser.add_argument("--output", type=Path, help="File to write.")
        parser.add_argument("--theme", type=int, help="Only this theme (its id).")
        parser.add_argument("--lead", type=int, help="Only actions this organisation leads.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for strategy in Strategy.objects.order_by("slug"):
                self.stdout.write(f"{strategy.slug}\t{read(strategy, 'title', 'en').text}")
            return
        strategy = self._strategy(options["strategy"])
        period = parse_period(options["period"] or "")
        if period is None:
            raise unusable(
                f'Bad period {options["period"]!r}: use a financial year such as "2018/19" '
                'or a quarter such as "2025/26 Q2".'
            )
        format_name = options["format"]
        if format_name not in FORMATS:
            raise unusable(f"Bad format {format_name!r}: use {', '.join(FORMATS)}.")
        language = options["language"]
        if language not in {code for code, _name in settings.LANGUAGES}:
            raise unusable(f"Bad language {language!r}: use en or cy.")
        output: Path | None = options["output"]
        if output is None:
            raise unusable("Give the file to write with --output.")
        report = gather(
            strategy,
            period,
            language=language,
            filters=ReportFilters(theme_id=options["theme"], lead_id=options["lead"]),
        )
        try:
            output.write_bytes(render(report, format_name))
        except OSError as error:
            raise unusable(f"Cannot write {output}: {error.strerror}") from error
        self.stdout.write(f"Wrote {output} ({report.row_count} actions)")

    def _strategy(self, slug: str | None) -> Strategy:
        if not slug:
            raise unusable("Give the strategy with --strategy SLUG (see --list).")
        strategy = Strategy.objects.select_related("partnership").filter(slug=slug).first()
        if strategy is None:
            raise unusable(f"Unknown strategy {slug!r} (see --list).")
        return strategy
