"""Governance pages: groups, the reporting lines, a group, a meeting and its records.

Members of the partnership (any role), national observers and superusers read; the regional
team records. A partnership the user cannot see is a 404; a visible one whose governance they
may not read is a 403. Forms validate; `governance.services` writes and audits.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.core.form_errors import add_validation_errors, saved
from vawdasv.governance import diagram, selectors, services
from vawdasv.governance.forms import (
    AgendaItemForm,
    ApproveMinutesForm,
    AttendanceForm,
    DecisionForm,
    ExternalBodyForm,
    GroupActionsForm,
    GroupForm,
    LogItemForm,
    LogUpdateForm,
    MeetingForm,
    MinutesForm,
    SeatForm,
)
from vawdasv.governance.health import group_health, year_before
from vawdasv.governance.models import ExternalBody, Group, LogItem, Meeting, TermsDocument
from vawdasv.governance.review_document import review_docx
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership


def _partnership(request: HttpRequest, slug: str, *, manage: bool = False) -> Partnership:
    partnership = get_object_or_404(permissions.visible_partnerships(request.user), slug=slug)
    _check(request, partnership.pk, manage=manage)
    return partnership


def _check(request: HttpRequest, partnership_id: int, *, manage: bool = False) -> None:
    if not permissions.can_view_governance(request.user, partnership_id):
        # Outsiders learn nothing, not even that the record exists.
        raise Http404
    if manage and not permissions.can_manage_governance(request.user, partnership_id):
        raise PermissionDenied


def _group(request: HttpRequest, pk: int, *, manage: bool = False) -> Group:
    group = get_object_or_404(Group.objects.select_related("partnership"), pk=pk)
    _check(request, group.partnership_id, manage=manage)
    return group


def _meeting(request: HttpRequest, pk: int, *, manage: bool = False) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("group__partnership", "minutes_approved_at"), pk=pk
    )
    _check(request, meeting.group.partnership_id, manage=manage)
    return meeting


def _form_page(
    request: HttpRequest, form: forms.Form, *, title: str, caption: str, cancel: str
) -> HttpResponse:
    return render(
        request,
        "governance/form.html",
        {"form": form, "title": title, "caption": caption, "cancel": cancel},
        status=400 if form.errors else 200,
    )


@login_required
def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    groups = list(selectors.groups_of(partnership.pk))
    bodies = ExternalBody.objects.filter(partnership=partnership)
    tree = diagram.reporting_tree(groups, bodies)
    return render(
        request,
        "governance/groups.html",
        {
            "partnership": partnership,
            "groups": groups,
            "tree": tree,
            "layout": diagram.layout(tree),
            "box_width": diagram.BOX_WIDTH,
            "box_height": diagram.BOX_HEIGHT,
            "can_manage": permissions.can_manage_governance(request.user, partnership.pk),
        },
    )


@login_required
def health(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    today = timezone.localdate()
    start = year_before(today)
    rows = group_health(list(selectors.groups_of(partnership.pk)), today, start)
    return render(
        request,
        "governance/health.html",
        {"partnership": partnership, "rows": rows, "start": start, "today": today},
    )


@login_required
def health_review(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    today = timezone.localdate()
    start = year_before(today)
    rows = group_health(list(selectors.groups_of(partnership.pk)), today, start)
    language = "cy" if (request.LANGUAGE_CODE or "en").startswith("cy") else "en"
    content = review_docx(partnership, rows, start, today, language)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="governance-review-{today:%Y-%m-%d}-{language}.docx"'
    )
    return response


@login_required
def group_create(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug, manage=True)
    form = GroupForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(
                actor=request.user, partnership=partnership, data=form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Group added"))
            return redirect(group)
    return _form_page(
        request, form, title=_("Add a group"), caption=partnership.text("name").text,
        cancel=reverse("governance:groups", args=[partnership.slug]),
    )  # fmt: skip


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    return render(
        request,
        "governance/group.html",
        {
            "group": group,
            "seats": group.seats.select_related("organisation"),
            "actions": group.actions.all(),
            "meetings": group.meetings.all(),
            "terms_document": TermsDocument.objects.filter(group=group).first(),
            "can_manage": permissions.can_manage_governance(request.user, group.partnership_id),
        },
    )


@login_required
def seat_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, manage=True)
    form = SeatForm(request.POST or None, partnership=group.partnership)
    done = saved(
        request,
        form,
        lambda: services.add_seat(actor=request.user, group=group, data=form.seat_data()),
        _("Seat added"),
        group,
    )
    return done or _form_page(
        request, form, title=_("Add a seat"), caption=group.text("name").text,
        cancel=group.get_absolute_url(),
    )  # fmt: skip


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, manage=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                actor=request.user, group=group, data=form.meeting_data()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Meeting added"))
            return redirect(meeting)
    return _form_page(
        request, form, title=_("Add a meeting"), caption=group.text("name").text,
        cancel=group.get_absolute_url(),
    )  # fmt: skip


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return render(
        request,
        "governance/meeting.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "quorum": selectors.quorum(meeting),
            "rows": selectors.attendance_rows(meeting),
            "agenda": selectors.agenda(meeting),
            "decisions": meeting.decisions.select_related("action"),
            "log_items": meeting.log_items.select_related("owner_organisation"),
            "approved_here": meeting.approved_minutes_of.all(),
            "papers": meeting.papers.all(),
            "can_manage": permissions.can_manage_governance(
                request.user, meeting.group.partnership_id
            ),
        },
    )


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    rows = selectors.attendance_rows(meeting)
    form = AttendanceForm(
        request.POST or None,
        rows=rows,
        initial={"survivor_representatives": meeting.survivor_representatives,
                 "guests": meeting.guests},
    )  # fmt: skip
    done = saved(
        request,
        form,
        lambda: services.record_attendance(
            actor=request.user,
            meeting=meeting,
            statuses=form.statuses(),
            survivor_representatives=form.cleaned_data["survivor_representatives"],
            guests=form.cleaned_data["guests"],
        ),
        _("Attendance saved"),
        meeting,
    )
    return done or _form_page(
        request, form, title=_("Record attendance"), caption=_meeting_caption(meeting),
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


def _meeting_caption(meeting: Meeting) -> str:
    return _("%(group)s meeting of %(date)s") % {
        "group": meeting.group.text("name").text,
        "date": date_format(localtime(meeting.starts_at).date(), "j F Y"),
    }


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    if meeting.minutes_approved:
        messages.info(request, _("These minutes have been approved and can no longer change"))
        return redirect(meeting)
    form = MinutesForm(
        request.POST or None,
        initial={"minutes_en": meeting.minutes_en, "minutes_cy": meeting.minutes_cy},
    )
    done = saved(
        request,
        form,
        lambda: services.save_minutes(
            actor=request.user,
            meeting=meeting,
            minutes_en=form.cleaned_data["minutes_en"],
            minutes_cy=form.cleaned_data["minutes_cy"],
        ),
        _("Draft minutes saved"),
        meeting,
    )
    return done or _form_page(
        request, form, title=_("Draft minutes"), caption=_meeting_caption(meeting),
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def approve_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    form = ApproveMinutesForm(request.POST or None, meetings=selectors.later_meetings(meeting))
    done = saved(
        request,
        form,
        lambda: services.approve_minutes(
            actor=request.user, meeting=meeting, at_meeting=form.cleaned_data["at_meeting"]
        ),
        _("Minutes approved"),
        meeting,
    )
    return done or _form_page(
        request, form, title=_("Approve the minutes"), caption=_meeting_caption(meeting),
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    form = DecisionForm(request.POST or None, partnership=meeting.group.partnership)

    def record() -> None:
        data: dict[str, Any] = dict(form.cleaned_data)
        timescale = data.pop("new_timescale")
        services.record_decision(
            actor=request.user, meeting=meeting, data=data,
            plan_changes={"timescale_text": timescale} if timescale else None,
        )  # fmt: skip

    done = saved(request, form, record, _("Decision recorded"), meeting)
    return done or _form_page(
        request, form, title=_("Record a decision"), caption=_meeting_caption(meeting),
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def log_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    form = LogItemForm(request.POST or None, partnership=meeting.group.partnership)
    done = saved(
        request,
        form,
        lambda: services.add_log_item(actor=request.user, meeting=meeting, data=form.item_data()),
        _("Action log item added"),
        meeting,
    )
    return done or _form_page(
        request, form, title=_("Add to the action log"), caption=_meeting_caption(meeting),
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def group_actions(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, manage=True)
    form = GroupActionsForm(
        request.POST or None, partnership=group.partnership,
        initial={"actions": group.actions.all()},
    )  # fmt: skip
    done = saved(
        request,
        form,
        lambda: services.set_group_actions(
            actor=request.user, group=group, actions=form.cleaned_data["actions"]
        ),
        _("Saved"),
        group,
    )
    return done or _form_page(
        request, form, title=_("Plan actions it owns or oversees"),
        caption=group.text("name").text, cancel=group.get_absolute_url(),
    )  # fmt: skip


@login_required
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    form = AgendaItemForm(request.POST or None, partnership=meeting.group.partnership)
    done = saved(
        request,
        form,
        lambda: services.add_agenda_item(
            actor=request.user, meeting=meeting, data=form.item_data(), **form.link_data()
        ),
        _("Agenda item added"),
        meeting,
    )
    return done or _form_page(
        request, form, title=_("Add an agenda item"), caption=_meeting_caption(meeting),
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def log_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(LogItem.objects.select_related("meeting__group"), pk=pk)
    meeting = _meeting(request, item.meeting_id, manage=True)
    form = LogUpdateForm(
        request.POST or None,
        initial={"status": item.status, "updates": item.updates, "version": item.version},
    )
    done = saved(
        request,
        form,
        lambda: services.update_log_item(
            actor=request.user,
            item=item,
            data={"status": form.cleaned_data["status"], "updates": form.cleaned_data["updates"]},
            expected_version=form.cleaned_data["version"],
        ),
        _("Saved"),
        meeting,
        ConcurrentEditError,
    )
    return done or _form_page(
        request, form, title=_("Update the action log"), caption=item.text("text").text,
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def body_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug, manage=True)
    form = ExternalBodyForm(request.POST or None)
    done = saved(
        request,
        form,
        lambda: services.create_external_body(
            actor=request.user, partnership=partnership, data=form.cleaned_data
        ),
        _("External body added"),
        reverse("governance:groups", args=[partnership.slug]),
    )
    return done or _form_page(
        request, form, title=_("Add an external body"), caption=partnership.text("name").text,
        cancel=reverse("governance:groups", args=[partnership.slug]),
    )  # fmt: skip


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, manage=True)
    initial = {name: getattr(group, name) for name in services.GROUP_FIELDS}
    form = GroupForm(
        request.POST or None, partnership=group.partnership, group=group, initial=initial
    )
    done = saved(
        request,
        form,
        lambda: services.update_group(actor=request.user, group=group, data=form.cleaned_data),
        _("Saved"),
        group,
    )
    return done or _form_page(
        request, form, title=_("Change the group"), caption=group.text("name").text,
        cancel=group.get_absolute_url(),
    )  # fmt: skip
