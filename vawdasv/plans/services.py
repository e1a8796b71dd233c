"""Every change to a plan goes through these functions.

Each runs in one transaction, checks permission, refuses a save based on an out-of-date version
(two people editing the same thing), writes the change and an audit entry, and returns the
result. Views, forms, the API and importers validate input and call these; nothing else writes
plan content.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.audit.models import Verb
from vawdasv.audit.origins import Origin
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans import direct_edits
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.plans.timescales import parse_timescale

M = TypeVar("M", bound=models.Model)

STRATEGY_FIELDS = (
    "title_en", "title_cy", "slug", "start_year", "end_year", "vision_en", "vision_cy", "status",
)  # fmt: skip
THEME_FIELDS = ("name_en", "name_cy", "aim_en", "aim_cy", "order")
COMMITMENT_FIELDS = ("ref", "text_en", "text_cy", "order")
ACTION_FIELDS = (
    "ref", "text_en", "text_cy", "evidence_en", "evidence_cy", "timescale_text", "due_date",
    "timescale_kind", "timescale_needs_check", "order",
)  # fmt: skip
ACTION_M2M = ("lead_organisations", "partner_organisations", "alignments")

# The permission check, row lock, version check, audit entry and ConcurrentEditError come from
# the shared write kernel (audit/kernel.py); ConcurrentEditError is re-exported for callers.
__all__ = ["ConcurrentEditError"]


def _require_text(data: Mapping[str, Any], field: str, label: str) -> None:
    if not (data.get(f"{field}_en") or "").strip() and not (data.get(f"{field}_cy") or "").strip():
        raise ValidationError(
            {f"{field}_en": _("Enter the %(label)s in English or Welsh") % {"label": label}}
        )


def _apply(
    *,
    actor: Any,
    instance: M,
    data: Mapping[str, Any],
    fields: Iterable[str],
    m2m: Iterable[str] = (),
    partnership: Partnership,
    verb: Verb,
    source: Origin | str,
) -> M:
    fields, m2m = tuple(fields), tuple(m2m)
    unknown = set(data) - set(fields) - set(m2m)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    before = audit.snapshot(instance, (*fields, *m2m)) if verb == Verb.UPDATED else {}
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    instance.full_clean(exclude=[f.name for f in instance._meta.fields if f.name not in fields])
    after = audit.snapshot(instance, fields)
    for name in m2m:
        after[name] = audit.plain_list(data[name]) if name in data else before.get(name, [])
    changes = audit.diff(before, after)
    if verb == Verb.UPDATED:
        if not changes:
            return instance  # nothing changed: no new version, no audit entry
        instance.version += 1  # type: ignore[attr-defined]
    instance.save()
    for name in m2m:
        if name in data:
            getattr(instance, name).set(data[name])
    # The many-to-many values come from what was submitted, so the entry is recorded with
    # the changes worked out above rather than by reading the relations back.
    kernel.record(
        actor=actor, instance=instance, verb=verb, changes=changes, partnership=partnership,
        origin=source,
    )  # fmt: skip
    return instance


def _with_timescale(data: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in the parsed due date and kind when only the timescale text is given."""
    result = dict(data)
    if "timescale_text" in data and "due_date" not in data:
        parsed = parse_timescale(data["timescale_text"])
        result["timescale_text"] = parsed.text
        result["due_date"] = parsed.due_date
        result["timescale_kind"] = parsed.kind
        result["timescale_needs_check"] = parsed.needs_check
    return result


# Strategies ------------------------------------------------------------------------------


@transaction.atomic
def create_strategy(
    *, actor: Any, partnership: Partnership, data: Mapping[str, Any], source: Origin | str = ""
) -> Strategy:
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    _require_text(data, "title", _("title"))
    strategy = Strategy(partnership=partnership)
    return _apply(
        actor=actor, instance=strategy, data=data, fields=STRATEGY_FIELDS,
        partnership=partnership, verb=Verb.CREATED, source=source,
    )  # fmt: skip


@transaction.atomic
def update_strategy(
    *, actor: Any, strategy: Strategy, data: Mapping[str, Any],
    expected_version: int | None = None, source: Origin | str = "",
) -> Strategy:  # fmt: skip
    kernel.require(permissions.can_manage_plans(actor, strategy.partnership_id))
    locked = kernel.lock(strategy, expected_version)
    return _apply(
        actor=actor, instance=locked, data=data, fields=STRATEGY_FIELDS,
        partnership=locked.partnership, verb=Verb.UPDATED, source=source,
    )  # fmt: skip


@transaction.atomic
def delete_strategy(*, actor: Any, strategy: Strategy, source: Origin | str = "") -> None:
    kernel.require(permissions.can_manage_plans(actor, strategy.partnership_id))
    for theme in strategy.themes.all():
        _delete_theme_tree(
            actor=actor, theme=theme, partnership=strategy.partnership, source=source
        )
    kernel.delete(actor=actor, instance=strategy, partnership=strategy.partnership, origin=source)


# Themes ----------------------------------------------------------------------------------


def _next_order(queryset: models.QuerySet[Any]) -> int:
    last = queryset.aggregate(models.Max("order"))["order__max"]
    return 0 if last is None else last + 1


@transaction.atomic
def create_theme(
    *, actor: Any, strategy: Strategy, data: Mapping[str, Any], source: Origin | str = ""
) -> Theme:
    kernel.require(permissions.can_manage_plans(actor, strategy.partnership_id))
    _require_text(data, "name", _("name"))
    values = {"order": _next_order(strategy.themes.all()), **data}
    return _apply(
        actor=actor, instance=Theme(strategy=strategy), data=values, fields=THEME_FIELDS,
        partnership=strategy.partnership, verb=Verb.CREATED, source=source,
    )  # fmt: skip


@transaction.atomic
def update_theme(
    *, actor: Any, theme: Theme, data: Mapping[str, Any],
    expected_version: int | None = None, source: Origin | str = "",
) -> Theme:  # fmt: skip
    strategy = theme.strategy
    kernel.require(permissions.can_manage_plans(actor, strategy.partnership_id))
    locked = kernel.lock(theme, expected_version)
    return _apply(
        actor=actor, instance=locked, data=data, fields=THEME_FIELDS,
        partnership=strategy.partnership, verb=Verb.UPDATED, source=source,
    )  # fmt: skip


def _delete_theme_tree(
    *, actor: Any, theme: Theme, partnership: Partnership, source: Origin | str
) -> None:
    for commitment in theme.commitments.all():
        _delete_commitment_tree(
            actor=actor, commitment=commitment, partnership=partnership, source=source
        )
    kernel.delete(actor=actor, instance=theme, partnership=partnership, origin=source)


@transaction.atomic
def delete_theme(*, actor: Any, theme: Theme, source: Origin | str = "") -> None:
    partnership = theme.strategy.partnership
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    _delete_theme_tree(actor=actor, theme=theme, partnership=partnership, source=source)


# Commitments -----------------------------------------------------------------------------


@transaction.atomic
def create_commitment(
    *, actor: Any, theme: Theme, data: Mapping[str, Any], source: Origin | str = ""
) -> Commitment:
    partnership = theme.strategy.partnership
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    _require_text(data, "text", _("commitment"))
    values = {"order": _next_order(theme.commitments.all()), **data}
    return _apply(
        actor=actor, instance=Commitment(theme=theme), data=values, fields=COMMITMENT_FIELDS,
        partnership=partnership, verb=Verb.CREATED, source=source,
    )  # fmt: skip


@transaction.atomic
def update_commitment(
    *, actor: Any, commitment: Commitment, data: Mapping[str, Any],
    expected_version: int | None = None, source: Origin | str = "",
) -> Commitment:  # fmt: skip
    partnership = commitment.theme.strategy.partnership
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    locked = kernel.lock(commitment, expected_version)
    return _apply(
        actor=actor, instance=locked, data=data, fields=COMMITMENT_FIELDS,
        partnership=partnership, verb=Verb.UPDATED, source=source,
    )  # fmt: skip


def _delete_commitment_tree(
    *, actor: Any, commitment: Commitment, partnership: Partnership, source: Origin | str
) -> None:
    for action in commitment.actions.all():
        kernel.delete(actor=actor, instance=action, partnership=partnership, origin=source)
    kernel.delete(actor=actor, instance=commitment, partnership=partnership, origin=source)


@transaction.atomic
def delete_commitment(*, actor: Any, commitment: Commitment, source: Origin | str = "") -> None:
    partnership = commitment.theme.strategy.partnership
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    _delete_commitment_tree(
        actor=actor, commitment=commitment, partnership=partnership, source=source
    )


# Actions ---------------------------------------------------------------------------------


@transaction.atomic
def create_action(
    *, actor: Any, commitment: Commitment, data: Mapping[str, Any], source: Origin | str = ""
) -> Action:
    partnership = commitment.theme.strategy.partnership
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    _require_text(data, "text", _("action"))
    values = {"order": _next_order(commitment.actions.all()), **_with_timescale(data)}
    return _apply(
        actor=actor, instance=Action(commitment=commitment), data=values, fields=ACTION_FIELDS,
        m2m=ACTION_M2M, partnership=partnership, verb=Verb.CREATED, source=source,
    )  # fmt: skip


def _refuse_changes_to_who_leads(action: Action, data: Mapping[str, Any]) -> None:
    """Only the regional team decides who leads or partners on an action.

    A lead officer may edit the action's wording, evidence and timescale, but moving the lead
    elsewhere (or taking on another organisation's) would change who may edit it.
    """
    for name in ("lead_organisations", "partner_organisations"):
        if name in data:
            current = audit.plain_list(getattr(action, name).all())
            if audit.plain_list(data[name]) != current:
                raise PermissionDenied(
                    _("Only the regional team can change which organisations lead an action.")
                )


@transaction.atomic
def update_action(
    *, actor: Any, action: Action, data: Mapping[str, Any],
    expected_version: int | None = None, source: Origin | str = "",
) -> Action:  # fmt: skip
    partnership = action.commitment.theme.strategy.partnership
    kernel.require(permissions.can_edit_action(actor, action, partnership.pk))
    locked = kernel.lock(action, expected_version)
    direct = permissions.is_direct_edit(actor, partnership.pk)
    if direct:
        _refuse_changes_to_who_leads(locked, data)
    version = locked.version
    saved = _apply(
        actor=actor, instance=locked, data=_with_timescale(data), fields=ACTION_FIELDS,
        m2m=ACTION_M2M, partnership=partnership, verb=Verb.UPDATED,
        source=direct_edits.DIRECT_EDIT if direct else source,
    )  # fmt: skip
    if direct and saved.version != version:
        entry = audit.history_for(saved).first()
        assert entry is not None  # _apply recorded the change it made
        direct_edits.notify_administrators(entry, saved)
    return saved


@transaction.atomic
def delete_action(*, actor: Any, action: Action, source: Origin | str = "") -> None:
    partnership = action.commitment.theme.strategy.partnership
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    kernel.delete(actor=actor, instance=action, partnership=partnership, origin=source)


@transaction.atomic
def move_action(
    *, actor: Any, action: Action, commitment: Commitment,
    expected_version: int | None = None, source: Origin | str = "",
) -> Action:  # fmt: skip
    """Put an action under another commitment of the same strategy, keeping its history.

    A revised plan can move an action; deleting and re-creating it would lose its progress
    updates and audit trail.
    """
    partnership = action.commitment.theme.strategy.partnership
    kernel.require(permissions.can_manage_plans(actor, partnership.pk))
    if commitment.theme.strategy_id != action.commitment.theme.strategy_id:
        raise ValidationError(_("An action can only move within its own strategy."))
    locked = kernel.lock(action, expected_version)
    data = {"commitment": commitment, "order": _next_order(commitment.actions.all())}
    return _apply(
        actor=actor, instance=locked, data=data, fields=("commitment", "order"),
        partnership=partnership, verb=Verb.UPDATED, source=source,
    )  # fmt: skip
