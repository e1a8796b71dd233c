"""Attaching a meeting's approved minutes, decisions or attendance as evidence of achievement.

It joins two sibling domain apps, so it lives in the web layer above both: governance says
which plan actions a meeting concerns, and progress attaches a link to the meeting's record
to that action's update in an open round, through its public evidence service. Neither app
imports the other.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.core.forms import GovukForm
from vawdasv.governance import selectors
from vawdasv.governance.models import Meeting
from vawdasv.lib.bilingual import read
from vawdasv.partnerships import permissions
from vawdasv.progress import evidence
from vawdasv.progress.models import ProgressRound

RECORDS = {
    "minutes": ("minutes", gettext_lazy("Approved minutes of the %(meeting)s")),
    "decisions": ("decisions", gettext_lazy("Decisions of the %(meeting)s")),
    "attendance": ("attendance", gettext_lazy("Attendance at the %(meeting)s")),
}


class AttachForm(GovukForm):
    record = forms.ChoiceField(
        label=gettext_lazy("What to attach"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what to attach")},
    )
    target = forms.ChoiceField(
        label=gettext_lazy("Progress update to attach it to"),
        error_messages={"required": gettext_lazy("Choose the action’s progress update")},
    )

    def __init__(self, *args: Any, records: list[tuple[str, str]],
                 targets: list[tuple[str, str]], **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = records  # type: ignore[attr-defined]
        self.fields["target"].choices = targets  # type: ignore[attr-defined]


def _meeting_name(meeting: Meeting) -> str:
    return _("%(group)s meeting of %(date)s") % {
        "group": read(meeting.group, "name").text,
        "date": date_format(localtime(meeting.starts_at).date(), "j F Y"),
    }


def _records(meeting: Meeting) -> list[tuple[str, str]]:
    """Only what is final may serve as evidence: approved minutes, and decisions and attendance
    once the minutes recording them are approved."""
    if not meeting.minutes_approved:
        return []
    name = _meeting_name(meeting)
    available = ["minutes"]
    if meeting.decisions.exists():
        available.append("decisions")
    if meeting.attendance.exists():
        available.append("attendance")
    return [(key, str(RECORDS[key][1]) % {"meeting": name}) for key in available]


def _targets(meeting: Meeting) -> list[tuple[str, str]]:
    actions = list(selectors.actions_concerned(meeting))
    strategies = {a.commitment.theme.strategy_id for a in actions}
    rounds = [r for r in ProgressRound.objects.filter(strategy_id__in=strategies) if r.is_open]
    return [
        (f"{r.pk}:{a.pk}", f"{r.period_label} – {a.ref} {read(a, 'text').text}"[:200])
        for r in rounds
        for a in actions
        if a.commitment.theme.strategy_id == r.strategy_id
    ]


@login_required
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("group__partnership"), pk=pk)
    partnership_id = meeting.group.partnership_id
    if not permissions.can_view_governance(request.user, partnership_id):
        raise Http404
    if not permissions.can_manage_governance(request.user, partnership_id):
        raise PermissionDenied
    records, targets = _records(meeting), _targets(meeting)
    form = AttachForm(request.POST or None, records=records, targets=targets)
    if request.method == "POST" and form.is_valid():
        round_pk, action_pk = (int(part) for part in form.cleaned_data["target"].split(":"))
        progress_round = ProgressRound.objects.select_related("strategy").get(pk=round_pk)
        action = next(a for a in selectors.actions_concerned(meeting) if a.pk == action_pk)
        anchor, _title = RECORDS[form.cleaned_data["record"]]
        title = dict(records)[form.cleaned_data["record"]]
        url = request.build_absolute_uri(f"{meeting.get_absolute_url()}#{anchor}")
        try:
            evidence.add_evidence_link(
                actor=request.user, progress_round=progress_round, action=action,
                title=title, url=url,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Attached as evidence to the action’s progress update"))
            return redirect(meeting)
    return render(
        request,
        "governance/attach.html",
        {"meeting": meeting, "form": form, "records": records, "targets": targets,
         "caption": _meeting_name(meeting)},
        status=400 if form.errors else 200,
    )  # fmt: skip


app_name = "governance_web"
urlpatterns = [path("meetings/<int:pk>/evidence/", attach, name="attach")]
