"""Everything the progress report says, gathered once and shared by the three renderers.

The board's progress report for a strategy and a reporting period: the title page, the vision
and aims, the RAG key, a summary of RAG ratings by theme, then per theme the actions reported on
(Section | We will | By | Progress) and the "Future activity", the changes made to the plan in
the period and the exceptions that need the board's attention.

Which actions are reported on, and where:
- An action is *reported on* in the period when its lead gave an approved update in the
  period's round, or it was due by the end of the period, or it has no date (ongoing,
  recurring, to be confirmed). The due date counted is the one the action had before any change
  made in the period's round, so an action whose date was moved on in the review still appears
  where the board expects it, with the change beside it.
- Every other action (due after the period, not reported on) is listed under "Future
  activity", as the board's report lists the key activities proposed for the next year.
- Actions completed or found no longer relevant in an earlier period are left out.
- Only approved updates are reported: drafts and updates waiting for review count as "no update".

The result is plain data (text already in the reader's language, labels already translated),
so the HTML page, the Word document and the PDF say the same thing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vawdasv.audit import services as audit_services
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.lib.bilingual import BilingualText, read
from vawdasv.lib.months import months_in_language
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Action, Strategy, Theme
from vawdasv.progress.enums import RagStatus
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.progress.periods import ReportingPeriod
from vawdasv.progress.rag import RagVocabulary, rag_vocabulary
from vawdasv.progress.report.as_at import closed_at, rewind
from vawdasv.progress.report.sections import ExtraSection, sections_for, theme_sections_for
from vawdasv.progress.report.text import written_text

NOT_RATED = ""  # the RAG "value" of an action without an approved rating


@dataclass(frozen=True)
class ReportFilters:
    theme_id: int | None = None
    lead_id: int | None = None


@dataclass(frozen=True)
class RagKeyEntry:
    value: str  # "red", "amber", "green", or "" for not rated
    word: str  # "Red", shown in the coloured cell so colour is never the only cue
    meaning: str  # "Red — poor or no progress, or no longer relevant"


@dataclass
class ReportRow:
    """One action as the report shows it."""

    action_id: int
    section: BilingualText  # the commitment ("We will …" statement) the action delivers
    section_ref: str
    we_will: BilingualText  # the action's text
    action_ref: str
    by: str  # the timescale as written in the plan, after any change made in the period
    leads: list[str]
    rag: str = NOT_RATED
    rag_word: str = ""
    narrative: BilingualText | None = None
    completed: bool = False
    no_longer_relevant: bool = False
    changes: list[str] = field(default_factory=list)

    @property
    def section_text(self) -> str:
        return " ".join(part for part in (self.section_ref, self.section.text) if part)

    @property
    def we_will_text(self) -> str:
        return " ".join(part for part in (self.action_ref, self.we_will.text) if part)


@dataclass
class ThemeReport:
    theme_id: int
    name: BilingualText
    aim: BilingualText
    rows: list[ReportRow]
    future: list[ReportRow]
    # What the regional team wrote (report/text.py): after the table, after "Future activity".
    narrative: BilingualText = field(default_factory=lambda: BilingualText("", "en", "en"))
    future_narrative: BilingualText = field(default_factory=lambda: BilingualText("", "en", "en"))
    # Sections other apps add inside the theme (progress/report/sections.py), such as
    # outcomes' headline data.
    extra_sections: list[ExtraSection] = field(default_factory=list)

    @property
    def narratives(self) -> list[tuple[str, list[BilingualText]]]:
        """The lead officers' narratives after the table, as the board's report prints them:
        under each section's name (the topic, in bold), in the table's order."""
        grouped: dict[str, list[BilingualText]] = {}
        for row in self.rows:
            if row.narrative is not None and row.narrative.text:
                grouped.setdefault(row.section_text, []).append(row.narrative)
        return list(grouped.items())


@dataclass(frozen=True)
class SummaryLine:
    """RAG counts of one theme's reported actions, in key order, then "not rated"."""

    name: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ChangeLine:
    theme: str
    action: str
    description: str


@dataclass(frozen=True)
class ExceptionLine:
    theme: str
    action: str
    by: str
    rag_word: str
    reasons: list[str]


@dataclass
class ProgressReport:
    language: str
    strategy_slug: str
    strategy_title: BilingualText
    partnership_name: BilingualText
    period: ReportingPeriod
    title: str
    produced: str  # "Document produced May 2019"
    as_at_text: str  # "Overdue actions are judged as at 31 March 2019."
    introduction: BilingualText  # written by the regional team for the period
    untranslated: int  # texts shown in the other language, told once in `untranslated_note`
    untranslated_note: str
    filters_text: list[str]
    vision: BilingualText
    aims: list[tuple[BilingualText, BilingualText]]  # theme name, aim
    rag_key: list[RagKeyEntry]
    summary_columns: list[RagKeyEntry]  # rag key plus "Not rated"
    summary: list[SummaryLine]
    summary_total: SummaryLine
    themes: list[ThemeReport]
    changes: list[ChangeLine]
    exceptions: list[ExceptionLine]
    has_round: bool
    labels: dict[str, str]
    # Sections registered by other apps (progress/report/sections.py), such as governance.
    extra_sections: list[ExtraSection] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) + len(t.future) for t in self.themes)


def _labels() -> dict[str, str]:
    """Headings and column names, translated once so every renderer uses the same words."""
    return {
        "vision": _("Vision"),
        "aims": _("Aims"),
        "key": _("RAG key"),
        "meaning": _("What it means"),
        "key_intro": _("This progress report uses the following RAG ratings throughout:"),
        "summary": _("Summary"),
        "summary_caption": _("Actions reported on, by theme and RAG status"),
        "chart_title": _("Chart: actions reported on, by theme and RAG status"),
        "theme": _("Theme"),
        "total": _("Total"),
        "section": _("Section"),
        "we_will": _("We will"),
        "by": _("By"),
        "progress": _("Progress"),
        "lead": _("Lead"),
        "future": _("Future activity"),
        "no_rows": _("No actions were due in this period."),
        "no_future": _("No further actions are planned under this theme."),
        "changes": _("Changes made in this period"),
        "no_changes": _("No changes were made to the plan in this period."),
        "action": _("Action"),
        "change": _("Change"),
        "exceptions": _("Exceptions"),
        "exceptions_intro": _(
            "Actions rated red, overdue, or without an approved update for this period."
        ),
        "no_exceptions": _("There are no exceptions in this period."),
        "reasons": _("Why it is listed"),
        "rag": _("RAG status"),
        "no_update": _("No update"),
        "no_round": _("No progress round has been run for this period, so no action is rated."),
        "not_translated": (
            _("Not yet translated into Welsh")
            if translation.get_language() == "cy"
            else _("Not yet translated into English")
        ),
        "contents": _("Contents"),
        "introduction": _("Introduction"),
        "toc_hint": _("Update this field (right-click, Update Field) to list the contents."),
    }


def _rag_key(words: RagVocabulary) -> list[RagKeyEntry]:
    """The key in the partnership's own words, in the report's language (not the reader's)."""
    return [RagKeyEntry(rag.value, words.label(rag), words.meaning(rag)) for rag in RagStatus]


def _report_title(period: ReportingPeriod) -> str:
    return _("Action plan progress report %(period)s") % {"period": period.label}


def _actions(strategy: Strategy, filters: ReportFilters) -> list[Action]:
    actions = (
        Action.objects.for_strategy(strategy)
        .select_related("commitment__theme")
        .prefetch_related(
            Prefetch("lead_organisations", queryset=Organisation.objects.order_by("name_en"))
        )
        .order_by("commitment__theme__order", "commitment__order", "order", "pk")
    )
    if filters.theme_id is not None:
        actions = actions.filter(commitment__theme_id=filters.theme_id)
    if filters.lead_id is not None:
        actions = actions.led_by(filters.lead_id).distinct()
    return list(actions)


def _approved_until(
    strategy: Strategy, period: ReportingPeriod, action_ids: list[int]
) -> list[ProgressUpdate]:
    """Approved updates of rounds ending by the period's end, oldest first (one query)."""
    return list(
        ProgressUpdate.objects.approved()
        .filter(
            progress_round__strategy=strategy,
            progress_round__period_end__lte=period.end,
            action_id__in=action_ids,
        )
        .select_related("progress_round")
        .order_by("progress_round__period_end", "progress_round__period_kind", "pk")
    )


def _round_entries(progress_round: ProgressRound | None, action_ids: list[int]) -> list[AuditEntry]:
    """Changes the round made to the plan: audit entries whose origin is the round (by key,
    so rewording or translating how a round is named never drops them from the report)."""
    if progress_round is None:
        return []
    return list(
        audit_services.from_origin(progress_round)
        .filter(content_type=ContentType.objects.get_for_model(Action), object_id__in=action_ids)
        .order_by("created_at", "pk")
    )


def _date(value: object) -> datetime.date | None:
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _plain(value: object) -> str:
    return str(value) if value not in (None, "") else _("not given")


# Kinds of change, so an update's proposal already told by the plan's history is not repeated.
ADDED, TIMESCALE, REWORDED, DROPPED = "added", "timescale", "reworded", "dropped"
PROPOSED_ACTION = "proposed-action"  # a new action proposed in this action's update


def _describe_entries(
    entries: Iterable[AuditEntry], update: ProgressUpdate | None, language: str
) -> list[tuple[str, str]]:
    """The plan changes of one action in plain words, e.g. "Timescale amended from … to …"."""
    lines: list[tuple[str, str]] = []
    for entry in entries:
        if entry.verb == Verb.CREATED:
            lines.append((ADDED, _("New action added")))
            continue
        changes = entry.changes
        if "timescale_text" in changes:
            change = changes["timescale_text"]
            line = _("Timescale amended from %(before)s to %(after)s") % {
                "before": months_in_language(_plain(change.get("before"))),
                "after": months_in_language(_plain(change.get("after"))),
            }
            if update is not None and update.proposed_timescale_reason.strip():
                line += " – " + _("reason: %(reason)s") % {
                    "reason": update.proposed_timescale_reason.strip()
                }
            lines.append((TIMESCALE, line))
        text_field = f"text_{language}"
        other_field = "text_cy" if language == "en" else "text_en"
        reworded = changes.get(text_field) or changes.get(other_field)
        if reworded:
            before, after = _plain(reworded["before"]), _plain(reworded["after"])
            # The board needs to see what was agreed before, not only the new wording.
            text = (
                _("Activity changed from “%(before)s” to: %(after)s")
                % {"before": before, "after": after}
                if before
                else _("Activity changed to: %(text)s") % {"text": after}
            )
            lines.append((REWORDED, text))
    return lines


def _describe_proposals(
    update: ProgressUpdate, action: Action, told: set[str], language: str
) -> list[tuple[str, str]]:
    """Approved proposals the plan's history does not already tell (no audit entry for them)."""
    lines: list[tuple[str, str]] = []
    if update.proposed_timescale_text and TIMESCALE not in told:
        if action.timescale_text and action.timescale_text != update.proposed_timescale_text:
            line = _("Timescale amended from %(before)s to %(after)s") % {
                "before": months_in_language(action.timescale_text),
                "after": months_in_language(update.proposed_timescale_text),
            }
        else:
            line = _("Timescale amended to %(after)s") % {
                "after": months_in_language(update.proposed_timescale_text)
            }
        if update.proposed_timescale_reason.strip():
            line += " – " + _("reason: %(reason)s") % {
                "reason": update.proposed_timescale_reason.strip()
            }
        lines.append((TIMESCALE, line))
    reworded = read(update, "proposed_text", language).text
    if reworded and REWORDED not in told:
        lines.append((REWORDED, _("Activity changed to: %(text)s") % {"text": reworded}))
    if update.proposed_no_longer_relevant:
        lines.append((DROPPED, _("No longer relevant")))
    if update.proposes_new_action:
        # Approving the update added the action to the plan; the board reads what and by when.
        lines.append(
            (
                PROPOSED_ACTION,
                _("New action added: %(text)s (by %(timescale)s)")
                % {
                    "text": read(update, "proposed_new_action", language).text,
                    "timescale": _plain(update.proposed_new_action_timescale),
                },
            )
        )
    return lines


def _due_before_period(action: Action, entries: list[AuditEntry]) -> datetime.date | None:
    """The due date the action had when the round began (before the round changed it)."""
    for entry in entries:
        change = entry.changes.get("due_date")
        if change is not None:
            return _date(change.get("before"))
    return action.due_date


def gather(
    strategy: Strategy,
    period: ReportingPeriod,
    *,
    language: str,
    filters: ReportFilters | None = None,
    today: datetime.date | None = None,
) -> ProgressReport:
    """Build the report in `language` ("en" or "cy") in a fixed number of queries."""
    filters = filters or ReportFilters()
    today = today or datetime.date.today()
    as_at = min(today, period.end)
    with translation.override(language):
        return _gather(strategy, period, language, filters, today, as_at)


def _gather(
    strategy: Strategy,
    period: ReportingPeriod,
    language: str,
    filters: ReportFilters,
    today: datetime.date,
    as_at: datetime.date,
) -> ProgressReport:
    themes = list(Theme.objects.filter(strategy=strategy).order_by("order", "pk"))
    if filters.theme_id is not None:
        themes = [t for t in themes if t.pk == filters.theme_id]
    progress_round = ProgressRound.objects.filter(
        strategy=strategy, period_label=period.label
    ).first()
    # The plan as the board saw it at the round's close, not as it stands today.
    actions = rewind(_actions(strategy, filters), closed_at(progress_round))
    ids = [a.pk for a in actions]

    this_round: dict[int, ProgressUpdate] = {}
    finished_before: set[int] = set()
    for approved in _approved_until(strategy, period, ids):
        if progress_round is not None and approved.progress_round_id == progress_round.pk:
            this_round[approved.action_id] = approved
        elif approved.completed or approved.proposed_no_longer_relevant:
            finished_before.add(approved.action_id)
        else:
            finished_before.discard(approved.action_id)  # a later update reopened it

    # Actions added from a proposal in this round: the proposing action's line tells the board,
    # so the new action's own "New action added" stays in its row and is not listed twice.
    added_from_proposals = {u.created_action_id for u in this_round.values() if u.created_action_id}
    entries_by_action: dict[int, list[AuditEntry]] = defaultdict(list)
    for entry in _round_entries(progress_round, ids):
        entries_by_action[entry.object_id].append(entry)

    words = rag_vocabulary(strategy.partnership_id, language)
    rag_words = {rag.value: words.label(rag) for rag in RagStatus}
    by_theme_rows: dict[int, list[ReportRow]] = defaultdict(list)
    by_theme_future: dict[int, list[ReportRow]] = defaultdict(list)
    changes: list[ChangeLine] = []
    exceptions: list[ExceptionLine] = []
    theme_names = {t.pk: read(t, "name", language).text for t in themes}

    for action in actions:
        if action.pk in finished_before and action.pk not in this_round:
            continue
        update = this_round.get(action.pk)
        entries = entries_by_action.get(action.pk, [])
        kinds_and_lines = _describe_entries(entries, update, language)
        if update is not None:
            told = {kind for kind, _line in kinds_and_lines}
            kinds_and_lines += _describe_proposals(update, action, told, language)
        described = [line for _kind, line in kinds_and_lines]
        row = ReportRow(
            action_id=action.pk,
            section=read(action.commitment, "text", language),
            section_ref=action.commitment.ref,
            we_will=read(action, "text", language),
            action_ref=action.ref,
            by=months_in_language(action.timescale_text) or _("Not given"),
            leads=[read(org, "name", language).text for org in action.lead_organisations.all()],
            rag=update.rag if update else NOT_RATED,
            rag_word=rag_words.get(update.rag, "") if update else "",
            narrative=read(update, "narrative", language) if update else None,
            completed=bool(update and update.completed),
            no_longer_relevant=bool(update and update.proposed_no_longer_relevant),
            changes=described,
        )
        theme_id = action.commitment.theme_id
        theme_name = theme_names.get(theme_id, "")
        for kind, line in kinds_and_lines:
            if kind == ADDED and action.pk in added_from_proposals:
                continue
            changes.append(ChangeLine(theme_name, row.we_will_text, line))
        due = _due_before_period(action, entries)
        if update is None and due is not None and due > period.end:
            by_theme_future[theme_id].append(row)
            continue
        by_theme_rows[theme_id].append(row)
        # Overdue against the date in force when the round closed: a date the board moved on
        # in the review is not overdue, one still passed by the period's end is.
        reasons = _exception_reasons(
            row, action.due_date, as_at, has_round=progress_round is not None
        )
        if reasons:
            exceptions.append(
                ExceptionLine(theme_name, row.we_will_text, row.by, row.rag_word, reasons)
            )

    written = written_text(strategy, period)
    for rows in [*by_theme_rows.values(), *by_theme_future.values()]:
        for row in rows:
            _edit_narrative(row, written.narratives.get(row.action_id), language)
    theme_extras = theme_sections_for(strategy, period.start, period.end, language)
    theme_reports = [
        ThemeReport(
            theme_id=t.pk,
            name=read(t, "name", language),
            aim=read(t, "aim", language),
            rows=by_theme_rows.get(t.pk, []),
            future=by_theme_future.get(t.pk, []),
            narrative=_pick(written.themes.get(t.pk, {}), "narrative", language),
            future_narrative=_pick(written.themes.get(t.pk, {}), "future", language),
            extra_sections=theme_extras.get(t.pk, []),
        )
        for t in themes
    ]
    introduction = _pick(written.introduction, "introduction", language)
    key = _rag_key(words)
    columns = [*key, RagKeyEntry(NOT_RATED, _("Not rated"), _("Not rated"))]
    summary = [
        SummaryLine(
            read(t, "name", language).text,
            tuple(sum(1 for r in by_theme_rows.get(t.pk, []) if r.rag == c.value) for c in columns),
        )
        for t in themes
    ]
    total = SummaryLine(
        _("Total"), tuple(sum(line.counts[i] for line in summary) for i in range(len(columns)))
    )
    strategy_title = read(strategy, "title", language)
    vision = read(strategy, "vision", language)
    untranslated = _count_untranslated([strategy_title, vision, introduction], theme_reports)
    return ProgressReport(
        language=language,
        strategy_slug=strategy.slug,
        strategy_title=strategy_title,
        partnership_name=read(strategy.partnership, "name", language),
        period=period,
        title=_report_title(period),
        produced=_("Document produced %(month)s")
        % {"month": date_format(today, "F Y", use_l10n=True)},
        as_at_text=_("The report is as at %(date)s: overdue actions are judged at that date.")
        % {"date": date_format(as_at, "j F Y", use_l10n=True)},
        introduction=introduction,
        untranslated=untranslated,
        untranslated_note=_untranslated_note(untranslated, language),
        filters_text=_filters_text(themes, filters, language),
        vision=vision,
        aims=[(read(t, "name", language), read(t, "aim", language)) for t in themes],
        rag_key=key,
        summary_columns=columns,
        summary=summary,
        summary_total=total,
        themes=theme_reports,
        changes=changes,
        exceptions=exceptions,
        has_round=progress_round is not None,
        labels=_labels(),
        extra_sections=sections_for(strategy, period.start, period.end, language),
    )


def _count_untranslated(texts: Iterable[BilingualText | None], themes: list[ThemeReport]) -> int:
    """How many of the report's texts fell back to the other language."""
    every: list[BilingualText | None] = list(texts)
    for theme in themes:
        every += [theme.name, theme.aim, theme.narrative, theme.future_narrative]
        for row in [*theme.rows, *theme.future]:
            every += [row.section, row.we_will, row.narrative]
    return sum(1 for text in every if text is not None and text.text and text.is_fallback)


def _untranslated_note(count: int, language: str) -> str:
    """One note at the start of the report, instead of a mark beside every untranslated text."""
    if not count:
        return ""
    if language == "cy":
        note = ngettext(
            "%(count)d text in this report has not yet been translated into Welsh and is shown "
            "in English.",
            "%(count)d texts in this report have not yet been translated into Welsh and are "
            "shown in English.",
            count,
        )
    else:
        note = ngettext(
            "%(count)d text in this report has not yet been translated into English and is "
            "shown in Welsh.",
            "%(count)d texts in this report have not yet been translated into English and are "
            "shown in Welsh.",
            count,
        )
    return note % {"count": count}


def _pick(values: dict[str, str], name: str, language: str) -> BilingualText:
    """A written text in the report's language, or the other language's when not translated."""
    other = "cy" if language == "en" else "en"
    if values.get(f"{name}_{language}"):
        return BilingualText(values[f"{name}_{language}"], language, language)
    return BilingualText(values.get(f"{name}_{other}", ""), other, language)


def _edit_narrative(row: ReportRow, choice: dict[str, str] | None, language: str) -> None:
    """The regional team's choice for a lead officer's narrative: as written, shortened, or
    left out of the report (the update itself keeps what the lead officer wrote)."""
    if choice is None or row.narrative is None:
        return
    if choice["treatment"] == "leave_out":
        row.narrative = None
    elif choice["treatment"] == "shorten":
        row.narrative = _pick(choice, "short", language)


def _exception_reasons(
    row: ReportRow, due: datetime.date | None, as_at: datetime.date, *, has_round: bool
) -> list[str]:
    """Why the board should look at an action: red, overdue, or no approved update."""
    reasons: list[str] = []
    if row.rag == RagStatus.RED:
        reasons.append(_("Rated red"))
    if due is not None and due < as_at and not row.completed and not row.no_longer_relevant:
        reasons.append(_("Overdue"))
    if row.rag == NOT_RATED:
        reasons.append(_("No update") if has_round else _("No progress round for this period"))
    return reasons


def _filters_text(themes: list[Theme], filters: ReportFilters, language: str) -> list[str]:
    lines: list[str] = []
    if filters.theme_id is not None and themes:
        lines.append(_("Theme: %(theme)s") % {"theme": read(themes[0], "name", language).text})
    if filters.lead_id is not None:
        organisation = Organisation.objects.filter(pk=filters.lead_id).first()
        if organisation is not None:
            lines.append(
                _("Lead organisation: %(organisation)s")
                % {"organisation": read(organisation, "name", language).text}
            )
    return lines


def report_language(language: str | None) -> str:
    """The report's language: "en" or "cy"; anything else falls back to the site's language."""
    codes = {code for code, _name in settings.LANGUAGES}
    if language in codes:
        return str(language)
    return settings.LANGUAGE_CODE[:2]
