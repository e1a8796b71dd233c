"""The demo's history: the 2018–2023 strategy with its closed 2018/19 round, and the national plan.

Both are read from the reference documents by the plan importer, like the 2023–2028 plan:

- The Cardiff and Vale 2018/19 progress report becomes the partnership's previous strategy,
  and its account of the year becomes a closed "2018/19" progress round: each action the report
  reports on gets an approved update, the first action of each section carrying the report's
  paragraphs about that section (the importer's topic: the words in bold or italics). The
  report's "Date to be amended" and "Change activity to: …" notes become approved changes, so
  the plan's history shows them with the round as their source. Actions under "Future
  activity" are due after the period and get no update. The report's written content for
  2018/19 is the document's: its introduction, and each theme's paragraphs after its
  "Future activity" table (and any after its table about no section).
- The Welsh Government's delivery framework becomes the published plan of a national
  partnership: its objectives with their "We will" actions.

The text of the report lost its RAG colours (a stray glyph stands where each circle was), so
the ratings here are set by hand and every narrative says so: "(demonstration value)" in
English, "(gwerth arddangos)" in Welsh. They are never the partnership's own ratings.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from vawdasv.audit import services as audit_services
from vawdasv.audit.origins import Origin, OriginKind
from vawdasv.imports.model import ParsedAction, ParsedPlan, PlanCounts
from vawdasv.imports.report_writing import ReportWriting, report_writing
from vawdasv.imports.services import actions_in_document_order, import_plan
from vawdasv.imports.text_tables import parse
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.enums import StrategyStatus
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress import services as progress_services
from vawdasv.progress.enums import RagStatus
from vawdasv.progress.models import NarrativeTreatment, ProgressRound, ProgressUpdate, ReportText
from vawdasv.progress.report.text import save_report_text

REPORT_FILE = "cardiff-vale-vawdasv-action-plan-progress-report-2018-19.txt"
FRAMEWORK_FILE = "welsh-government-vawdasv-delivery-framework-2018-21.txt"
REQUIRED_FILES = (REPORT_FILE, FRAMEWORK_FILE)

PREVIOUS_STRATEGY_SLUG = "cardiff-vale-2018-2023"
PREVIOUS_SOURCE = Origin(OriginKind.PLAN_IMPORT, detail=REPORT_FILE)
PERIOD = "2018/19"
ROUND_DEADLINE = datetime.date(2019, 5, 31)  # the report was produced in May 2019

NATIONAL_PARTNERSHIP_SLUG = "wales-national"
NATIONAL_STRATEGY_SLUG = "wales-national-2018-2021"
NATIONAL_SOURCE = Origin(OriginKind.PLAN_IMPORT, detail=FRAMEWORK_FILE)

DEMONSTRATION_EN = "(demonstration value)"
DEMONSTRATION_CY = "(gwerth arddangos)"

# Where the report names no new date after "Date to be amended", the end of the next year.
DEFAULT_AMENDED_TIMESCALE = "March 2020"

# The ratings shown for the round, chosen by hand from what each paragraph says, keyed by the
# start of the action's text. Demonstration values only: the report's own colours are lost.
DEMONSTRATION_RAG: dict[str, str] = {
    "Continually improve data collection": RagStatus.GREEN,
    "Implement and continually review governance": RagStatus.GREEN,
    "Continually review the guidance and approach": RagStatus.AMBER,
    "Deliver local campaigns to highlight safe use": RagStatus.AMBER,
    "Encourage and support more victims": RagStatus.GREEN,
    "Provide a male IDSVA": RagStatus.AMBER,
    "Work with the South Wales Police & Crime Commissioner": RagStatus.AMBER,
    "Liaise with the Judicial College": RagStatus.AMBER,
    "Review the effectiveness of the Ty Tarian": RagStatus.GREEN,
    "Develop close working arrangements": RagStatus.GREEN,
    "Remain committed to mainstreaming the IRIS": RagStatus.AMBER,
    "Raise awareness of consent": RagStatus.GREEN,
    "Improve awareness of stalking": RagStatus.GREEN,
    "Implement any Welsh Government policy changes": RagStatus.RED,
    "Further promote Disclosure Schemes": RagStatus.GREEN,
    "Work with campaigners": RagStatus.AMBER,
    "Work with partners to ensure continuous improvement": RagStatus.GREEN,
    "Closely monitor the specialist service response": RagStatus.GREEN,
    "Improve the quality of MARAC referrals": RagStatus.AMBER,
    "Continually monitor the use of crisis": RagStatus.GREEN,
    "Commission a specialist male victim service": RagStatus.AMBER,
    "Review the findings of the 'Beyond the Gaze'": RagStatus.GREEN,
    "Actively participate in a range of meaningful research": RagStatus.GREEN,
    "Raise awareness of available support services": RagStatus.AMBER,
    "Ensure services are responsive to LGBTQ+": RagStatus.GREEN,
}
_RAG_EN = {RagStatus.RED: "Red", RagStatus.AMBER: "Amber", RagStatus.GREEN: "Green"}
_RAG_CY = {RagStatus.RED: "Coch", RagStatus.AMBER: "Ambr", RagStatus.GREEN: "Gwyrdd"}

_DATE_NOTE = re.compile(r"dates? to be amended|dyddiad i'w ddiwygio", re.IGNORECASE)
_CHANGE_NOTE = re.compile(r"^(?:change activity to|newid y gweithgaredd i):?\s*", re.IGNORECASE)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NEW_DATE = re.compile(rf"\bby (?:the end of )?((?:{_MONTHS}) \d{{4}})\b")
_BY_DATE_AT_END = re.compile(rf"^(.*?)\s+by\s+((?:{_MONTHS}) \d{{4}})\.?$")


class _Marker:
    """The sentence every demonstration narrative ends with, in each language."""

    @staticmethod
    def english(rag: str) -> str:
        return (
            f"RAG status: {_RAG_EN[RagStatus(rag)]} {DEMONSTRATION_EN}. The published report "
            "showed its ratings as coloured circles that were lost when it was converted to "
            "text, so this rating was set by hand for the demonstration. It is not the "
            "partnership’s own rating."
        )

    @staticmethod
    def welsh(rag: str) -> str:
        return (
            f"Statws RAG: {_RAG_CY[RagStatus(rag)]} {DEMONSTRATION_CY}. Dangosodd yr adroddiad "
            "a gyhoeddwyd ei sgoriau fel cylchoedd lliw a gollwyd wrth ei droi’n destun, felly "
            "gosodwyd y sgôr hon â llaw ar gyfer yr arddangosiad. Nid sgôr y bartneriaeth ei "
            "hun yw hi. Mae naratif yr adroddiad ar gael yn Saesneg yn unig."
        )


@dataclass(frozen=True)
class ReportedAction:
    """What the 2018/19 report says about one action, as the round's update will record it."""

    theme: str
    section: str
    action: ParsedAction
    narrative: str | None = None
    told_with_section: bool = False  # the section's paragraphs are on its first action
    new_timescale: str | None = None
    timescale_reason: str = ""
    new_text: str | None = None

    @property
    def rag(self) -> str:
        if self.new_timescale or self.new_text:
            return RagStatus.AMBER  # the activity needs a change, as the report's key says
        for start, rag in DEMONSTRATION_RAG.items():
            if self.action.text.startswith(start):
                return rag
        return RagStatus.AMBER

    def update_data(self) -> dict[str, Any]:
        paragraph = self.narrative or (
            "The 2018/19 progress report’s paragraphs on this section are recorded with the "
            "section’s first action."
            if self.told_with_section
            else "The 2018/19 progress report has no paragraph on this action."
        )
        data: dict[str, Any] = {
            "rag": self.rag,
            "narrative_en": f"{paragraph}\n\n{_Marker.english(self.rag)}",
            "narrative_cy": _Marker.welsh(self.rag),
        }
        if self.new_timescale:
            data["proposed_timescale_text"] = self.new_timescale
            data["proposed_timescale_reason"] = self.timescale_reason
        if self.new_text:
            data["proposed_text_en"] = self.new_text
        return data


@dataclass(frozen=True)
class HistoryResult:
    previous_strategy: Strategy
    previous_counts: PlanCounts
    progress_round: ProgressRound
    updates: int
    timescale_changes: int
    rewordings: int
    national_strategy: Strategy
    national_counts: PlanCounts


def reported_actions(parsed: ParsedPlan) -> list[ReportedAction]:
    """The actions the report reports on (not its future activity), with what it says of each.

    The paragraphs about a section (the importer's `topic`) go with the section's first
    action, so the report prints them once under the section's name; their notes ("Dates to
    be amended") apply to every action of the section.
    """
    writing = report_writing(parsed)
    result: list[ReportedAction] = []
    for theme in parsed.themes:
        written = writing.theme(theme.name)
        told: set[str] = set()
        for commitment in theme.commitments:
            section = commitment.text
            for action in commitment.actions:
                if action.future_activity:
                    continue
                paragraph = written.section_text(section) or None
                shown = paragraph if section not in told else None
                told.add(section)
                notes = written.notes.get(section, []) if paragraph else []
                result.append(_reported(theme.name, section, action, paragraph, shown, notes))
    return result


def _reported(
    theme: str,
    section: str,
    action: ParsedAction,
    paragraph: str | None,
    shown: str | None,
    notes: list[str],
) -> ReportedAction:
    if paragraph is None:
        return ReportedAction(theme=theme, section=section, action=action)
    new_timescale: str | None = None
    reason = ""
    new_text: str | None = None
    for note in notes:
        if _DATE_NOTE.fullmatch(note) and action.timescale_kind == "date":
            stated = _NEW_DATE.search(paragraph)
            new_timescale = stated.group(1) if stated else DEFAULT_AMENDED_TIMESCALE
            reason = (
                f"The 2018/19 progress report notes “{note}” and says the work is now due "
                f"by {new_timescale}."
                if stated
                else f"The 2018/19 progress report notes “{note}” without a new date; "
                f"{new_timescale}, the end of 2019/20, is a {DEMONSTRATION_EN[1:-1]}."
            )
        elif _CHANGE_NOTE.match(note):
            changed = _CHANGE_NOTE.sub("", note).strip()
            if dated := _BY_DATE_AT_END.match(changed):
                changed, new_timescale = dated.group(1), dated.group(2)
                reason = f"The 2018/19 progress report changed the activity: “{note}”."
            new_text = changed[:1].upper() + changed[1:]
    return ReportedAction(
        theme=theme,
        section=section,
        action=action,
        narrative=shown,
        told_with_section=shown is None,
        new_timescale=new_timescale,
        timescale_reason=reason,
        new_text=new_text,
    )


def _read(directory: Path, name: str) -> ParsedPlan:
    return parse((directory / name).read_text(encoding="utf-8-sig"))


def _forget(partnership: Partnership, models: Iterable[type]) -> None:
    """Drop the history of objects of these kinds that no longer exist in the partnership.

    Rebuilding the demo deletes its plans (and with them their rounds and updates); their
    audit entries would otherwise pile up on each run.
    """
    audit_services.forget_demo_history(partnership=partnership, kinds=models)


def load_previous_strategy(
    *, directory: Path, partnership: Partnership, administrator: Any
) -> tuple[Strategy, PlanCounts, ProgressRound, list[ReportedAction]]:
    """Import the 2018/19 report as the 2018–2023 strategy and replay its closed round."""
    parsed = _read(directory, REPORT_FILE)
    Strategy.objects.filter(slug=PREVIOUS_STRATEGY_SLUG).delete()
    _forget(
        partnership,
        (Strategy, Theme, Commitment, Action, ProgressRound, ProgressUpdate, ReportText),
    )
    strategy = import_plan(
        actor=administrator,
        partnership=partnership,
        parsed=parsed,
        strategy_data={
            "slug": PREVIOUS_STRATEGY_SLUG,
            "title_cy": (
                "Strategaeth Trais yn erbyn Menywod, Cam-drin Domestig a Thrais Rhywiol "
                "Caerdydd a Bro Morgannwg 2018–2023"
            ),
            "start_year": 2018,
            "end_year": 2023,
            "status": StrategyStatus.PUBLISHED,
        },
        source=PREVIOUS_SOURCE,
    )
    by_parsed = dict(
        zip(map(id, parsed.actions()), actions_in_document_order(strategy), strict=True)
    )
    progress_round = progress_services.open_round(
        actor=administrator, strategy=strategy, period_label=PERIOD, deadline=ROUND_DEADLINE
    )
    reported = reported_actions(parsed)
    for item in reported:
        update = progress_services.submit_update(
            actor=administrator,
            progress_round=progress_round,
            action=by_parsed[id(item.action)],
            data=item.update_data(),
        )
        progress_services.approve_update(actor=administrator, update=update)
    progress_round = progress_services.close_round(
        actor=administrator, progress_round=progress_round
    )
    save_report_text(
        actor=administrator,
        strategy=strategy,
        period_label=PERIOD,
        data=_report_text(strategy, parsed, reported, by_parsed),
    )
    return strategy, parsed.counts(), progress_round, reported


# Said at the end of the report's introduction: the report's ratings are not the partnership's.
DEMONSTRATION_NOTE = (
    f"The RAG ratings in this report are demonstration values {DEMONSTRATION_EN}: the "
    "published report showed them as coloured circles that were lost when it was converted to "
    "text, so they were set by hand for the demonstration. The rest of this text is the "
    "published report’s."
)


def _report_text(
    strategy: Strategy,
    parsed: ParsedPlan,
    reported: list[ReportedAction],
    by_parsed: dict[int, Action],
) -> dict[str, str]:
    """The 2018/19 report's written content, as the regional team would enter it: the
    document's introduction, each theme's paragraphs about no section after its table, its
    paragraphs after "Future activity", and the narratives of actions whose section's
    paragraphs are told with another action left out (so each is printed once)."""
    writing: ReportWriting = report_writing(parsed)
    introduction = writing.introduction
    data = {"introduction_en": f"{introduction}\n\n{DEMONSTRATION_NOTE}".strip()}
    themes = Theme.objects.filter(strategy=strategy).order_by("order", "pk")
    for theme, parsed_theme in zip(themes, parsed.themes, strict=True):
        written = writing.theme(parsed_theme.name)
        data[f"theme_{theme.pk}_narrative_en"] = written.narrative
        data[f"theme_{theme.pk}_future_en"] = written.future_narrative
    for item in reported:
        if item.told_with_section:
            action = by_parsed[id(item.action)]
            data[f"action_{action.pk}_treatment"] = NarrativeTreatment.LEAVE_OUT
    return data


def load_national_framework(*, directory: Path, actor: Any) -> tuple[Strategy, PlanCounts]:
    """The Welsh Government delivery framework as the national partnership's published plan."""
    parsed = _read(directory, FRAMEWORK_FILE)
    partnership, _created = Partnership.objects.update_or_create(
        slug=NATIONAL_PARTNERSHIP_SLUG,
        defaults={
            "name_en": "Welsh Government VAWDASV national framework",
            "name_cy": "Fframwaith cenedlaethol VAWDASV Llywodraeth Cymru",
            "region": None,
        },
    )
    Strategy.objects.filter(partnership=partnership).delete()
    _forget(partnership, (Strategy, Theme, Commitment, Action))
    strategy = import_plan(
        actor=actor,
        partnership=partnership,
        parsed=parsed,
        strategy_data={
            "slug": NATIONAL_STRATEGY_SLUG,
            "title_en": (
                "National Strategy on Violence against Women, Domestic Abuse and Sexual "
                "Violence: Cross Government Delivery Framework 2018–2021"
            ),
            "title_cy": (
                "Strategaeth Genedlaethol ar Drais yn erbyn Menywod, Cam-drin Domestig a Thrais "
                "Rhywiol: Fframwaith Cyflawni Trawslywodraethol 2018–2021"
            ),
            "start_year": 2018,
            "end_year": 2021,
            "status": StrategyStatus.PUBLISHED,
        },
        source=NATIONAL_SOURCE,
    )
    return strategy, parsed.counts()


def load_demo_history(
    *, directory: Path, partnership: Partnership, administrator: Any, platform_admin: Any
) -> HistoryResult:
    """Build the previous strategy with its closed round, and the national framework.

    Runs inside the load-demo transaction; each run replaces what the last one built.
    """
    previous, counts, progress_round, reported = load_previous_strategy(
        directory=directory, partnership=partnership, administrator=administrator
    )
    national, national_counts = load_national_framework(directory=directory, actor=platform_admin)
    return HistoryResult(
        previous_strategy=previous,
        previous_counts=counts,
        progress_round=progress_round,
        updates=len(reported),
        timescale_changes=sum(1 for item in reported if item.new_timescale),
        rewordings=sum(1 for item in reported if item.new_text),
        national_strategy=national,
        national_counts=national_counts,
    )


def summary_lines(result: HistoryResult) -> list[str]:
    """What load-demo prints about the history, after the 2023–2028 plan's lines."""
    previous, national = result.previous_strategy, result.national_strategy
    return [
        _("%(title)s (%(period)s), published at %(url)s")
        % {
            "title": previous.title_en,
            "period": previous.period_label,
            "url": previous.get_absolute_url(),
        },
        _("Themes: %(themes)s, commitments: %(commitments)s, actions: %(actions)s.")
        % {
            "themes": result.previous_counts.themes,
            "commitments": result.previous_counts.commitments,
            "actions": result.previous_counts.actions,
        },
        _(
            "%(period)s progress round closed. Approved updates: %(updates)s (their RAG "
            "ratings are demonstration values); amended timescales: %(timescales)s; changed "
            "activities: %(rewordings)s."
        )
        % {
            "period": result.progress_round.period_label,
            "updates": result.updates,
            "timescales": result.timescale_changes,
            "rewordings": result.rewordings,
        },
        _("%(title)s (%(period)s), published at %(url)s")
        % {
            "title": national.title_en,
            "period": national.period_label,
            "url": national.get_absolute_url(),
        },
        _("Themes: %(themes)s, commitments: %(commitments)s, actions: %(actions)s.")
        % {
            "themes": result.national_counts.themes,
            "commitments": result.national_counts.commitments,
            "actions": result.national_counts.actions,
        },
    ]
