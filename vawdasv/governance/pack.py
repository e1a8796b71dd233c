"""The meeting pack: agenda, progress on the group's actions, open action-log items and papers,
as a Word document or a PDF, in English or Welsh, made in the background.

Progress updates belong to the progress app, a sibling governance may not import. So the pack
asks a provider for each action's latest approved progress; the web layer (above both) plugs
in the real one at start-up (`vawdasv.web.apps`). Without it the pack says no progress is
recorded rather than failing.

Asking for a pack is a read, not a change to the plan, so it is not audited: the job records
who asked and when.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from vawdasv.governance.enums import OPEN_LOG_STATUSES, PACK_FORMATS, PackState
from vawdasv.governance.models import LogItem, Meeting, PackJob
from vawdasv.lib import typeset
from vawdasv.lib.bilingual import read
from vawdasv.lib.text import xml_safe
from vawdasv.partnerships import permissions
from vawdasv.plans.timescales import label_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActionProgress:
    """What the provider knows of an action: its latest approved RAG word and narrative."""

    status: str
    narrative: str


ProgressProvider = Callable[[Iterable[int], str], dict[int, ActionProgress]]
_provider: ProgressProvider | None = None


def set_progress_provider(provider: ProgressProvider) -> None:
    global _provider
    _provider = provider


@dataclass(frozen=True)
class PackAction:
    ref: str
    text: str
    timescale: str
    status: str
    narrative: str


@dataclass(frozen=True)
class PackLogItem:
    text: str
    owner: str
    due: str
    status: str


@dataclass(frozen=True)
class PackData:
    language: str
    title: str
    when: str
    place: str
    agenda: list[str]
    actions: list[PackAction]
    log_items: list[PackLogItem]
    papers: list[str]


def gather(meeting: Meeting, language: str) -> PackData:
    with translation.override(language):
        group = meeting.group
        actions = list(group.actions.select_related("commitment").order_by("pk"))
        progress = _provider([a.pk for a in actions], language) if _provider else {}
        open_items = LogItem.objects.filter(
            meeting__group=group, status__in=OPEN_LOG_STATUSES
        ).select_related("owner_organisation")
        starts = localtime(meeting.starts_at)
        return PackData(
            language=language,
            title=_("%(group)s meeting of %(date)s")
            % {
                "group": read(group, "name", language).text,
                "date": date_format(starts.date(), "j F Y"),
            },
            when=date_format(starts, "j F Y, H:i"),
            place=meeting.place + (f" ({_('online')})" if meeting.online else ""),
            agenda=[read(item, "title", language).text for item in meeting.agenda_items.all()],
            actions=[
                PackAction(
                    ref=a.ref,
                    text=read(a, "text", language).text,
                    timescale=label_of(a),
                    status=progress[a.pk].status if a.pk in progress else _("No update yet"),
                    narrative=progress[a.pk].narrative if a.pk in progress else "",
                )
                for a in actions
            ],
            log_items=[
                PackLogItem(
                    text=read(item, "text", language).text,
                    owner=", ".join(
                        part
                        for part in (
                            item.owner_person,
                            read(item.owner_organisation, "name", language).text
                            if item.owner_organisation
                            else "",
                        )
                        if part
                    ),
                    due=date_format(item.due_date, "j F Y") if item.due_date else "",
                    status=str(item.get_status_display()),
                )
                for item in open_items
            ],
            # Papers are listed by their agenda item until files can be attached to meetings.
            papers=[],
        )


def render_docx(data: PackData) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = xml_safe(data.title)
    document.core_properties.language = "cy-GB" if data.language == "cy" else "en-GB"
    with translation.override(data.language):
        document.add_heading(xml_safe(data.title), level=0)
        document.add_paragraph(xml_safe(f"{data.when}  {data.place}".strip()))
        document.add_heading(_("Agenda"), level=1)
        for item in data.agenda or [_("No agenda recorded yet.")]:
            document.add_paragraph(xml_safe(item), style="List Number")
        document.add_heading(_("Progress on the group’s actions"), level=1)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(
            table.rows[0].cells, (_("Action"), _("Timescale"), _("Status"), _("Progress")),
            strict=True,
        ):  # fmt: skip
            cell.text = label
        for action in data.actions:
            cells = table.add_row().cells
            cells[0].text = xml_safe(f"{action.ref} {action.text}".strip())
            cells[1].text = xml_safe(action.timescale)
            cells[2].text = xml_safe(action.status)
            cells[3].text = xml_safe(action.narrative)
        document.add_heading(_("Open action-log items"), level=1)
        for log in data.log_items:
            details = " – ".join(part for part in (log.owner, log.due, log.status) if part)
            document.add_paragraph(xml_safe(f"{log.text} ({details})"), style="List Bullet")
        if not data.log_items:
            document.add_paragraph(_("None."))
        document.add_heading(_("Papers"), level=1)
        document.add_paragraph(_("None."))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PACK_TEMPLATE = Path(__file__).with_name("pack.typ")


def render_pdf(data: PackData) -> bytes:
    """The same pack as the Word edition, as a tagged PDF typeset by Typst."""
    with translation.override(data.language):
        words = {
            "agenda": _("Agenda"),
            "no_agenda": _("No agenda recorded yet."),
            "progress": _("Progress on the group’s actions"),
            "action": _("Action"),
            "timescale": _("Timescale"),
            "status": _("Status"),
            "narrative": _("Progress"),
            "log": _("Open action-log items"),
            "papers": _("Papers"),
            "none": _("None."),
        }
    log_items = []
    for log in data.log_items:
        details = " – ".join(part for part in (log.owner, log.due, log.status) if part)
        log_items.append(f"{log.text} ({details})")
    return typeset.tagged_pdf(
        PACK_TEMPLATE,
        {
            "lang": data.language,
            "font": typeset.FONT,
            "title": data.title,
            "when": data.when,
            "place": data.place,
            "agenda": data.agenda,
            "actions": [
                {
                    "action": f"{a.ref} {a.text}".strip(),
                    "timescale": a.timescale,
                    "status": a.status,
                    "narrative": a.narrative,
                }
                for a in data.actions
            ],
            "log_items": log_items,
            "papers": data.papers,
            "words": words,
        },
    )


RENDERERS: dict[str, Callable[[PackData], bytes]] = {"docx": render_docx, "pdf": render_pdf}


def request_pack(*, actor: Any, meeting: Meeting, format: str, language: str) -> PackJob:
    """A job making the pack; its task is queued once the job is committed."""
    if not permissions.can_view_governance(actor, meeting.group.partnership_id):
        raise PermissionDenied
    if format not in PACK_FORMATS or language not in ("en", "cy"):
        raise ValueError("A pack is a docx or pdf in en or cy")
    from vawdasv.governance.tasks import make_pack  # the task module imports this one

    job = PackJob.objects.create(
        meeting=meeting, format=format, language=language,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    transaction.on_commit(lambda: make_pack.enqueue(job.pk))
    return job


def run_pack_job(job_id: int) -> bool:
    """Make a queued job's file; False if another worker took it first."""
    if not PackJob.objects.filter(pk=job_id, state=PackState.QUEUED).update(
        state=PackState.RUNNING
    ):
        return False
    job = PackJob.objects.select_related("meeting__group").get(pk=job_id)
    try:
        content = RENDERERS[job.format](gather(job.meeting, job.language))
        job.file.save(f"meeting-pack-{job.language}.{job.format}", ContentFile(content), save=False)
        job.state, job.finished_at = PackState.DONE, timezone.now()
    except Exception:
        logger.exception("Meeting pack job %s failed", job_id)
        job.state, job.finished_at = PackState.FAILED, timezone.now()
    job.save(update_fields=["file", "state", "finished_at"])
    return True
