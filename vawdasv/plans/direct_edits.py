"""Direct edits of the plan by lead officers: telling the regional team, and taking them back.

A partnership may let lead officers edit their own organisation's actions directly
(`Partnership.lead_officers_edit_actions`). Each such edit is recorded with DIRECT_EDIT as its
source, emailed to the partnership's administrators (each in their own language) once the edit
commits, listed on their home page, and can be reverted by an administrator.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from vawdasv.accounts.models import User
from vawdasv.audit import kernel, origins
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.origins import OriginKind
from vawdasv.lib.bilingual import LANGUAGE_CODES
from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import Role
from vawdasv.plans.models import Action

DIRECT_EDIT = origins.DIRECT_EDIT
# The fields a revert puts back; the due date and its kind follow from the timescale text.
REVERTIBLE = ("ref", "text_en", "text_cy", "evidence_en", "evidence_cy", "timescale_text")


def _administrators(partnership_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__partnership_id=partnership_id,
            memberships__role=Role.ADMINISTRATOR,
            memberships__active=True,
        )
        .exclude(email="")
        .order_by("pk")
    )


def notify_administrators(entry: AuditEntry, action: Action) -> None:
    """Email each administrator about a direct edit, after the edit has committed."""
    partnership_id = entry.partnership_id
    if partnership_id is None:
        return
    link = str(settings.SITE_URL).rstrip("/") + action.get_absolute_url()

    def send() -> None:
        for admin in _administrators(partnership_id):
            language = (
                admin.preferred_language if admin.preferred_language in LANGUAGE_CODES else "en"
            )
            with translation.override(language):
                context = {
                    "admin": admin,
                    "entry": entry,
                    "action": action,
                    "link": link,
                    "fields": [_field_label(name) for name in entry.changes],
                }
                subject = render_to_string("plans/email/direct_edit_subject.txt", context)
                body = render_to_string("plans/email/direct_edit_body.txt", context)
            send_mail(" ".join(subject.split()), body, None, [admin.email])

    transaction.on_commit(send)


def _field_label(name: str) -> str:
    try:
        return str(Action._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except Exception:  # a field since removed: its name still says what changed
        return name


def recent_direct_edits(user: Any, limit: int = 20) -> list[AuditEntry]:
    """Direct edits in the partnerships this user administers, newest first, each marked with
    `reverted` (whether a revert of it has been recorded)."""
    administered = [
        pid for pid, role in permissions.roles_of(user).items() if role == Role.ADMINISTRATOR
    ]
    if not administered:
        return []
    entries = list(
        AuditEntry.objects.filter(
            partnership_id__in=administered,
            origin_kind=OriginKind.DIRECT_EDIT,
            verb=Verb.UPDATED,
            content_type=ContentType.objects.get_for_model(Action),
        ).select_related("content_type")[:limit]
    )
    reverted = set(
        AuditEntry.objects.filter(
            origin_kind=OriginKind.REVERT, source__in=[str(entry.pk) for entry in entries]
        ).values_list("source", flat=True)
    )
    for entry in entries:
        entry.reverted = str(entry.pk) in reverted  # type: ignore[attr-defined]
    return entries


def revert_direct_edit(*, actor: Any, entry: AuditEntry) -> Action:
    """Put the action's fields back as they were before a direct edit (audited as a revert)."""
    from vawdasv.plans import services  # services call this module when an edit is saved

    if entry.origin_kind != OriginKind.DIRECT_EDIT or entry.verb != Verb.UPDATED:
        raise ValidationError(_("Only a lead officer's direct edit can be reverted here."))
    action = Action.objects.filter(pk=entry.object_id).first()
    if action is None:
        raise ValidationError(_("The action has since been deleted."))
    kernel.require(permissions.can_manage_plans(actor, entry.partnership_id or 0))
    if AuditEntry.objects.filter(origin_kind=OriginKind.REVERT, source=str(entry.pk)).exists():
        raise ValidationError(_("This change has already been reverted."))
    data = {
        name: change["before"]
        for name, change in entry.changes.items()
        if name in REVERTIBLE and isinstance(change, dict)
    }
    if not data:
        raise ValidationError(_("This change has nothing that can be put back."))
    return services.update_action(
        actor=actor, action=action, data=data, source=origins.revert_of(entry)
    )
