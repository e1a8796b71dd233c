"""What other apps may show of governance on the public transparency pages: the structure of
a partnership's groups (names, kinds, who reports to whom, as the published strategy itself
describes them) and how many "you said, we did" responses are published. Nothing about
meetings, seats, attendance or minutes, which are for members only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from vawdasv.governance.enums import GroupKind
from vawdasv.governance.models import Group, VoiceItem


@dataclass(frozen=True)
class PublicGroup:
    name_en: str
    name_cy: str
    kind: str  # the words of GroupKind, in the active language
    reports_to_en: str
    reports_to_cy: str


def structure(partnership_id: int) -> list[PublicGroup]:
    """The partnership's groups with the group or outside body each reports to (one query)."""
    groups = Group.objects.filter(partnership_id=partnership_id).select_related(
        "reports_to_group", "reports_to_body"
    )
    result = []
    for group in groups:
        to = group.reports_to_group or group.reports_to_body
        result.append(
            PublicGroup(
                group.name_en,
                group.name_cy,
                str(GroupKind(group.kind).label),
                to.name_en if to else "",
                to.name_cy if to else "",
            )
        )
    return result


def published_voice(partnership_id: int) -> QuerySet[VoiceItem]:
    """The "you said, we did" entries the public page shows: consented, published, answered."""
    return VoiceItem.objects.filter(
        partnership_id=partnership_id, consent_to_publish=True, published=True
    ).exclude(response_en="", response_cy="")
