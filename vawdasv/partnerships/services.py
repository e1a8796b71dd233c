"""Writing organisations and a partnership's list of member organisations.

Like `plans.services`: each function runs in one transaction, checks permission, writes and
records an audit entry naming the source (for example the plan import that named a new lead).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from vawdasv.audit import kernel, origins
from vawdasv.audit import services as audit
from vawdasv.audit.origins import Origin
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Membership, Organisation, Partnership

ORGANISATION_FIELDS = ("slug", "name_en", "name_cy", "short_name", "organisation_type")


def _require_manager(actor: Any, partnership: Partnership) -> None:
    # The regional team that manages a partnership's plans also keeps its lists.
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))


def find_organisation(*, slug: str, name_en: str = "") -> Organisation | None:
    """An existing organisation with this slug, or failing that with this name."""
    found = Organisation.objects.filter(slug=slug).first()
    if found is None and name_en:
        found = Organisation.objects.filter(name_en__iexact=name_en).order_by("pk").first()
    return found


@transaction.atomic
def get_or_create_organisation(
    *,
    actor: Any,
    partnership: Partnership,
    slug: str,
    name_en: str,
    organisation_type: str,
    name_cy: str = "",
    short_name: str = "",
    source: Origin | str = "",
) -> tuple[Organisation, bool]:
    """The organisation with this slug (or name), created if no such body exists yet.

    Organisations are shared across Wales, so an existing one is used as it is, never renamed.
    Creating one needs the right to manage the partnership on whose behalf it is added.
    """
    _require_manager(actor, partnership)
    existing = find_organisation(slug=slug, name_en=name_en)
    if existing is not None:
        return existing, False
    organisation = Organisation(
        slug=slug,
        name_en=name_en,
        name_cy=name_cy,
        short_name=short_name,
        organisation_type=organisation_type,
    )
    organisation.full_clean()
    organisation.save()
    kernel.created(
        actor=actor,
        instance=organisation,
        fields=ORGANISATION_FIELDS,
        partnership=partnership,
        origin=source,
    )
    return organisation, True


@transaction.atomic
def add_member_organisations(
    *,
    actor: Any,
    partnership: Partnership,
    organisations: Iterable[Organisation],
    source: Origin | str = "",
) -> list[Organisation]:
    """Add organisations to the partnership's members; returns those that were not yet members."""
    _require_manager(actor, partnership)
    current = set(partnership.organisations.values_list("pk", flat=True))
    added: list[Organisation] = []
    for organisation in organisations:
        if organisation.pk not in current and organisation not in added:
            added.append(organisation)
    if not added:
        return []
    before = audit.snapshot(partnership, ("organisations",))
    partnership.organisations.add(*added)
    kernel.record_changes(
        actor=actor,
        instance=partnership,
        before=before,
        fields=("organisations",),
        partnership=partnership,
        origin=source,
    )
    return added


# Memberships changed in the Django admin by the platform superuser (issue 8, finding 7): the
# role someone holds decides what they may change, so every grant, change and removal is audited.
MEMBERSHIP_FIELDS = ("user", "partnership", "role")


@transaction.atomic
def save_membership_from_admin(
    *, actor: Any, membership: Membership, before: dict[str, Any] | None
) -> Membership:
    """Save a membership added or changed in the admin; `before` is None for a new one."""
    kernel.require(permissions.can_grant_privileges(actor))
    if before is None:
        membership.save()
        kernel.created(
            actor=actor,
            instance=membership,
            fields=MEMBERSHIP_FIELDS,
            partnership=membership.partnership,
            origin=origins.ADMIN,
        )
    else:
        kernel.save_changes(
            actor=actor,
            instance=membership,
            before=before,
            fields=MEMBERSHIP_FIELDS,
            partnership=membership.partnership,
            origin=origins.ADMIN,
        )
    return membership


@transaction.atomic
def delete_membership_from_admin(*, actor: Any, membership: Membership) -> None:
    kernel.require(permissions.can_grant_privileges(actor))
    kernel.delete(
        actor=actor,
        instance=membership,
        fields=MEMBERSHIP_FIELDS,
        partnership=membership.partnership,
        origin=origins.ADMIN,
    )
