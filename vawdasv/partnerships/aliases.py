"""A partnership's alias list: the shorthand its plans use for organisations ("SWP", "VoG").

Every write goes through the functions here: they check that the actor manages the
partnership's plans, validate, write and record an audit entry, in one transaction.
`aliases_for` turns the list (with the member organisations' own names) into the `AliasTable`
the plan importer resolves lead names through; names it does not know are still proposed as
new organisations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.origins import Origin
from vawdasv.partnerships import permissions
from vawdasv.partnerships.leads import AliasTable, OrganisationEntry, normalise_name
from vawdasv.partnerships.models import Organisation, OrganisationAlias, Partnership

ALIAS_FIELDS = ("alias", "organisation")
MAX_ALIAS_LENGTH = 200  # OrganisationAlias.alias


def _require_manager(actor: Any, partnership: Partnership) -> None:
    # The regional team that manages a partnership's plans also keeps its lists.
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))


def aliases_of(partnership: Partnership) -> QuerySet[OrganisationAlias]:
    """The partnership's aliases in alphabetical order, with their organisations."""
    return partnership.organisation_aliases.select_related("organisation").order_by(
        "normalised", "pk"
    )


def _clean(
    partnership: Partnership,
    alias: str,
    organisation: Organisation,
    existing: OrganisationAlias | None = None,
) -> tuple[str, str]:
    """The alias as entered (tidied) and its normalised form; ValidationError when unusable."""
    text = " ".join((alias or "").split())
    normalised = normalise_name(text)
    if not normalised:
        raise ValidationError({"alias": _("Enter the name as plans write it, such as SWP")})
    if len(text) > MAX_ALIAS_LENGTH:
        raise ValidationError({"alias": _("The name must be 200 characters or fewer")})
    if not partnership.organisations.filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("Select one of the partnership’s member organisations")}
        )
    others = OrganisationAlias.objects.filter(partnership=partnership, normalised=normalised)
    if existing is not None:
        others = others.exclude(pk=existing.pk)
    clash = others.select_related("organisation").first()
    if clash is not None:
        raise ValidationError(
            {
                "alias": _("“%(alias)s” already stands for %(organisation)s")
                % {"alias": clash.alias, "organisation": clash.organisation.name_en}
            }
        )
    return text, normalised


def _save(instance: OrganisationAlias, partnership: Partnership) -> None:
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:  # the same alias added by someone else at the same moment
        raise ValidationError(
            {"alias": _("That name is already in the partnership’s alias list")}
        ) from error


@transaction.atomic
def add_alias(
    *,
    actor: Any,
    partnership: Partnership,
    alias: str,
    organisation: Organisation,
    source: Origin | str = "",
) -> OrganisationAlias:
    """Record that plans of this partnership write `alias` for `organisation`."""
    _require_manager(actor, partnership)
    text, normalised = _clean(partnership, alias, organisation)
    instance = OrganisationAlias(
        partnership=partnership, alias=text, normalised=normalised, organisation=organisation
    )
    _save(instance, partnership)
    kernel.created(
        actor=actor, instance=instance, fields=ALIAS_FIELDS, partnership=partnership, origin=source
    )
    return instance


@transaction.atomic
def update_alias(
    *,
    actor: Any,
    alias_entry: OrganisationAlias,
    alias: str | None = None,
    organisation: Organisation | None = None,
    source: Origin | str = "",
) -> OrganisationAlias:
    """Change the wording of an alias or the organisation it stands for."""
    partnership = alias_entry.partnership
    _require_manager(actor, partnership)
    locked = kernel.lock(alias_entry)
    before = audit.snapshot(locked, ALIAS_FIELDS)
    text, normalised = _clean(
        partnership,
        locked.alias if alias is None else alias,
        organisation or locked.organisation,
        existing=locked,
    )
    locked.alias, locked.normalised = text, normalised
    if organisation is not None:
        locked.organisation = organisation
    if audit.diff(before, audit.snapshot(locked, ALIAS_FIELDS)):
        _save(locked, partnership)  # validates before the kernel saves and records
        kernel.record_changes(
            actor=actor,
            instance=locked,
            before=before,
            fields=ALIAS_FIELDS,
            partnership=partnership,
            origin=source,
        )
    return locked


@transaction.atomic
def delete_alias(*, actor: Any, alias_entry: OrganisationAlias, source: Origin | str = "") -> None:
    """Remove an alias; plans already imported keep the organisations they were given."""
    partnership = alias_entry.partnership
    _require_manager(actor, partnership)
    kernel.delete(
        actor=actor,
        instance=alias_entry,
        partnership=partnership,
        origin=source,
        fields=ALIAS_FIELDS,
    )


@transaction.atomic
def ensure_aliases(
    *,
    actor: Any,
    partnership: Partnership,
    entries: Iterable[OrganisationEntry],
    source: Origin | str = "",
) -> list[OrganisationAlias]:
    """Add the names, short names and aliases of `entries` the list does not hold yet.

    For seeding a list from a known table (the demo): existing aliases, whatever they stand
    for, are left as the partnership's administrators set them. Entries whose organisation does
    not exist or is not a member are skipped. Returns the aliases added.
    """
    _require_manager(actor, partnership)
    known = set(partnership.organisation_aliases.values_list("normalised", flat=True))
    members = {org.slug: org for org in partnership.organisations.all()}
    added: list[OrganisationAlias] = []
    for entry in entries:
        organisation = members.get(entry.slug)
        if organisation is None:
            continue
        # Short names are listed too, so the page shows the shorthand plans use ("SWP").
        own = {normalise_name(organisation.name_en)}
        for name in (entry.name_en, entry.short_name, *entry.aliases):
            normalised = normalise_name(name or "")
            if not normalised or normalised in known or normalised in own:
                continue
            added.append(
                add_alias(
                    actor=actor,
                    partnership=partnership,
                    alias=name,
                    organisation=organisation,
                    source=source,
                )
            )
            known.add(normalised)
    return added


def aliases_for(partnership: Partnership) -> AliasTable:
    """The table the importer resolves lead names with: members' names plus the alias list.

    One entry per organisation: the member organisations, and any organisation an alias
    points to. Organisations with aliases come first, so when an alias repeats another body's
    name or short name, the alias the administrators entered wins.
    """
    aliases: dict[int, list[str]] = defaultdict(list)
    organisations: dict[int, Organisation] = {}
    for entry in aliases_of(partnership):
        aliases[entry.organisation_id].append(entry.alias)
        organisations[entry.organisation_id] = entry.organisation
    for organisation in partnership.organisations.order_by("name_en"):
        organisations.setdefault(organisation.pk, organisation)
    return AliasTable(
        OrganisationEntry(
            slug=organisation.slug,
            name_en=organisation.name_en,
            name_cy=organisation.name_cy,
            short_name=organisation.short_name,
            organisation_type=organisation.organisation_type,
            aliases=tuple(aliases.get(pk, ())),
        )
        for pk, organisation in organisations.items()
    )
