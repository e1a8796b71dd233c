"""Every change to groups, meetings, minutes, decisions and action logs goes through here.

Each function runs in one transaction, checks the rule in partnerships/permissions.py, writes
through the audit kernel and leaves one audit entry. A decision that changes the plan is applied
by `plans.services.update_action` with the meeting as its origin, so the action's own history
says at which meeting it was amended.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vawdasv.audit import kernel, origins
from vawdasv.audit import services as audit
from vawdasv.governance import anonymise, indicators
from vawdasv.governance.anonymise import Finding
from vawdasv.governance.enums import AttendanceStatus, MinutesStatus
from vawdasv.governance.models import (
    AgendaItem,
    Attendance,
    CalendarToken,
    Decision,
    ExternalBody,
    Group,
    LogItem,
    Meeting,
    Seat,
    VoiceItem,
)
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans import services as plan_services
from vawdasv.plans.models import Action, Commitment

M = TypeVar("M", bound=models.Model)

BODY_FIELDS = ("name_en", "name_cy", "url")
GROUP_FIELDS = (
    "name_en", "name_cy", "kind", "reports_to_group", "reports_to_body", "purpose_en",
    "purpose_cy", "quorum_organisations", "frequency", "chair", "review_date",
)  # fmt: skip
SEAT_FIELDS = ("organisation", "role", "member_name", "deputy_name")
MEETING_FIELDS = ("starts_at", "ends_at", "place", "online", "guests", "survivor_representatives")
AGENDA_FIELDS = ("order", "title_en", "title_cy", "indicator_ids")
DECISION_FIELDS = (
    "what_en", "what_cy", "why_en", "why_cy", "alternatives_en", "alternatives_cy", "action",
)  # fmt: skip
LOG_FIELDS = (
    "text_en", "text_cy", "owner_organisation", "owner_person", "due_date", "status", "updates",
)  # fmt: skip
MINUTES_FIELDS = (
    "minutes_en", "minutes_cy", "minutes_status", "minutes_approved_at", "minutes_approved_by",
    "minutes_approved_on",
)  # fmt: skip
# What a decision may change in a plan action (through the plan services, never directly).
PLAN_CHANGE_FIELDS = frozenset(
    {"timescale_text", "text_en", "text_cy", "evidence_en", "evidence_cy"}
)


def _require_manager(actor: Any, partnership_id: int) -> None:
    kernel.require(permissions.can_manage_governance(actor, partnership_id))


def _require_text(data: Mapping[str, Any], field: str, message: str) -> None:
    if (
        not str(data.get(f"{field}_en") or "").strip()
        and not str(data.get(f"{field}_cy") or "").strip()
    ):
        raise ValidationError({f"{field}_en": message})


def _set(instance: M, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=[f.name for f in instance._meta.fields if f.name not in fields])


def _create(
    *, actor: Any, instance: M, data: Mapping[str, Any], fields: tuple[str, ...],
    partnership: Partnership,
) -> M:  # fmt: skip
    _set(instance, data, fields)
    instance.save()
    kernel.created(actor=actor, instance=instance, fields=fields, partnership=partnership)
    return instance


def _update(
    *, actor: Any, instance: M, data: Mapping[str, Any], fields: tuple[str, ...],
    partnership: Partnership, expected_version: int | None,
) -> M:  # fmt: skip
    locked = kernel.lock(instance, expected_version)
    before = audit.snapshot(locked, fields)
    _set(locked, data, fields)
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=fields, partnership=partnership,
        bump_version=True,
    )  # fmt: skip
    return locked


# Groups and external bodies ----------------------------------------------------------------


@transaction.atomic
def create_external_body(
    *, actor: Any, partnership: Partnership, data: Mapping[str, Any]
) -> ExternalBody:
    _require_manager(actor, partnership.pk)
    _require_text(data, "name", _("Enter the body’s name in English or Welsh"))
    return _create(
        actor=actor, instance=ExternalBody(partnership=partnership), data=data,
        fields=BODY_FIELDS, partnership=partnership,
    )  # fmt: skip


def _check_reporting_line(group: Group, data: Mapping[str, Any]) -> None:
    parent = data.get("reports_to_group", group.reports_to_group)
    body = data.get("reports_to_body", group.reports_to_body)
    if parent is not None and body is not None:
        raise ValidationError(
            {"reports_to_group": _("Choose a group or an external body to report to, not both")}
        )
    if body is not None and body.partnership_id != group.partnership_id:
        raise ValidationError({"reports_to_body": _("Choose one of the partnership’s bodies")})
    seen = {group.pk}
    while parent is not None:
        if parent.partnership_id != group.partnership_id:
            raise ValidationError(
                {"reports_to_group": _("Choose one of the partnership’s own groups")}
            )
        if parent.pk in seen:
            raise ValidationError(
                {"reports_to_group": _("A group cannot report, even indirectly, to itself")}
            )
        seen.add(parent.pk)
        parent = parent.reports_to_group


@transaction.atomic
def create_group(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Group:
    _require_manager(actor, partnership.pk)
    _require_text(data, "name", _("Enter the group’s name in English or Welsh"))
    group = Group(partnership=partnership)
    _check_reporting_line(group, data)
    return _create(
        actor=actor, instance=group, data=data, fields=GROUP_FIELDS, partnership=partnership
    )


@transaction.atomic
def update_group(
    *, actor: Any, group: Group, data: Mapping[str, Any], expected_version: int | None = None
) -> Group:
    _require_manager(actor, group.partnership_id)
    if "name_en" in data or "name_cy" in data:
        merged = {"name_en": group.name_en, "name_cy": group.name_cy, **data}
        _require_text(merged, "name", _("Enter the group’s name in English or Welsh"))
    _check_reporting_line(group, data)
    return _update(
        actor=actor, instance=group, data=data, fields=GROUP_FIELDS,
        partnership=group.partnership, expected_version=expected_version,
    )  # fmt: skip


@transaction.atomic
def set_group_actions(*, actor: Any, group: Group, actions: Iterable[Action]) -> Group:
    """The plan actions a group owns or oversees (the partnership's own actions only)."""
    _require_manager(actor, group.partnership_id)
    actions = list(actions)
    if any(a.commitment.theme.strategy.partnership_id != group.partnership_id for a in actions):
        raise ValidationError({"actions": _("Choose actions from the partnership’s own plans")})
    before = audit.snapshot(group, ("actions",))
    group.actions.set(actions)
    kernel.record_changes(
        actor=actor, instance=group, before=before, fields=("actions",),
        partnership=group.partnership,
    )  # fmt: skip
    return group


@transaction.atomic
def add_seat(*, actor: Any, group: Group, data: Mapping[str, Any]) -> Seat:
    _require_manager(actor, group.partnership_id)
    organisation = data.get("organisation")
    if (
        organisation is None
        or not group.partnership.organisations.filter(pk=organisation.pk).exists()
    ):
        raise ValidationError({"organisation": _("Choose one of the partnership’s organisations")})
    return _create(
        actor=actor, instance=Seat(group=group), data=data, fields=SEAT_FIELDS,
        partnership=group.partnership,
    )  # fmt: skip


@transaction.atomic
def update_seat(
    *, actor: Any, seat: Seat, data: Mapping[str, Any], expected_version: int | None = None
) -> Seat:
    _require_manager(actor, seat.group.partnership_id)
    if "organisation" in data:
        raise ValidationError({"organisation": _("Add a new seat for another organisation")})
    return _update(
        actor=actor, instance=seat, data=data, fields=SEAT_FIELDS,
        partnership=seat.group.partnership, expected_version=expected_version,
    )  # fmt: skip


@transaction.atomic
def delete_seat(*, actor: Any, seat: Seat, expected_version: int | None = None) -> None:
    """Take a seat off a group. A seat with attendance recorded is part of past meetings'
    quorum, so it stays (change its member instead)."""
    _require_manager(actor, seat.group.partnership_id)
    locked = kernel.lock(seat, expected_version)
    if locked.attendance.exists():
        raise ValidationError(
            _("This seat has attendance recorded at past meetings, so it cannot be removed. "
              "Change its member instead.")
        )  # fmt: skip
    kernel.delete(
        actor=actor, instance=locked, partnership=seat.group.partnership, fields=SEAT_FIELDS
    )


# Meetings -----------------------------------------------------------------------------------


def _check_times(data: Mapping[str, Any], meeting: Meeting) -> None:
    starts = data.get("starts_at", meeting.starts_at)
    ends = data.get("ends_at", meeting.ends_at)
    if starts and ends and ends <= starts:
        raise ValidationError({"ends_at": _("The meeting must end after it starts")})


@transaction.atomic
def create_meeting(*, actor: Any, group: Group, data: Mapping[str, Any]) -> Meeting:
    _require_manager(actor, group.partnership_id)
    meeting = Meeting(group=group)
    _check_times(data, meeting)
    return _create(
        actor=actor, instance=meeting, data=data, fields=MEETING_FIELDS,
        partnership=group.partnership,
    )  # fmt: skip


@transaction.atomic
def update_meeting(
    *, actor: Any, meeting: Meeting, data: Mapping[str, Any], expected_version: int | None = None
) -> Meeting:
    _require_manager(actor, meeting.group.partnership_id)
    _check_times(data, meeting)
    return _update(
        actor=actor, instance=meeting, data=data, fields=MEETING_FIELDS,
        partnership=meeting.group.partnership, expected_version=expected_version,
    )  # fmt: skip


@transaction.atomic
def delete_meeting(*, actor: Any, meeting: Meeting, expected_version: int | None = None) -> None:
    """Delete a meeting recorded by mistake, with its agenda, papers, attendance and action log.

    A meeting with decisions or minutes is the record of what was decided and stays; so does
    one at which other minutes were approved.
    """
    partnership = meeting.group.partnership
    _require_manager(actor, partnership.pk)
    locked = kernel.lock(meeting, expected_version)
    if (
        locked.decisions.exists()
        or locked.minutes_status != MinutesStatus.NONE
        or locked.approved_minutes_of.exists()
    ):
        raise ValidationError(
            _("This meeting has minutes or decisions, so it is part of the record and cannot "
              "be deleted.")
        )  # fmt: skip
    kernel.delete(actor=actor, instance=locked, partnership=partnership, fields=MEETING_FIELDS)


def _agenda_links(
    partnership: Partnership, actions: Iterable[Action], commitments: Iterable[Commitment],
    rounds: Iterable[Any], indicator_ids: Iterable[int],
) -> tuple[list[Action], list[Commitment], list[Any], list[int]]:  # fmt: skip
    """What an agenda item concerns, each checked to be the partnership's own."""
    actions, commitments, rounds = list(actions), list(commitments), list(rounds)
    if any(a.commitment.theme.strategy.partnership_id != partnership.pk for a in actions):
        raise ValidationError({"actions": _("Choose actions from the partnership’s own plans")})
    if any(c.theme.strategy.partnership_id != partnership.pk for c in commitments):
        raise ValidationError(
            {"commitments": _("Choose commitments from the partnership’s own plans")}
        )
    if any(r.strategy.partnership_id != partnership.pk for r in rounds):
        raise ValidationError({"rounds": _("Choose the partnership’s own progress rounds")})
    try:
        checked_ids = indicators.valid_ids(partnership.pk, indicator_ids)
    except ValueError as error:
        raise ValidationError(
            {"indicators": _("Choose the partnership’s own indicators")}
        ) from error
    return actions, commitments, rounds, checked_ids


AGENDA_LINK_FIELDS = ("actions", "commitments", "rounds")


@transaction.atomic
def add_agenda_item(
    *, actor: Any, meeting: Meeting, data: Mapping[str, Any], actions: Iterable[Action] = (),
    commitments: Iterable[Commitment] = (), rounds: Iterable[Any] = (),
    indicator_ids: Iterable[int] = (),
) -> AgendaItem:  # fmt: skip
    """An agenda item, optionally linked to the partnership's plan actions, commitments,
    progress rounds and indicators (ids checked through governance.indicators)."""
    partnership = meeting.group.partnership
    _require_manager(actor, partnership.pk)
    _require_text(data, "title", _("Enter the agenda item in English or Welsh"))
    actions, commitments, rounds, checked_ids = _agenda_links(
        partnership, actions, commitments, rounds, indicator_ids
    )
    values = {"order": meeting.agenda_items.count() + 1, **data, "indicator_ids": checked_ids}
    item = _set_and_save_agenda(meeting, values)
    item.actions.set(actions)
    item.commitments.set(commitments)
    item.rounds.set(rounds)
    kernel.created(
        actor=actor, instance=item, fields=(*AGENDA_FIELDS, *AGENDA_LINK_FIELDS),
        partnership=partnership,
    )  # fmt: skip
    return item


@transaction.atomic
def update_agenda_item(
    *, actor: Any, item: AgendaItem, data: Mapping[str, Any], actions: Iterable[Action] = (),
    commitments: Iterable[Commitment] = (), rounds: Iterable[Any] = (),
    indicator_ids: Iterable[int] = (), expected_version: int | None = None,
) -> AgendaItem:  # fmt: skip
    """Change an agenda item's words and what it concerns (the links are replaced)."""
    partnership = item.meeting.group.partnership
    _require_manager(actor, partnership.pk)
    merged = {"title_en": item.title_en, "title_cy": item.title_cy, **data}
    _require_text(merged, "title", _("Enter the agenda item in English or Welsh"))
    actions, commitments, rounds, checked_ids = _agenda_links(
        partnership, actions, commitments, rounds, indicator_ids
    )
    fields = (*AGENDA_FIELDS, *AGENDA_LINK_FIELDS)
    locked = kernel.lock(item, expected_version)
    before = audit.snapshot(locked, fields)
    _set(locked, {**data, "indicator_ids": checked_ids}, AGENDA_FIELDS)
    locked.actions.set(actions)
    locked.commitments.set(commitments)
    locked.rounds.set(rounds)
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=fields, partnership=partnership,
        bump_version=True,
    )  # fmt: skip
    return locked


@transaction.atomic
def delete_agenda_item(
    *, actor: Any, item: AgendaItem, expected_version: int | None = None
) -> None:
    partnership = item.meeting.group.partnership
    _require_manager(actor, partnership.pk)
    locked = kernel.lock(item, expected_version)
    kernel.delete(actor=actor, instance=locked, partnership=partnership, fields=AGENDA_FIELDS)


def _set_and_save_agenda(meeting: Meeting, values: Mapping[str, Any]) -> AgendaItem:
    item = AgendaItem(meeting=meeting)
    _set(item, values, AGENDA_FIELDS)
    item.save()
    return item


MEETING_COUNT_FIELDS = ("survivor_representatives", "guests")


def _attendance_snapshot(meeting: Meeting) -> dict[str, str]:
    return {
        f"{a.seat}": a.status
        for a in meeting.attendance.select_related("seat__organisation").order_by("seat_id")
    }


@transaction.atomic
def record_attendance(
    *, actor: Any, meeting: Meeting, statuses: Mapping[int, str],
    survivor_representatives: int | None = None, guests: str | None = None,
    expected_version: int | None = None,
) -> Meeting:  # fmt: skip
    """Attendance by seat (seat id → status), with the number of survivor representatives
    present and the guests, as one change to the meeting with one audit entry."""
    partnership = meeting.group.partnership
    _require_manager(actor, partnership.pk)
    locked = kernel.lock(meeting, expected_version)
    seats = {seat.pk: seat for seat in locked.group.seats.select_related("organisation")}
    unknown = set(statuses) - set(seats)
    if unknown:
        raise ValidationError(_("Record attendance only for the group’s own seats"))
    if any(status not in AttendanceStatus.values for status in statuses.values()):
        raise ValidationError(_("Choose present, deputy, apologies or absent for each seat"))
    if survivor_representatives is not None and survivor_representatives < 0:
        raise ValidationError(
            {"survivor_representatives": _("Enter a number of people, 0 or more")}
        )
    before = audit.snapshot(locked, MEETING_COUNT_FIELDS)
    attendance_before = _attendance_snapshot(locked)
    for seat_id, status in statuses.items():
        Attendance.objects.update_or_create(
            meeting=locked, seat=seats[seat_id], defaults={"status": status}
        )
    if survivor_representatives is not None:
        locked.survivor_representatives = survivor_representatives
    if guests is not None:
        locked.guests = guests
    # Attendance is a set of rows, not a field of the meeting: its change goes in as `extra`.
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=MEETING_COUNT_FIELDS,
        partnership=partnership, bump_version=True,
        extra=audit.diff(
            {"attendance": attendance_before}, {"attendance": _attendance_snapshot(locked)}
        ),
    )  # fmt: skip
    return locked


# Minutes ------------------------------------------------------------------------------------


@transaction.atomic
def save_minutes(
    *, actor: Any, meeting: Meeting, minutes_en: str, minutes_cy: str,
    expected_version: int | None = None,
) -> Meeting:  # fmt: skip
    """Draft minutes in English and Welsh. Approved minutes are final and cannot change."""
    partnership = meeting.group.partnership
    _require_manager(actor, partnership.pk)
    locked = kernel.lock(meeting, expected_version)
    if locked.minutes_status == MinutesStatus.APPROVED:
        raise ValidationError(_("These minutes have been approved and can no longer change"))
    if not minutes_en.strip() and not minutes_cy.strip():
        raise ValidationError({"minutes_en": _("Enter the minutes in English or Welsh")})
    before = audit.snapshot(locked, MINUTES_FIELDS)
    locked.minutes_en, locked.minutes_cy = minutes_en, minutes_cy
    locked.minutes_status = MinutesStatus.DRAFT
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=MINUTES_FIELDS,
        partnership=partnership, bump_version=True,
    )  # fmt: skip
    return locked


@transaction.atomic
def approve_minutes(*, actor: Any, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """Minutes are approved at a later meeting of the same group; who and when are kept."""
    partnership = meeting.group.partnership
    _require_manager(actor, partnership.pk)
    locked = kernel.lock(meeting)
    if locked.minutes_status != MinutesStatus.DRAFT:
        raise ValidationError(_("Only draft minutes can be approved"))
    if at_meeting.group_id != locked.group_id or at_meeting.starts_at <= locked.starts_at:
        raise ValidationError(
            {"at_meeting": _("Minutes are approved at a later meeting of the same group")}
        )
    before = audit.snapshot(locked, MINUTES_FIELDS)
    locked.minutes_status = MinutesStatus.APPROVED
    locked.minutes_approved_at = at_meeting
    locked.minutes_approved_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.minutes_approved_on = timezone.now()
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=MINUTES_FIELDS,
        partnership=partnership, origin=origins.meeting(at_meeting), bump_version=True,
    )  # fmt: skip
    return locked


# Decisions and the action log --------------------------------------------------------------


@transaction.atomic
def record_decision(
    *, actor: Any, meeting: Meeting, data: Mapping[str, Any],
    plan_changes: Mapping[str, Any] | None = None,
) -> Decision:  # fmt: skip
    """A record of decision. With `plan_changes` (say a new timescale) its action is changed
    through the plan services, the meeting recorded as where the change came from."""
    partnership = meeting.group.partnership
    _require_manager(actor, partnership.pk)
    _require_text(data, "what", _("Enter the decision in English or Welsh"))
    action: Action | None = data.get("action")
    if action is not None and action.commitment.theme.strategy.partnership_id != partnership.pk:
        raise ValidationError({"action": _("Choose an action from the partnership’s own plans")})
    if plan_changes:
        if action is None:
            raise ValidationError({"action": _("Choose the action the decision changes")})
        unknown = set(plan_changes) - PLAN_CHANGE_FIELDS
        if unknown:
            raise ValueError(f"A decision cannot change: {', '.join(sorted(unknown))}")
        kernel.require(permissions.can_apply_decision_to_plan(actor, partnership.pk))
        plan_services.update_action(
            actor=actor, action=action, data=dict(plan_changes), source=origins.meeting(meeting)
        )
    return _create(
        actor=actor, instance=Decision(meeting=meeting), data=data, fields=DECISION_FIELDS,
        partnership=partnership,
    )  # fmt: skip


@transaction.atomic
def add_log_item(*, actor: Any, meeting: Meeting, data: Mapping[str, Any]) -> LogItem:
    partnership = meeting.group.partnership
    _require_manager(actor, partnership.pk)
    _require_text(data, "text", _("Enter the action in English or Welsh"))
    return _create(
        actor=actor, instance=LogItem(meeting=meeting), data=data, fields=LOG_FIELDS,
        partnership=partnership,
    )  # fmt: skip


@transaction.atomic
def update_log_item(
    *, actor: Any, item: LogItem, data: Mapping[str, Any], expected_version: int | None = None
) -> LogItem:
    partnership = item.meeting.group.partnership
    _require_manager(actor, partnership.pk)
    return _update(
        actor=actor, instance=item, data=data, fields=LOG_FIELDS, partnership=partnership,
        expected_version=expected_version,
    )  # fmt: skip


@transaction.atomic
def delete_log_item(*, actor: Any, item: LogItem, expected_version: int | None = None) -> None:
    partnership = item.meeting.group.partnership
    _require_manager(actor, partnership.pk)
    locked = kernel.lock(item, expected_version)
    kernel.delete(actor=actor, instance=locked, partnership=partnership, fields=LOG_FIELDS)


# Calendar addresses ---------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_calendar_token(*, actor: Any) -> str:
    """A new private calendar address for the actor, revoking any earlier one. The secret is
    returned once and only its hash is kept (nor is it written to the audit)."""
    kernel.require(permissions.can_have_calendar_feed(actor))
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.filter(user=actor).delete()
    entry = CalendarToken.objects.create(user=actor, token_hash=token_hash(token))
    kernel.created(actor=actor, instance=entry, fields=(), partnership=None)
    return token


@transaction.atomic
def revoke_calendar_token(*, actor: Any) -> None:
    kernel.require(permissions.can_have_calendar_feed(actor))
    for entry in CalendarToken.objects.filter(user=actor):
        kernel.delete(actor=actor, instance=entry, partnership=None)


# "You said, we did" ---------------------------------------------------------------------------

VOICE_FIELDS = (
    "source", "heard_on", "said_en", "said_cy", "response_en", "response_cy",
    "consent_to_publish", "published",
)  # fmt: skip


class PossiblyIdentifying(ValidationError):
    """The text may identify someone; the caller shows the findings and asks to confirm."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(
            _("This may identify someone. Check the text, remove anything that could, or "
              "confirm it is anonymous.")
        )  # fmt: skip
        self.findings = findings


def _check_voice(data: Mapping[str, Any], item: VoiceItem, confirmed_anonymous: bool) -> None:
    merged = {name: data.get(name, getattr(item, name)) for name in VOICE_FIELDS}
    _require_text(merged, "said", _("Enter what was said in English or Welsh"))
    if merged["published"] and not merged["consent_to_publish"]:
        raise ValidationError({"published": _("Publish only items with consent to publish")})
    if merged["published"] and not (merged["response_en"] or merged["response_cy"]).strip():
        raise ValidationError({"published": _("Write what was done before publishing")})
    findings = anonymise.scan(
        merged["said_en"], merged["said_cy"], merged["response_en"], merged["response_cy"]
    )
    if findings and not confirmed_anonymous:
        raise PossiblyIdentifying(findings)


def _check_links(
    partnership: Partnership, actions: Iterable[Action], decisions: Iterable[Decision]
) -> None:
    if any(a.commitment.theme.strategy.partnership_id != partnership.pk for a in actions):
        raise ValidationError({"actions": _("Choose actions from the partnership’s own plans")})
    if any(d.meeting.group.partnership_id != partnership.pk for d in decisions):
        raise ValidationError({"decisions": _("Choose the partnership’s own decisions")})


@transaction.atomic
def save_voice_item(
    *, actor: Any, partnership: Partnership, data: Mapping[str, Any],
    actions: Iterable[Action] = (), decisions: Iterable[Decision] = (),
    item: VoiceItem | None = None, confirmed_anonymous: bool = False,
    expected_version: int | None = None,
) -> VoiceItem:  # fmt: skip
    """Create or change a register item, after the anonymisation scan (`PossiblyIdentifying`)."""
    _require_manager(actor, partnership.pk)
    actions, decisions = list(actions), list(decisions)
    _check_links(partnership, actions, decisions)
    fields = (*VOICE_FIELDS, "actions", "decisions")
    if item is None:
        item = VoiceItem(partnership=partnership)
        _check_voice(data, item, confirmed_anonymous)
        _set(item, data, VOICE_FIELDS)
        item.save()
        item.actions.set(actions)
        item.decisions.set(decisions)
        kernel.created(actor=actor, instance=item, fields=fields, partnership=partnership)
        return item
    locked = kernel.lock(item, expected_version)
    _check_voice(data, locked, confirmed_anonymous)
    before = audit.snapshot(locked, fields)
    _set(locked, data, VOICE_FIELDS)
    locked.actions.set(actions)
    locked.decisions.set(decisions)
    kernel.save_changes(
        actor=actor, instance=locked, before=before, fields=fields, partnership=partnership,
        bump_version=True,
    )  # fmt: skip
    return locked


@transaction.atomic
def delete_voice_item(*, actor: Any, item: VoiceItem, expected_version: int | None = None) -> None:
    """Take an item off the register (and so off the public page), audited with its text."""
    _require_manager(actor, item.partnership_id)
    locked = kernel.lock(item, expected_version)
    kernel.delete(actor=actor, instance=locked, partnership=item.partnership, fields=VOICE_FIELDS)
