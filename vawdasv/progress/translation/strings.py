"""Every bilingual text of a strategy a translator may work on, with a stable key and its state."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from vawdasv.core import translation_state
from vawdasv.core.translation_state import State
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress.enums import UpdateState
from vawdasv.progress.models import ProgressUpdate, ReportText, ThemeReportText

# The key's first part names the kind of row; these words are part of the file format.
KINDS: dict[str, type[models.Model]] = {
    "strategy": Strategy,
    "theme": Theme,
    "commitment": Commitment,
    "action": Action,
    "update": ProgressUpdate,
    "report": ReportText,
    "report-theme": ThemeReportText,
}
_KIND_OF = {model: kind for kind, model in KINDS.items()}


@dataclass(frozen=True)
class TranslationString:
    key: str  # "action:12:text"
    where: str  # for people, in the reader's language
    english: str
    welsh: str
    state: State
    instance: models.Model
    field: str

    @property
    def english_fingerprint(self) -> str:
        return translation_state.fingerprint(self.english)


def key_of(instance: models.Model, field: str) -> str:
    return f"{_KIND_OF[type(instance)]}:{instance.pk}:{field}"


def _field_label(instance: models.Model, field: str) -> str:
    """The field's own name ("aim (English)" without the language), in the reader's language."""
    model_field = instance._meta.get_field(f"{field}_en")
    label = str(getattr(model_field, "verbose_name", field))
    return label.split(" (")[0]


def _where(instance: models.Model) -> str:
    if isinstance(instance, Strategy):
        return _("Plan")
    if isinstance(instance, Theme):
        return _("Theme “%(name)s”") % {"name": instance.text("name").text}
    if isinstance(instance, Commitment):
        return _("Commitment %(ref)s") % {"ref": instance.ref or instance.pk}
    if isinstance(instance, Action):
        return _("Action %(ref)s") % {"ref": instance.ref or instance.pk}
    if isinstance(instance, ProgressUpdate):
        return _("%(period)s update on action %(ref)s") % {
            "period": instance.progress_round.period_label,
            "ref": instance.action.ref or instance.action_id,
        }
    if isinstance(instance, ReportText):
        return _("%(period)s report") % {"period": instance.period_label}
    assert isinstance(instance, ThemeReportText)
    return _("%(period)s report, theme “%(name)s”") % {
        "period": instance.report_text.period_label,
        "name": instance.theme.text("name").text,
    }


def _rows(strategy: Strategy) -> Iterator[models.Model]:
    """The strategy's rows holding texts, in reading order (a fixed number of queries)."""
    yield strategy
    yield from Theme.objects.filter(strategy=strategy).order_by("order", "pk")
    yield from Commitment.objects.filter(theme__strategy=strategy).order_by(
        "theme__order", "theme", "order", "pk"
    )
    yield from Action.objects.for_strategy(strategy).order_by(
        "commitment__theme__order",
        "commitment__theme",
        "commitment__order",
        "commitment",
        "order",
        "pk",
    )
    # Approved updates only: they are what reports and pages show; drafts are still being written.
    yield from (
        ProgressUpdate.objects.filter(
            action__commitment__theme__strategy=strategy, state=UpdateState.APPROVED
        )
        .select_related("progress_round", "action")
        .order_by("progress_round__period_start", "action__ref", "pk")
    )
    yield from ReportText.objects.filter(strategy=strategy).order_by("period_label")
    yield from (
        ThemeReportText.objects.filter(report_text__strategy=strategy)
        .select_related("report_text", "theme")
        .order_by("report_text__period_label", "theme__order", "pk")
    )


def strategy_strings(strategy: Strategy) -> list[TranslationString]:
    """Every text of the strategy that has English, with its translation state."""
    rows = list(_rows(strategy))
    marks = translation_state.marks_for(rows)
    strings = []
    for instance in rows:
        place = _where(instance)
        for field in translation_state.tracked_fields(type(instance)):
            state = marks.state(instance, field)
            if state is None:
                continue
            strings.append(
                TranslationString(
                    key=key_of(instance, field),
                    where=f"{place} – {_field_label(instance, field)}",
                    english=getattr(instance, f"{field}_en"),
                    welsh=getattr(instance, f"{field}_cy") or "",
                    state=state,
                    instance=instance,
                    field=field,
                )
            )
    return strings


def counts(strings: list[TranslationString]) -> translation_state.StateCounts:
    by_state = {state: 0 for state in State}
    for string in strings:
        by_state[string.state] += 1
    return translation_state.StateCounts(
        translated=by_state[State.TRANSLATED],
        not_translated=by_state[State.NOT_TRANSLATED],
        english_changed=by_state[State.ENGLISH_CHANGED],
    )
