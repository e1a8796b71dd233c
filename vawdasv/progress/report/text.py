"""The report's written content: the introduction and each theme's narratives, in both languages.

The regional team writes them on the report's text page before issuing. A period with no text
of its own starts from the latest earlier period's (the board's report changes a little each
year, so the team edits last year's words rather than starting again). Saving is one
transaction and one audit entry naming every field that moved, which is the text's history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.models import Verb
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy, Theme
from vawdasv.progress.models import ReportText, ThemeReportText
from vawdasv.progress.periods import ReportingPeriod, parse_period

LANGUAGES = ("en", "cy")
THEME_FIELDS = ("narrative", "future")


@dataclass
class WrittenText:
    """The texts as a form and the report read them: "introduction_en", "narrative_en"…"""

    introduction: dict[str, str] = field(default_factory=dict)  # "introduction_cy" → text
    themes: dict[int, dict[str, str]] = field(default_factory=dict)  # theme id → "future_cy"…
    saved: bool = False  # False: these are the previous period's words, or empty
    copied_from: str = ""  # the period the words come from, when not saved for this one


def _source(strategy: Strategy, period: ReportingPeriod) -> ReportText | None:
    """This period's text, or else the latest earlier period's."""
    own = ReportText.objects.filter(strategy=strategy, period_label=period.label).first()
    if own is not None:
        return own
    earlier: list[tuple[object, ReportText]] = []
    for text in ReportText.objects.filter(strategy=strategy):
        other = parse_period(text.period_label)
        if other is not None and other.end < period.end:
            earlier.append((other.end, text))
    return max(earlier, key=lambda pair: pair[0])[1] if earlier else None  # type: ignore[arg-type,return-value]


def written_text(strategy: Strategy, period: ReportingPeriod) -> WrittenText:
    """What the report says in its written parts for the period (three queries at most)."""
    source = _source(strategy, period)
    if source is None:
        return WrittenText()
    result = WrittenText(
        introduction={
            f"introduction_{lang}": getattr(source, f"introduction_{lang}") for lang in LANGUAGES
        },
        saved=source.period_label == period.label,
        copied_from="" if source.period_label == period.label else source.period_label,
    )
    for theme_text in source.themes.all():
        result.themes[theme_text.theme_id] = {
            f"{name}_{lang}": getattr(theme_text, f"{name}_{lang}")
            for name in THEME_FIELDS
            for lang in LANGUAGES
        }
    return result


def _snapshot(report_text: ReportText, theme_texts: dict[int, ThemeReportText]) -> dict[str, str]:
    values = {
        f"introduction_{lang}": getattr(report_text, f"introduction_{lang}") for lang in LANGUAGES
    }
    for theme_id, theme_text in theme_texts.items():
        for name in THEME_FIELDS:
            for lang in LANGUAGES:
                values[f"theme_{theme_id}_{name}_{lang}"] = getattr(theme_text, f"{name}_{lang}")
    return values


@transaction.atomic
def save_report_text(
    *, actor: Any, strategy: Strategy, period_label: str, data: Mapping[str, str]
) -> ReportText:
    """Save the period's written content from form data ("introduction_en",
    "theme_<id>_narrative_cy"…); one audit entry lists every field that changed."""
    kernel.require(permissions.can_write_report_text(actor, strategy.partnership_id))
    period = parse_period(period_label)
    if period is None:
        raise ValidationError(_("The reporting period is not valid."))
    report_text, created = ReportText.objects.select_for_update().get_or_create(
        strategy=strategy, period_label=period.label
    )
    themes = list(Theme.objects.filter(strategy=strategy).order_by("order", "pk"))
    existing = {t.theme_id: t for t in report_text.themes.select_for_update()}
    theme_texts = {
        theme.pk: existing.get(theme.pk) or ThemeReportText(report_text=report_text, theme=theme)
        for theme in themes
    }
    before = {} if created else _snapshot(report_text, theme_texts)
    for lang in LANGUAGES:
        name = f"introduction_{lang}"
        setattr(report_text, name, str(data.get(name, "")).strip())
    report_text.save()
    for theme_id, theme_text in theme_texts.items():
        for name in THEME_FIELDS:
            for lang in LANGUAGES:
                value = str(data.get(f"theme_{theme_id}_{name}_{lang}", "")).strip()
                setattr(theme_text, f"{name}_{lang}", value)
        theme_text.save()
    after = _snapshot(report_text, theme_texts)
    changes = audit.diff(before, after)
    if changes or created:
        audit.record(
            actor=actor,
            instance=report_text,
            verb=Verb.CREATED if created else Verb.UPDATED,
            changes=changes,
            partnership=strategy.partnership,
        )
    return report_text
