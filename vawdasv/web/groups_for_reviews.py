"""Governance groups for the reviews app's dissemination log.

Reviews and governance are siblings and never import each other; the web layer, above both,
hands reviews this provider at start-up (`WebConfig.ready`).
"""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from vawdasv.governance.models import Group
from vawdasv.governance.selectors import groups_of
from vawdasv.lib.bilingual import read
from vawdasv.reviews.groups import GroupProvider, GroupRef


def _ref(group: Group) -> GroupRef:
    return GroupRef(
        group.pk, read(group, "name").text, reverse("governance:group", args=[group.pk])
    )


def _groups_of(partnership_id: int) -> list[GroupRef]:
    return [_ref(group) for group in groups_of(partnership_id)]


def _resolve(group_ids: Collection[int]) -> dict[int, GroupRef]:
    return {group.pk: _ref(group) for group in Group.objects.filter(pk__in=list(group_ids))}


PROVIDER = GroupProvider(groups_of=_groups_of, resolve=_resolve)
