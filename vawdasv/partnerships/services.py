"""Writing organisations and a partnership's list of member organisations.

Like `plans.services`: each function runs in one transaction, checks permission, writes and
records an audit entry naming the source (for example the plan import that named a new lead).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from vawdasv.audit import services as audit
from vawdasv.audit.models import Verb
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Organisation, Partnership

ORGANISATION_FIELDS = ("slug", "name_en", "name_cy", "short_name", "organisation_type")
SETTING_FIELDS = ("lead_officers_edit_actions",)


def _require_manager(actor: Any, partnership: Partnership) -> None:
    # The regional team that manages a partnership's plans also keeps its list of partners.
    if not permissions.can_manage_plans(actor, partnership.pk):
        raise PermissionDenied(_("You do not have permission to change this."))


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
    source: str = "",
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
    audit.record(
        actor=actor,
        instance=organisation,
        verb=Verb.CREATED,
        changes=audit.diff({}, audit.snapshot(organisation, ORGANISATION_FIELDS)),
        partnership=partnership,
        source=source,
    )
    return organisation, True


@transaction.atomic
def add_member_organisations(
    *, actor: Any, partnership: Partnership, organisations: Iterable[Organisation], source: str = ""
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
    audit.record(
        actor=actor,
        instance=partnership,
        verb=Verb.UPDATED,
        changes=audit.diff(before, audit.snapshot(partnership, ("organisations",))),
        partnership=partnership,
        source=source,
    )
    return added


@transaction.atomic
def set_lead_officer_direct_edits(*, actor: Any, partnership: Partnership, allowed: bool) -> bool:
    """Let lead officers edit their own organisation's actions directly, or stop them.

    Returns whether anything changed; a change is audited.
    """
    if not permissions.can_change_partnership_settings(actor, partnership.pk):
        raise PermissionDenied(_("You do not have permission to change this."))
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if locked.lead_officers_edit_actions == allowed:
        return False
    before = audit.snapshot(locked, SETTING_FIELDS)
    locked.lead_officers_edit_actions = allowed
    locked.save(update_fields=["lead_officers_edit_actions"])
    partnership.lead_officers_edit_actions = allowed
    audit.record(
        actor=actor,
        instance=locked,
        verb=Verb.UPDATED,
        changes=audit.diff(before, audit.snapshot(locked, SETTING_FIELDS)),
        partnership=locked,
    )
    return True
