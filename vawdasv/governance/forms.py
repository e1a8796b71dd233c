"""Forms for governance pages. They validate input; `governance.services` writes and audits."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm
from vawdasv.governance import indicators
from vawdasv.governance.enums import (
    AttendanceStatus,
    Frequency,
    GroupKind,
    LogStatus,
    VoiceSource,
)
from vawdasv.governance.models import AgendaItem, Decision, ExternalBody, Group, Meeting
from vawdasv.lib.bilingual import read
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans.models import Action, Commitment


class DateInput(forms.DateInput):
    """A date picker: browsers read and send ISO dates whatever the page's language, so the
    value is never written in the Welsh locale's format (which the picker would drop)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class NamedChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Choices named in the reader's language (organisations, groups, bodies)."""

    def label_from_instance(self, obj: Any) -> str:
        return read(obj, "name").text


class ActionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Action) -> str:
        return f"{obj.ref} {read(obj, 'text').text}".strip()[:150]


def _bilingual(label_en: Any, label_cy: Any, *, textarea: bool = False) -> tuple[Any, Any]:
    widget = forms.Textarea(attrs={"rows": 4}) if textarea else None
    return (
        forms.CharField(label=label_en, required=False, widget=widget),
        forms.CharField(label=label_cy, required=False, widget=widget),
    )


class GroupForm(GovukForm):
    name_en, name_cy = _bilingual(_("Name (English)"), _("Name (Welsh)"))
    kind = forms.ChoiceField(label=_("Kind of group"), choices=GroupKind.choices)
    frequency = forms.ChoiceField(label=_("How often it meets"), choices=Frequency.choices)
    quorum_organisations = forms.IntegerField(
        label=_("Quorum (organisations)"),
        min_value=0,
        initial=0,
        help_text=_("How many seated organisations must attend for the meeting to be quorate."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    chair = forms.CharField(label=_("Chair"), required=False, max_length=200)
    review_date = forms.DateField(
        label=_("Terms of reference review date"),
        required=False,
        widget=DateInput(attrs={"class": "govuk-input--width-10"}),
    )
    purpose_en, purpose_cy = _bilingual(_("Purpose (English)"), _("Purpose (Welsh)"), textarea=True)
    reports_to_group = NamedChoiceField(
        label=_("Reports to a group"), queryset=Group.objects.none(), required=False
    )
    reports_to_body = NamedChoiceField(
        label=_("Or reports to an external body"),
        queryset=ExternalBody.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, partnership: Partnership, group: Group | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        groups = Group.objects.filter(partnership=partnership)
        if group is not None:
            groups = groups.exclude(pk=group.pk)
        self.fields["reports_to_group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["reports_to_body"].queryset = (  # type: ignore[attr-defined]
            ExternalBody.objects.filter(partnership=partnership)
        )


class SeatForm(GovukForm):
    organisation = NamedChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Select an organisation"),
    )
    role = forms.CharField(label=_("Role on the group"), required=False, max_length=200)
    member_name = forms.CharField(label=_("Member"), required=False, max_length=200)
    deputy_name = forms.CharField(label=_("Deputy"), required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnership: Partnership, editing: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        if editing:
            # A seat stays its organisation's; another organisation gets a seat of its own.
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = partnership.organisations.all()  # type: ignore[attr-defined]

    def seat_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class MeetingForm(GovukForm):
    date = forms.DateField(
        label=_("Date"), widget=DateInput(attrs={"class": "govuk-input--width-10"})
    )
    start = forms.TimeField(
        label=_("Starts at"), widget=TimeInput(attrs={"class": "govuk-input--width-5"})
    )
    end = forms.TimeField(
        label=_("Ends at"),
        required=False,
        widget=TimeInput(attrs={"class": "govuk-input--width-5"}),
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=300)
    online = forms.BooleanField(label=_("Online"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        starts = timezone.localtime(meeting.starts_at)
        ends = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
        return {
            "date": starts.date(), "start": starts.time(), "end": ends.time() if ends else None,
            "place": meeting.place, "online": meeting.online, "version": meeting.version,
        }  # fmt: skip

    def meeting_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        day: datetime.date = data["date"]
        end = data.get("end")
        return {
            "starts_at": datetime.datetime.combine(day, data["start"], tzinfo=tz),
            "ends_at": datetime.datetime.combine(day, end, tzinfo=tz) if end else None,
            "place": data["place"],
            "online": data["online"],
        }


class AttendanceForm(GovukForm):
    """One set of radios per seat, so the grid works without JavaScript."""

    survivor_representatives = forms.IntegerField(
        label=_("Survivor representatives present"),
        help_text=_("A number only: survivor representatives are counted, never named."),
        min_value=0,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={"min_value": _("Enter a number of people, 0 or more")},
    )
    guests = forms.CharField(
        label=_("Guests"),
        required=False,
        help_text=_("Invited guests and their organisations."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seat_fields: list[str] = []
        for row in rows:
            name = f"seat_{row.seat.pk}"
            seat = row.seat
            who = f" – {seat.member_name}" if seat.member_name else ""
            self.fields[name] = forms.ChoiceField(
                label=f"{read(seat.organisation, 'name').text}{who}",
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
                initial=row.status or None,
                error_messages={
                    "required": _("Choose present, deputy, apologies or absent for each seat")
                },
            )
            self.seat_fields.append(name)

    def statuses(self) -> dict[int, str]:
        return {int(name[5:]): self.cleaned_data[name] for name in self.seat_fields}


class MinutesForm(GovukForm):
    minutes_en, minutes_cy = _bilingual(_("Minutes (English)"), _("Minutes (Welsh)"), textarea=True)


class ApproveMinutesForm(GovukForm):
    at_meeting = forms.ModelChoiceField(
        label=_("Approved at the meeting of"),
        queryset=Meeting.objects.none(),
        empty_label=_("Select a later meeting"),
        error_messages={"required": _("Select the meeting at which the minutes were approved")},
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["at_meeting"]
        field.queryset = meetings  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: f"{m.starts_at:%d/%m/%Y %H:%M}"  # type: ignore[attr-defined]


class DecisionForm(GovukForm):
    what_en, what_cy = _bilingual(_("Decision (English)"), _("Decision (Welsh)"), textarea=True)
    why_en, why_cy = _bilingual(_("Reasons (English)"), _("Reasons (Welsh)"), textarea=True)
    alternatives_en, alternatives_cy = _bilingual(
        _("Alternatives considered (English)"),
        _("Alternatives considered (Welsh)"),
        textarea=True,
    )
    action = ActionChoiceField(
        label=_("Plan action it concerns"),
        queryset=Action.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    new_timescale = forms.CharField(
        label=_("New timescale for that action"),
        required=False,
        max_length=100,
        help_text=_(
            'Leave blank unless the decision changes the timescale, for example "Mar 2027".'
        ),
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = Action.objects.filter(commitment__theme__strategy__partnership=partnership)
        self.fields["action"].queryset = actions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_timescale") and not data.get("action"):
            self.add_error("action", _("Choose the action the decision changes"))
        return data


class LogItemForm(GovukForm):
    text_en, text_cy = _bilingual(_("Action (English)"), _("Action (Welsh)"), textarea=True)
    owner_organisation = NamedChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none(), required=False
    )
    owner_person = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DateInput(attrs={"class": "govuk-input--width-10"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=LogStatus.choices)
    updates = forms.CharField(
        label=_("Updates"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = partnership.organisations.all()  # type: ignore[attr-defined]

    def item_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class DecisionChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return read(obj, "what").text[:120]


class ActionsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.ref} {read(obj, 'text').text}".strip()[:150]


class VoiceItemForm(GovukForm):
    source = forms.ChoiceField(label=_("Where it was heard"), choices=VoiceSource.choices)
    heard_on = forms.DateField(
        label=_("When it was heard"),
        required=False,
        widget=DateInput(attrs={"class": "govuk-input--width-10"}),
    )
    said_en, said_cy = _bilingual(_("You said (English)"), _("You said (Welsh)"), textarea=True)
    response_en, response_cy = _bilingual(_("We did (English)"), _("We did (Welsh)"), textarea=True)
    consent_to_publish = forms.BooleanField(
        label=_("The people who said this agreed to it being published"), required=False
    )
    published = forms.BooleanField(
        label=_("Publish on the public “You said, we did” page"), required=False
    )
    actions = ActionsChoiceField(
        label=_("Plan actions it influenced"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decisions = DecisionChoiceField(
        label=_("Decisions it influenced"),
        queryset=Decision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_anonymous = forms.BooleanField(
        label=_("I have checked: it names nobody and holds no dates of birth, addresses or "
                "phone numbers"),
        required=False,
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = Action.objects.filter(  # type: ignore[attr-defined]
            commitment__theme__strategy__partnership=partnership
        )
        self.fields["decisions"].queryset = Decision.objects.filter(  # type: ignore[attr-defined]
            meeting__group__partnership=partnership
        )

    def item_data(self) -> dict[str, Any]:
        skip = {"actions", "decisions", "confirm_anonymous", "version"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class CommitmentsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.ref} {read(obj, 'text').text}".strip()[:150]


class AgendaItemForm(GovukForm):
    """An agenda item and what it concerns: lists of the partnership's own plan actions,
    commitments, progress rounds and indicators, as checkboxes (no JavaScript needed)."""

    title_en, title_cy = _bilingual(_("Item (English)"), _("Item (Welsh)"))
    actions = ActionsChoiceField(
        label=_("Plan actions it concerns"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commitments = CommitmentsChoiceField(
        label=_("Commitments it concerns"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rounds = forms.ModelMultipleChoiceField(
        label=_("Progress rounds it concerns"),
        queryset=AgendaItem.rounds.field.related_model.objects.none(),  # type: ignore[attr-defined]
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.TypedMultipleChoiceField(
        label=_("Indicators it concerns"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose the partnership’s own indicators")},
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        in_partnership = {"commitment__theme__strategy__partnership": partnership}
        self.fields["actions"].queryset = Action.objects.filter(**in_partnership)  # type: ignore[attr-defined]
        self.fields["commitments"].queryset = Commitment.objects.filter(  # type: ignore[attr-defined]
            theme__strategy__partnership=partnership
        )
        # Progress rounds belong to a sibling app: reached through the agenda item's own
        # relation rather than an import of progress.
        rounds: Any = AgendaItem.rounds.field.related_model
        self.fields["rounds"].queryset = rounds.objects.filter(  # type: ignore[attr-defined]
            strategy__partnership=partnership
        ).select_related("strategy")
        choices = indicators.choices(partnership.pk)
        if choices:
            self.fields["indicators"].choices = choices  # type: ignore[attr-defined]
        else:
            del self.fields["indicators"]

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_for(item: AgendaItem) -> dict[str, Any]:
        return {
            "title_en": item.title_en, "title_cy": item.title_cy,
            "actions": item.actions.all(), "commitments": item.commitments.all(),
            "rounds": item.rounds.all(), "indicators": item.indicator_ids,
            "version": item.version,
        }  # fmt: skip

    def item_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("title_en", "title_cy")}

    def link_data(self) -> dict[str, Any]:
        return {
            "actions": self.cleaned_data["actions"],
            "commitments": self.cleaned_data["commitments"],
            "rounds": self.cleaned_data["rounds"],
            "indicator_ids": self.cleaned_data.get("indicators", []),
        }


class GroupActionsForm(GovukForm):
    actions = ActionsChoiceField(
        label=_("Plan actions it owns or oversees"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = Action.objects.filter(  # type: ignore[attr-defined]
            commitment__theme__strategy__partnership=partnership
        )


class LogUpdateForm(GovukForm):
    status = forms.ChoiceField(label=_("Status"), choices=LogStatus.choices)
    updates = forms.CharField(
        label=_("Updates"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ExternalBodyForm(GovukForm):
    name_en, name_cy = _bilingual(_("Name (English)"), _("Name (Welsh)"))
    url = forms.URLField(
        label=_("Web address"), required=False, max_length=500, assume_scheme="https"
    )


class PaperForm(GovukForm):
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=200)
    title_cy = forms.CharField(label=_("Title (Welsh)"), required=False, max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument."),
        error_messages={"required": _("Choose a file to add")},
    )


class TermsDocumentForm(GovukForm):
    file = forms.FileField(
        label=_("Terms of reference document"),
        help_text=_("PDF, Word or OpenDocument. It replaces the document there now."),
        error_messages={"required": _("Choose a file to add")},
    )


class ConfirmForm(GovukForm):
    """A delete is a POST from a page that says what will go; nothing else to fill in."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
