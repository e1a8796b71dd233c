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
from vawdasv.plans.models import Action, Strategy, Theme
from vawdasv.progress.models import (
    NarrativeTreatment,
    ReportNarrativeChoice,
    ReportText,
    ThemeReportText,
)
from vawdasv.progress.periods import ReportingPeriod, parse_period

LANGUAGES = ("en", "cy")
THEME_FIELDS = ("narrative", "future")


@dataclass
class WrittenText:
    """The texts as a form and the report read them: "introduction_en", "narrative_en"…"""

    introduction: dict[str, str] = field(default_factory=dict)  # "introduction_cy" → text
    themes: dict[int, dict[str, str]] = field(default_factory=dict)  # theme id → "future_cy"…
    # action id → {"treatment": …, "short_en": …, "short_cy": …}; only this period's own choices,
    # as the narratives are this period's updates.
    narratives: dict[int, dict[str, str]] = field(default_factory=dict)
    saved: bool = False  # False: these are the previous period's words, or empty
    copied_from: str = ""  # the period the words come from, when not saved for this one
    # The rows the words were read from (the report's text and its themes'), for their
    # translation state (core/translation_state).
    rows: list[ReportText | ThemeReportText] = field(default_factory=list)

    def translation_rows(self) -> dict[str, tuple[ReportText | ThemeReportText, str]]:
        """Form field stem ("introduction", "theme_<id>_future") → its row and field."""
        found: dict[str, tuple[ReportText | ThemeReportText, str]] = {}
        for row in self.rows:
            if isinstance(row, ThemeReportText):
                for name in THEME_FIELDS:
                    found[f"theme_{row.theme_id}_{name}"] = (row, name)
            else:
                found["introduction"] = (row, "introduction")
        return found


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
        rows=[source],
    )
    if result.saved:
        for choice in source.narrative_choices.all():
            result.narratives[choice.action_id] = {
                "treatment": choice.treatment,
                "short_en": choice.short_en,
                "short_cy": choice.short_cy,
            }
    for theme_text in source.themes.all():
        result.rows.append(theme_text)
        result.themes[theme_text.theme_id] = {
            f"{name}_{lang}": getattr(theme_text, f"{name}_{lang}")
            for name in THEME_FIELDS
            for lang in LANGUAGES
        }
    return result


def _snapshot(
    report_text: ReportText,
    theme_texts: dict[int, ThemeReportText],
    choices: dict[int, ReportNarrativeChoice],
) -> dict[str, str]:
    values = {
        f"introduction_{lang}": getattr(report_text, f"introduction_{lang}") for lang in LANGUAGES
    }
    for action_id, choice in choices.items():
        values[f"action_{action_id}_treatment"] = choice.treatment
        for lang in LANGUAGES:
            values[f"action_{action_id}_short_{lang}"] = getattr(choice, f"short_{lang}")
    for theme_id, theme_text in theme_texts.items():
        for name in THEME_FIELDS:
            for lang in LANGUAGES:
                values[f"theme_{theme_id}_{name}_{lang}"] = getattr(theme_text, f"{name}_{lang}")
    return values


def _narrative_choices(
    report_text: ReportText, strategy: Strategy, data: Mapping[str, str]
) -> dict[int, ReportNarrativeChoice]:
    """The choices named in `data` ("action_<id>_treatment"), for actions of this strategy."""
    wanted: set[int] = set()
    for key in data:
        if key.startswith("action_") and key.endswith("_treatment"):
            number = key[len("action_") : -len("_treatment")]
            if number.isdigit():
                wanted.add(int(number))
    if not wanted:
        return {}
    actions = Action.objects.for_strategy(strategy).filter(pk__in=wanted)
    existing = {c.action_id: c for c in report_text.narrative_choices.select_for_update()}
    return {
        action.pk: existing.get(action.pk)
        or ReportNarrativeChoice(report_text=report_text, action=action)
        for action in actions
    }


def _apply_choices(choices: dict[int, ReportNarrativeChoice], data: Mapping[str, str]) -> None:
    for action_id, choice in choices.items():
        treatment = str(data.get(f"action_{action_id}_treatment") or NarrativeTreatment.INCLUDE)
        if treatment not in NarrativeTreatment.values:
            raise ValidationError(_("Choose how each narrative goes into the report."))
        choice.treatment = treatment
        for lang in LANGUAGES:
            value = str(data.get(f"action_{action_id}_short_{lang}", "")).strip()
            setattr(choice, f"short_{lang}", value)
        if treatment == NarrativeTreatment.SHORTEN and not (choice.short_en or choice.short_cy):
            raise ValidationError(
                _("Write the shortened narrative for each narrative you chose to shorten.")
            )


@transaction.atomic
def save_report_text(
    *, actor: Any, strategy: Strategy, period_label: str, data: Mapping[str, str]
) -> ReportText:
    """Save the period's written content from form data ("introduction_en",
    "theme_<id>_narrative_cy", "action_<id>_treatment"…); one audit entry lists every field
    that changed."""
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
    choices = _narrative_choices(report_text, strategy, data)
    before = {} if created else _snapshot(report_text, theme_texts, choices)
    _apply_choices(choices, data)
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
    for choice in choices.values():
        choice.save()
    after = _snapshot(report_text, theme_texts, choices)
    changes = audit.diff(before, after)
    if changes or created:
        kernel.record(
            actor=actor,
            instance=report_text,
            verb=Verb.CREATED if created else Verb.UPDATED,
            changes=changes,
            partnership=strategy.partnership,
        )
    return report_text
