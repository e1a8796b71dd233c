"""Every progress update of a strategy as a spreadsheet (.xlsx) or a CSV file, one row per update.

Regional teams keep their own trackers in Excel; this gives them every round's updates to sort,
filter and chart themselves. Column headings and plan text follow the reader's language; both
narratives (English and Welsh) are always included.

Narratives are free text typed by many people, so both files are written through
`vawdasv.lib.tabular`, which keeps text that looks like a formula inert and drops characters a
spreadsheet cannot hold.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from vawdasv.lib import tabular
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Action, Strategy
from vawdasv.plans.timescales import label_of_text
from vawdasv.progress.models import ProgressUpdate
from vawdasv.progress.rag import rag_vocabulary

XLSX_CONTENT_TYPE = tabular.XLSX_CONTENT_TYPE
CSV_CONTENT_TYPE = tabular.CSV_CONTENT_TYPE

Cell = str | int | datetime.date | datetime.datetime | None


@dataclass(frozen=True)
class Column:
    heading: Callable[[], str]
    value: Callable[[ProgressUpdate], Cell]
    width: int = 18


def _person(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _moment(value: datetime.datetime | None) -> datetime.datetime | None:
    """Local time without a zone: spreadsheets have no time zones, and Wales reads local time."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _leads(action: Action) -> str:
    return "; ".join(str(org.text("name")) for org in action.lead_organisations.all())


def _rag_status(update: ProgressUpdate) -> str:
    """The rating in the partnership's own words (`rows` shares one strategy, so no queries)."""
    if not update.rag_status:
        return ""
    return rag_vocabulary(update.progress_round.strategy.partnership).choice_label(update.rag)


def _evidence(update: ProgressUpdate) -> str:
    """Each piece of evidence on a line: its description and the link or the file's name."""
    return "\n".join(
        f"{item.title} ({item.url or item.file_name})" for item in update.evidence.all()
    )


def _commitment(update: ProgressUpdate) -> str:
    commitment = update.action.commitment
    text = str(commitment.text("text"))
    return f"{commitment.ref} {text}".strip() if commitment.ref else text


COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Reporting period"), lambda u: u.progress_round.period_label, 14),
    Column(lambda: _("Theme"), lambda u: str(u.action.commitment.theme.text("name")), 16),
    Column(lambda: _("Commitment"), _commitment, 40),
    Column(lambda: _("Action reference"), lambda u: u.action.ref, 10),
    Column(lambda: _("Action"), lambda u: str(u.action.text("text")), 50),
    Column(lambda: _("Lead organisations"), lambda u: _leads(u.action), 30),
    Column(lambda: _("State"), lambda u: str(u.get_state_display())),
    Column(lambda: _("RAG code"), lambda u: u.rag, 10),
    Column(lambda: _("RAG status"), lambda u: _rag_status(u), 30),
    Column(lambda: _("Completed"), lambda u: _yes_no(u.completed), 10),
    Column(lambda: _("Progress (English)"), lambda u: u.narrative_en, 60),
    Column(lambda: _("Progress (Welsh)"), lambda u: u.narrative_cy, 60),
    Column(lambda: _("Proposed timescale"), lambda u: label_of_text(u.proposed_timescale_text)),
    Column(lambda: _("Reason for the new timescale"), lambda u: u.proposed_timescale_reason, 40),
    Column(lambda: _("Reworded action (English)"), lambda u: u.proposed_text_en, 40),
    Column(lambda: _("Reworded action (Welsh)"), lambda u: u.proposed_text_cy, 40),
    Column(
        lambda: _("Proposed as no longer relevant"),
        lambda u: _yes_no(u.proposed_no_longer_relevant),
        12,
    ),
    Column(lambda: _("Proposed new action (English)"), lambda u: u.proposed_new_action_en, 40),
    Column(lambda: _("Proposed new action (Welsh)"), lambda u: u.proposed_new_action_cy, 40),
    Column(
        lambda: _("Timescale for the proposed new action"),
        lambda u: label_of_text(u.proposed_new_action_timescale),
    ),
    Column(lambda: _("Evidence"), _evidence, 50),
    Column(lambda: _("Comment from the regional team"), lambda u: u.review_comment, 40),
    Column(lambda: _("Last changed by"), lambda u: _person(u.updated_by)),
    Column(lambda: _("Reviewed by"), lambda u: _person(u.reviewed_by)),
    Column(lambda: _("Submitted"), lambda u: _moment(u.submitted_at)),
    Column(lambda: _("Reviewed"), lambda u: _moment(u.reviewed_at)),
    Column(lambda: _("Last changed"), lambda u: _moment(u.updated_at)),
)


def updates_for(strategy: Strategy, viewer: Any) -> list[ProgressUpdate]:
    """The strategy's updates the viewer may see (drafts are private), oldest period first,
    then in plan order."""
    return list(
        ProgressUpdate.objects.filter(permissions.visible_updates(viewer))
        .filter(progress_round__strategy=strategy)
        .select_related("progress_round", "action__commitment__theme", "updated_by", "reviewed_by")
        .prefetch_related(
            Prefetch(
                "action__lead_organisations", queryset=Organisation.objects.order_by("name_en")
            ),
            "evidence",
        )
        .order_by(
            "progress_round__period_end",
            "progress_round__period_start",
            "action__commitment__theme__order",
            "action__commitment__order",
            "action__order",
            "action__pk",
        )
    )


def headings() -> list[str]:
    return [column.heading() for column in COLUMNS]


def rows(strategy: Strategy, viewer: Any) -> Iterator[list[Cell]]:
    for update in updates_for(strategy, viewer):
        update.progress_round.strategy = strategy  # the same object each time: no query a row
        yield [column.value(update) for column in COLUMNS]


def filename(strategy: Strategy, extension: str) -> str:
    return f"{strategy.slug}-progress-updates.{extension}"


# CSV -------------------------------------------------------------------------------------


def as_csv(strategy: Strategy, viewer: Any) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Welsh letters such as ŵ and ŷ correctly."""
    return tabular.csv_bytes([headings(), *rows(strategy, viewer)])


# Excel -----------------------------------------------------------------------------------


def as_xlsx(strategy: Strategy, viewer: Any) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = _("Progress updates")[:31]
    for cell in tabular.append_row(sheet, headings()):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows(strategy, viewer):
        for cell in tabular.append_row(sheet, row):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
