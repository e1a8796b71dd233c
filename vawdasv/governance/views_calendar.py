"""Calendars: a .ics per meeting, and private feeds (all my meetings, or one group's) at an
address holding a secret, for calendar programs that cannot sign in. The address can be
replaced or stopped at any time; an unknown or stopped one is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vawdasv.governance import ical, selectors, services
from vawdasv.governance.models import CalendarToken, Group, Meeting
from vawdasv.lib.bilingual import read
from vawdasv.partnerships import permissions

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    if not permissions.can_view_governance(request.user, meeting.group.partnership_id):
        raise Http404
    text = ical.calendar([meeting], name=read(meeting.group, "name").text, host=request.get_host())
    return _ics(text, f"meeting-{meeting.pk}.ics")


def _user_of(token: str) -> object:
    entry = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=services.token_hash(token))
        .first()
    )
    if entry is None or not entry.user.is_active:
        raise Http404
    return entry.user


def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = _user_of(token)
    meetings = selectors.meetings_for(user).order_by("starts_at")
    return _ics(ical.calendar(meetings, name=_("My meetings"), host=request.get_host()),
                "meetings.ics")  # fmt: skip


def group_feed(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    user = _user_of(token)
    group = get_object_or_404(Group, pk=pk)
    if not permissions.can_view_governance(user, group.partnership_id):
        raise Http404
    meetings = group.meetings.select_related("group").order_by("starts_at")
    text = ical.calendar(meetings, name=read(group, "name").text, host=request.get_host())
    return _ics(text, f"group-{group.pk}.ics")


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    if not permissions.can_have_calendar_feed(request.user):
        raise Http404
    token = request.session.pop("governance_new_calendar_token", None)
    feed_url = request.build_absolute_uri(reverse("governance:feed", args=[token])) if token else ""
    groups = Group.objects.filter(
        pk__in=selectors.meetings_for(request.user).values("group_id")
    ).order_by("name_en")
    return render(
        request,
        "governance/calendar.html",
        {
            "feed_url": feed_url,
            "token": token,
            "groups": groups,
            "has_token": hasattr(request.user, "calendar_token"),
        },
    )


@login_required
@require_POST
def calendar_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_have_calendar_feed(request.user):
        raise Http404
    # Shown once on the next page, never kept: the session holds it for that one view.
    request.session["governance_new_calendar_token"] = services.issue_calendar_token(
        actor=request.user
    )
    return redirect("governance:calendar")


@login_required
@require_POST
def calendar_stop(request: HttpRequest) -> HttpResponse:
    if not permissions.can_have_calendar_feed(request.user):
        raise Http404
    services.revoke_calendar_token(actor=request.user)
    messages.success(request, _("Your calendar address has been stopped"))
    return redirect("governance:calendar")
