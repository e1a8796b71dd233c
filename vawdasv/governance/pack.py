"""The meeting pack: the agenda (with links to what each item concerns), progress on the group's
actions, headline data for its indicators, open action-log items and the list of papers, as a
Word document or a PDF, in English or Welsh, made in the background.

Progress updates belong to the progress app, a sibling governance may not import. So the pack
asks a provider for each action's latest approved progress; the web layer (above both) plugs
in the real one at start-up (`vawdasv.web.apps`). Without it the pack says no progress is
recorded rather than failing. Indicators and their published figures come the same way from
outcomes (governance.indicators, ADR 0037).

Asking for a pack is a read, not a change to the plan, so it is not audited: the job records
who asked and when.
"""

from __future__ import annotations

import datetime
import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from vawdasv.governance import indicators, selectors
from vawdasv.governance.enums import OPEN_LOG_STATUSES, PACK_FORMATS, PackState
from vawdasv.governance.models import LogItem, Meeting, PackJob
from vawdasv.lib import typeset
from vawdasv.lib.bilingual import read
from vawdasv.lib.months import months_in_language
from vawdasv.lib.text import xml_safe
from vawdasv.partnerships import permissions

logger = logging.getLogger(__name__)

# Marked for translation here, translated when the pack is written in its language.
HEADLINE_NOTE = gettext_noop(
    "The latest published figures; figures withheld to protect people are shown as suppressed."
)


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
class PackLink:
    label: str
    url: str  # absolute: the pack is read away from the site


@dataclass(frozen=True)
class PackAgendaItem:
    title: str
    links: list[PackLink]


@dataclass(frozen=True)
class PackData:
    language: str
    title: str
    when: str
    place: str
    agenda: list[PackAgendaItem]
    actions: list[PackAction]
    log_items: list[PackLogItem]
    papers: list[str]
    headlines: list[indicators.Headline]


def _absolute(url: str) -> str:
    return f"{str(settings.SITE_URL).rstrip('/')}{url}"


def group_indicator_ids(meeting: Meeting, agenda: list[selectors.AgendaRow]) -> list[int]:
    """The indicators of the meeting's agenda items, then those linked to the commitments (or
    their themes) of the actions the group owns or oversees."""
    ids = [pk for row in agenda for pk in row.item.indicator_ids]
    provider = indicators.provider()
    if provider is not None:
        commitment_ids = set(meeting.group.actions.values_list("commitment_id", flat=True))
        ids += provider.for_plan(meeting.group.partnership_id, commitment_ids)
    return list(dict.fromkeys(ids))


def gather(meeting: Meeting, language: str) -> PackData:
    with translation.override(language):
        group = meeting.group
        actions = list(group.actions.select_related("commitment").order_by("pk"))
        progress = _provider([a.pk for a in actions], language) if _provider else {}
        open_items = LogItem.objects.filter(
            meeting__group=group, status__in=OPEN_LOG_STATUSES
        ).select_related("owner_organisation")
        starts = localtime(meeting.starts_at)
        agenda = selectors.agenda(meeting)
        provider = indicators.provider()
        headline_ids = group_indicator_ids(meeting, agenda)
        return PackData(
            language=language,
            title=_("%(group)s meeting of %(date)s")
            % {
                "group": read(group, "name", language).text,
                "date": date_format(starts.date(), "j F Y"),
            },
            when=date_format(starts, "j F Y, H:i"),
            place=meeting.place + (f" ({_('online')})" if meeting.online else ""),
            agenda=[
                PackAgendaItem(
                    read(row.item, "title", language).text,
                    [PackLink(link.label, _absolute(link.url)) for link in row.links],
                )
                for row in agenda
            ],
            actions=[
                PackAction(
                    ref=a.ref,
                    text=read(a, "text", language).text,
                    timescale=months_in_language(a.timescale_text),
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
            # Listed by title and file; the pack does not embed them (each downloads on its own).
            papers=[
                f"{read(paper, 'title', language).text} ({paper.file_name})"
                for paper in meeting.papers.all()
            ],
            headlines=provider.headlines(headline_ids, language)
            if provider and headline_ids
            else [],
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
        if not data.agenda:
            document.add_paragraph(_("No agenda recorded yet."))
        for item in data.agenda:
            document.add_paragraph(xml_safe(item.title), style="List Number")
            for link in item.links:
                _add_link(document.add_paragraph(style="List Bullet 2"), link)
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
        document.add_heading(_("Headline data"), level=1)
        if data.headlines:
            document.add_paragraph(_(HEADLINE_NOTE))
            grid = document.add_table(rows=1, cols=3)
            grid.style = "Table Grid"
            for cell, label in zip(
                grid.rows[0].cells, (_("Indicator"), _("Period"), _("Figures")), strict=True
            ):
                cell.text = label
            for headline in data.headlines:
                cells = grid.add_row().cells
                cells[0].text = xml_safe(headline.name)
                cells[1].text = xml_safe(headline.period)
                cells[2].text = xml_safe(_figures(headline))
        else:
            document.add_paragraph(_("No indicators are linked to this group’s work."))
        document.add_heading(_("Open action-log items"), level=1)
        for log in data.log_items:
            details = " – ".join(part for part in (log.owner, log.due, log.status) if part)
            document.add_paragraph(xml_safe(f"{log.text} ({details})"), style="List Bullet")
        if not data.log_items:
            document.add_paragraph(_("None."))
        document.add_heading(_("Papers"), level=1)
        for paper in data.papers:
            document.add_paragraph(xml_safe(paper), style="List Bullet")
        if not data.papers:
            document.add_paragraph(_("None."))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _figures(headline: indicators.Headline) -> str:
    return "; ".join(f"{area}: {figure}" for area, figure in headline.figures)


def _add_link(paragraph: Any, link: PackLink) -> None:
    """A real hyperlink in Word: python-docx has no call for one, so the run is built here."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = paragraph.part.relate_to(link.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = xml_safe(link.label)
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


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
            "headlines": _("Headline data"),
            "headline_note": _(HEADLINE_NOTE),
            "no_headlines": _("No indicators are linked to this group’s work."),
            "indicator": _("Indicator"),
            "period": _("Period"),
            "figures": _("Figures"),
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
            "agenda": [
                {"title": item.title, "links": [vars(link) for link in item.links]}
                for item in data.agenda
            ],
            "headlines": [
                {"name": h.name, "period": h.period, "figures": _figures(h)} for h in data.headlines
            ],
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


def delete_superseded(keep_days: int) -> int:
    """Packs older than `keep_days` for which a newer finished pack of the same meeting, format
    and language exists, with their files (after the commit; governance.signals). The newest
    pack of each stays, so a meeting always has its latest pack; failed jobs go on the same
    terms. Returns how many jobs went."""
    cutoff = timezone.now() - datetime.timedelta(days=keep_days)
    newer_done = PackJob.objects.filter(
        meeting=OuterRef("meeting"), format=OuterRef("format"), language=OuterRef("language"),
        state=PackState.DONE, created_at__gt=OuterRef("created_at"),
    )  # fmt: skip
    superseded = PackJob.objects.filter(
        Exists(newer_done),
        created_at__lt=cutoff,
        state__in=(PackState.DONE, PackState.FAILED),
    )
    count = 0
    for job in superseded:
        with transaction.atomic():
            job.delete()
        count += 1
    return count


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
