"""The demo's governance: the twelve groups the 2018/19 progress report lists with how often
each meets, the quarterly reporting line to the Regional Safeguarding Board, and a year of
Steering Group meetings with attendance, approved minutes and a decision that amended an
action's timescale. Everything is written through the governance services; every piece of
text that is not from the report says it is a demonstration value.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from vawdasv.audit.models import AuditEntry
from vawdasv.demo.history import DEMONSTRATION_CY, DEMONSTRATION_EN
from vawdasv.governance import services
from vawdasv.governance.enums import AttendanceStatus, Frequency, GroupKind, VoiceSource
from vawdasv.governance.models import (
    AgendaItem,
    Attendance,
    Decision,
    ExternalBody,
    Group,
    LogItem,
    Meeting,
    MeetingPaper,
    Seat,
    TermsDocument,
    VoiceItem,
)
from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Action, Strategy


@dataclass(frozen=True)
class DemoGroup:
    name_en: str
    name_cy: str
    kind: str
    frequency: str


STEERING_GROUP = DemoGroup(
    "Regional VAWDASV Steering Group", "Grŵp Llywio Rhanbarthol VAWDASV",
    GroupKind.STEERING_GROUP, Frequency.QUARTERLY,
)  # fmt: skip
# As listed in the 2018/19 progress report, with its frequencies; the Welsh names are ours.
_REPORTED = (
    ("Regional VAWDASV Commissioning Board", "Bwrdd Comisiynu Rhanbarthol VAWDASV",
     GroupKind.COMMISSIONING_BOARD, Frequency.MONTHLY),
    ("Ask & Act, Education and Training Group",
     "Grŵp Gofyn a Gweithredu, Addysg a Hyfforddiant", GroupKind.SUB_GROUP, Frequency.QUARTERLY),
    ("Sexual Violence Strategic Group", "Grŵp Strategol Trais Rhywiol",
     GroupKind.SUB_GROUP, Frequency.QUARTERLY),
    ("White Ribbon Steering Group", "Grŵp Llywio Rhuban Gwyn",
     GroupKind.STEERING_GROUP, Frequency.BI_MONTHLY),
    ("Cardiff and Vale VAWDASV Universities and Colleges Group",
     "Grŵp Prifysgolion a Cholegau VAWDASV Caerdydd a’r Fro",
     GroupKind.SUB_GROUP, Frequency.QUARTERLY),
    ("Domestic Homicide Review Panels (local)",
     "Paneli Adolygu Dynladdiad Domestig (lleol)", GroupKind.PANEL, Frequency.AS_NECESSARY),
    ("VAWDASV Executives (local)", "Gweithrediaethau VAWDASV (lleol)",
     GroupKind.EXECUTIVE, Frequency.QUARTERLY),
    ("MARAC Steering Groups (local)", "Grwpiau Llywio MARAC (lleol)",
     GroupKind.STEERING_GROUP, Frequency.QUARTERLY),
    ("Cardiff and Vale Sex Work Steering Group",
     "Grŵp Llywio Gwaith Rhyw Caerdydd a’r Fro", GroupKind.STEERING_GROUP, Frequency.QUARTERLY),
    ("Professional Interest Forum", "Fforwm Diddordeb Proffesiynol",
     GroupKind.FORUM, Frequency.BIANNUALLY),
    ("Specialist Domestic Violence Court Steering Group",
     "Grŵp Llywio’r Llys Trais Domestig Arbenigol",
     GroupKind.STEERING_GROUP, Frequency.QUARTERLY),
)  # fmt: skip
SUB_GROUPS = tuple(DemoGroup(*entry) for entry in _REPORTED)

MEETING_DAYS = (
    datetime.date(2025, 12, 11),
    datetime.date(2026, 3, 12),
    datetime.date(2026, 6, 12),
    datetime.date(2026, 9, 10),
)
DECISION_DAY = datetime.date(2026, 6, 12)
NEW_TIMESCALE = "Mar 2027"
# Attendance by seat (in seat order) at each meeting: a plausible year, not a real one.
ATTENDANCE = (
    ("present", "present", "deputy", "present", "apologies", "present"),
    ("present", "apologies", "present", "present", "present", "absent"),
    ("present", "present", "present", "deputy", "present", "present"),
    ("deputy", "present", "apologies", "present", "present", "present"),
)


# "You said, we did": invented for the demonstration, and marked so wherever they appear.
VOICE = (
    (("Refuges need room for teenage sons as well as younger children.",
      "Mae angen lle mewn llochesau i feibion yn eu harddegau yn ogystal â phlant iau."),
     ("We asked providers to plan family rooms for older children in the next tender.",
      "Gofynnom i ddarparwyr gynllunio ystafelloedd teulu i blant hŷn yn y tendr nesaf."), True),
    (("The helpline should answer later in the evening at weekends.",
      "Dylai’r llinell gymorth ateb yn hwyrach gyda’r nos ar benwythnosau."),
     ("We extended the weekend hours of the regional helpline to 10pm.",
      "Estynnwyd oriau penwythnos y llinell gymorth ranbarthol i 10pm."), True),
    (("Court waiting areas still put survivors next to the other party.",
      "Mae ardaloedd aros y llys yn dal i roi goroeswyr wrth ymyl y parti arall."),
     ("We raised separate waiting areas with the court user group.",
      "Codwyd ardaloedd aros ar wahân gyda grŵp defnyddwyr y llys."), False),
)  # fmt: skip


def _reset(partnership: Partnership) -> None:
    """Remove the partnership's governance records and their audit so a reload starts clean."""
    types = ContentType.objects.get_for_models(
        ExternalBody,
        Group,
        Seat,
        Meeting,
        AgendaItem,
        Attendance,
        Decision,
        LogItem,
        VoiceItem,
        MeetingPaper,
        TermsDocument,
    ).values()
    AuditEntry.objects.filter(partnership=partnership, content_type__in=types).delete()
    # Minutes point at the meeting that approved them (protected); unhook before deleting.
    Meeting.objects.filter(group__partnership=partnership).update(minutes_approved_at=None)
    Group.objects.filter(partnership=partnership).delete()
    ExternalBody.objects.filter(partnership=partnership).delete()
    VoiceItem.objects.filter(partnership=partnership).delete()


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _demo(text_en: str, text_cy: str) -> dict[str, str]:
    return {"en": f"{DEMONSTRATION_EN} {text_en}", "cy": f"{DEMONSTRATION_CY} {text_cy}"}


def load_demo_governance(
    *, partnership: Partnership, strategy: Strategy, people: Mapping[str, Any]
) -> Group:
    """Build the demo's groups and the Steering Group's year; returns the Steering Group."""
    _reset(partnership)
    actor = people["alys"]
    board = services.create_external_body(
        actor=actor, partnership=partnership,
        data={"name_en": "Regional Safeguarding Board", "name_cy": "Bwrdd Diogelu Rhanbarthol"},
    )  # fmt: skip
    minutes = _demo("Minutes of the meeting.", "Cofnodion y cyfarfod.")
    steering = services.create_group(
        actor=actor, partnership=partnership,
        data={
            "name_en": STEERING_GROUP.name_en, "name_cy": STEERING_GROUP.name_cy,
            "kind": STEERING_GROUP.kind, "frequency": STEERING_GROUP.frequency,
            "reports_to_body": board, "quorum_organisations": 4,
            "purpose_en": _demo("Oversees the delivery of the regional strategy and reports "
                                "to the Regional Safeguarding Board every quarter.", "")["en"],
            "purpose_cy": _demo("", "Yn goruchwylio cyflawni’r strategaeth ranbarthol ac yn "
                                "adrodd i’r Bwrdd Diogelu Rhanbarthol bob chwarter.")["cy"],
            "review_date": datetime.date(2027, 3, 31),
        },
    )  # fmt: skip
    for entry in SUB_GROUPS:
        services.create_group(
            actor=actor, partnership=partnership,
            data={"name_en": entry.name_en, "name_cy": entry.name_cy, "kind": entry.kind,
                  "frequency": entry.frequency, "reports_to_group": steering},
        )  # fmt: skip
    seats = [
        services.add_seat(
            actor=actor,
            group=steering,
            data={"organisation": organisation, "member_name": DEMONSTRATION_EN.strip("()")},
        )
        for organisation in partnership.organisations.order_by("name_en")[:6]
    ]
    actions = list(Action.objects.for_strategy(strategy).order_by("commitment", "order", "pk")[:5])
    services.set_group_actions(actor=actor, group=steering, actions=actions)
    meetings = [
        services.create_meeting(
            actor=actor,
            group=steering,
            data={"starts_at": _at(day), "place": "Cardiff (demonstration value)"},
        )
        for day in MEETING_DAYS
    ]
    agenda_title = _demo("Progress on the plan", "Cynnydd ar y cynllun")
    for meeting in meetings:
        # Each meeting looks at the actions the group oversees and the commitment they serve.
        services.add_agenda_item(
            actor=actor, meeting=meeting,
            data={"title_en": agenda_title["en"], "title_cy": agenda_title["cy"]},
            actions=actions[:2], commitments=[a.commitment for a in actions[:1]],
        )  # fmt: skip
    for meeting, statuses in zip(meetings, ATTENDANCE, strict=True):
        services.record_attendance(
            actor=actor, meeting=meeting,
            statuses={s.pk: AttendanceStatus(v) for s, v in zip(seats, statuses, strict=False)},
            survivor_representatives=1,
        )  # fmt: skip
        services.save_minutes(
            actor=actor, meeting=meeting, minutes_en=minutes["en"], minutes_cy=minutes["cy"]
        )
    for earlier, later in itertools.pairwise(meetings):
        services.approve_minutes(actor=actor, meeting=earlier, at_meeting=later)
    decision_meeting = next(m for m in meetings if m.starts_at.date() == DECISION_DAY)
    if actions:
        what = _demo(
            f"Extend the timescale of this action to {NEW_TIMESCALE}.",
            "Ymestyn amserlen y cam gweithredu hwn i Fawrth 2027.",
        )
        services.record_decision(
            actor=actor, meeting=decision_meeting,
            data={"what_en": what["en"], "what_cy": what["cy"], "action": actions[0]},
            plan_changes={"timescale_text": NEW_TIMESCALE},
        )  # fmt: skip
    for said, response, consent in VOICE:
        services.save_voice_item(
            actor=actor, partnership=partnership,
            data={"source": VoiceSource.SURVIVOR_PANEL, "heard_on": datetime.date(2026, 5, 14),
                  "said_en": _demo(said[0], "")["en"], "said_cy": _demo("", said[1])["cy"],
                  "response_en": _demo(response[0], "")["en"],
                  "response_cy": _demo("", response[1])["cy"],
                  "consent_to_publish": consent, "published": consent},
            actions=actions[:1],
        )  # fmt: skip
    return steering
