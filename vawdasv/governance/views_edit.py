"""Changing and deleting meetings, seats and action-log items.

Each edit form carries the version it started from. When somebody else saved in between, the
kernel refuses the stale save and the page shows both versions side by side (the shared
conflict table), with the form still holding the editor's text and now the newer version, so
saving again keeps theirs on purpose. Deletes are a POST from a page that says what will go.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.core.form_errors import posted, saved
from vawdasv.governance import services
from vawdasv.governance.forms import (
    AgendaItemForm,
    ConfirmForm,
    LogItemForm,
    MeetingForm,
    SeatForm,
)
from vawdasv.governance.models import AgendaItem, LogItem, Meeting, Seat
from vawdasv.governance.views import _check, _group, _meeting, _meeting_caption
from vawdasv.governance.views_papers import confirm_page

STALE_MESSAGE = gettext_lazy(
    "Somebody else saved a change to this while you were editing it. Compare the two versions "
    "below, then save again to keep yours."
)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return date_format(localtime(value), "j F Y, H:i")
    if isinstance(value, models.Model) and hasattr(value, "text"):
        return str(value.text("name").text)
    return str(value)


def conflict_rows(
    current: models.Model, mine: Mapping[str, Any], fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Each field where the saved version differs from what this editor sent."""
    rows = []
    for name in fields:
        if name not in mine:
            continue
        theirs, ours = _shown(getattr(current, name)), _shown(mine[name])
        if theirs != ours:
            label = current._meta.get_field(name).verbose_name  # type: ignore[union-attr]
            rows.append({"label": label, "theirs": theirs, "mine": ours})
    return rows


def _versioned(
    form: forms.Form, context: dict[str, Any], *, data: Callable[[], dict[str, Any]],
    save: Callable[[dict[str, Any], int | None], Any], fields: tuple[str, ...],
) -> Callable[[], None]:  # fmt: skip
    """The write for `saved`: save from the version the form started at. When somebody else
    saved in between, fill `context["conflict"]`, move the form on to their version (keeping
    the editor's text) and refuse at the top of the form."""

    def write() -> None:
        values = data()
        try:
            save(values, form.cleaned_data.get("version"))
        except ConcurrentEditError as conflict:
            context["conflict"] = conflict_rows(conflict.current, values, fields)
            newer = form.data.copy()  # type: ignore[attr-defined]
            newer["version"] = str(conflict.current.version)  # type: ignore[attr-defined]
            form.data = newer
            raise ValidationError(str(STALE_MESSAGE)) from conflict

    return write


def _page(
    request: HttpRequest, form: forms.Form, context: dict[str, Any], *, title: str,
    caption: str, cancel: str,
) -> HttpResponse:  # fmt: skip
    return render(
        request,
        "governance/form.html",
        {**context, "form": form, "title": title, "caption": caption, "cancel": cancel},
        status=400 if form.errors else 200,
    )


def delete_page(
    request: HttpRequest, *, delete: Callable[[int | None], None], version: int, title: str,
    caption: str, warning: str, button: str, cancel: str, done: str, message: str,
) -> HttpResponse:  # fmt: skip
    form = ConfirmForm(posted(request), initial={"version": version})

    def write() -> None:
        try:
            delete(form.cleaned_data.get("version"))
        except ConcurrentEditError as conflict:
            raise ValidationError(
                _("Somebody else changed this since you opened the page. Check it again.")
            ) from conflict

    return saved(request, form, write, message, done) or confirm_page(
        request, form, title=title, caption=caption, warning=warning, button=button,
        cancel=cancel,
    )  # fmt: skip


# Meetings -------------------------------------------------------------------------------------


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    context: dict[str, Any] = {}
    write = _versioned(
        form, context, data=form.meeting_data, fields=services.MEETING_FIELDS,
        save=lambda values, version: services.update_meeting(
            actor=request.user, meeting=meeting, data=values, expected_version=version
        ),
    )  # fmt: skip
    return saved(request, form, write, _("Saved"), meeting) or _page(
        request, form, context, title=_("Change the meeting"), caption=_meeting_caption(meeting),
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    return delete_page(
        request,
        delete=lambda version: services.delete_meeting(
            actor=request.user, meeting=meeting, expected_version=version
        ),
        version=meeting.version, title=_("Delete this meeting?"),
        caption=_meeting_caption(meeting),
        warning=_("The meeting of %(date)s will be deleted with its agenda, papers, attendance "
                  "and action log.")
        % {"date": date_format(localtime(meeting.starts_at).date(), "j F Y")},
        button=_("Delete the meeting"), cancel=meeting.get_absolute_url(),
        done=meeting.group.get_absolute_url(), message=_("Meeting deleted"),
    )  # fmt: skip


# Agenda items ---------------------------------------------------------------------------------


def _agenda_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__group__partnership"), pk=pk
    )
    _check(request, item.meeting.group.partnership_id, manage=True)
    return item


@login_required
def agenda_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item(request, pk)
    meeting: Meeting = item.meeting
    form = AgendaItemForm(
        request.POST or None, partnership=meeting.group.partnership,
        initial=AgendaItemForm.initial_for(item),
    )  # fmt: skip
    context: dict[str, Any] = {}
    write = _versioned(
        form, context, data=form.item_data, fields=("title_en", "title_cy"),
        save=lambda values, version: services.update_agenda_item(
            actor=request.user, item=item, data=values, expected_version=version,
            **form.link_data(),
        ),
    )  # fmt: skip
    return saved(request, form, write, _("Saved"), meeting) or _page(
        request, form, context, title=_("Change the agenda item"),
        caption=_meeting_caption(meeting), cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def agenda_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item(request, pk)
    meeting = item.meeting
    return delete_page(
        request,
        delete=lambda version: services.delete_agenda_item(
            actor=request.user, item=item, expected_version=version
        ),
        version=item.version, title=_("Remove this agenda item?"),
        caption=_meeting_caption(meeting),
        warning=_("“%(text)s” will be removed from the agenda.")
        % {"text": item.text("title").text[:100]},
        button=_("Remove the item"), cancel=meeting.get_absolute_url(),
        done=meeting.get_absolute_url(), message=_("Agenda item removed"),
    )  # fmt: skip


# Seats ----------------------------------------------------------------------------------------


def _seat(request: HttpRequest, pk: int) -> Seat:
    seat = get_object_or_404(
        Seat.objects.select_related("group__partnership", "organisation"), pk=pk
    )
    _group(request, seat.group_id, manage=True)
    return seat


@login_required
def seat_edit(request: HttpRequest, pk: int) -> HttpResponse:
    seat = _seat(request, pk)
    initial = {name: getattr(seat, name) for name in services.SEAT_FIELDS}
    form = SeatForm(
        request.POST or None, partnership=seat.group.partnership, editing=True,
        initial={**initial, "version": seat.version},
    )  # fmt: skip
    context: dict[str, Any] = {}
    write = _versioned(
        form, context, data=form.seat_data, fields=services.SEAT_FIELDS,
        save=lambda values, version: services.update_seat(
            actor=request.user, seat=seat, data=values, expected_version=version
        ),
    )  # fmt: skip
    return saved(request, form, write, _("Saved"), seat.group) or _page(
        request, form, context, title=_("Change the seat"),
        caption=seat.organisation.text("name").text, cancel=seat.group.get_absolute_url(),
    )  # fmt: skip


@login_required
def seat_remove(request: HttpRequest, pk: int) -> HttpResponse:
    seat = _seat(request, pk)
    return delete_page(
        request,
        delete=lambda version: services.delete_seat(
            actor=request.user, seat=seat, expected_version=version
        ),
        version=seat.version, title=_("Remove this seat?"), caption=seat.group.text("name").text,
        warning=_("The seat of %(organisation)s will be removed from the group.")
        % {"organisation": seat.organisation.text("name").text},
        button=_("Remove the seat"), cancel=seat.group.get_absolute_url(),
        done=seat.group.get_absolute_url(), message=_("Seat removed"),
    )  # fmt: skip


# The action log -------------------------------------------------------------------------------


def _log_item(request: HttpRequest, pk: int) -> LogItem:
    item = get_object_or_404(LogItem.objects.select_related("meeting__group__partnership"), pk=pk)
    _check(request, item.meeting.group.partnership_id, manage=True)
    return item


@login_required
def log_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _log_item(request, pk)
    meeting: Meeting = item.meeting
    initial = {name: getattr(item, name) for name in services.LOG_FIELDS}
    form = LogItemForm(
        request.POST or None, partnership=meeting.group.partnership,
        initial={**initial, "version": item.version},
    )  # fmt: skip
    context: dict[str, Any] = {}
    write = _versioned(
        form, context, data=form.item_data, fields=services.LOG_FIELDS,
        save=lambda values, version: services.update_log_item(
            actor=request.user, item=item, data=values, expected_version=version
        ),
    )  # fmt: skip
    return saved(request, form, write, _("Saved"), meeting) or _page(
        request, form, context, title=_("Change the action log item"),
        caption=_meeting_caption(meeting), cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def log_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _log_item(request, pk)
    meeting = item.meeting
    return delete_page(
        request,
        delete=lambda version: services.delete_log_item(
            actor=request.user, item=item, expected_version=version
        ),
        version=item.version, title=_("Remove this action log item?"),
        caption=_meeting_caption(meeting),
        warning=_("“%(text)s” will be removed from the action log.")
        % {"text": item.text("text").text[:100]},
        button=_("Remove the item"), cancel=meeting.get_absolute_url(),
        done=meeting.get_absolute_url(), message=_("Action log item removed"),
    )  # fmt: skip
