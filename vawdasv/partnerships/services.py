"""Writing organisations and a partnership's list of member organisations.

Like `plans.services`: each function runs in one transaction, checks permission, writes and
records an audit entry naming the source (for example the plan import that named a new lead).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vawdasv.accounts.models import User
from vawdasv.audit import kernel, origins
from vawdasv.audit import services as audit
from vawdasv.audit.origins import Origin
from vawdasv.lib.bilingual import LANGUAGE_CODES
from vawdasv.partnerships import permissions
from vawdasv.partnerships.enums import Role
from vawdasv.partnerships.models import Invitation, Membership, Organisation, Partnership

ORGANISATION_FIELDS = ("slug", "name_en", "name_cy", "short_name", "organisation_type")
SETTING_FIELDS = ("lead_officers_edit_actions", "require_two_factor", "publish_progress")


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


@transaction.atomic
def update_settings(*, actor: Any, partnership: Partnership, **values: bool) -> bool:
    """Change the partnership's settings (administrators only); a change is audited.

    `lead_officers_edit_actions`: lead officers may edit their organisation's actions directly.
    `require_two_factor`: every member must use two-factor authentication.
    `publish_progress`: anyone reading a published plan sees its latest approved progress.
    Returns whether anything changed.
    """
    kernel.require(permissions.can_change_partnership_settings(actor, partnership.pk))
    unknown = set(values) - set(SETTING_FIELDS)
    if unknown:
        raise ValueError(f"Not a partnership setting: {', '.join(sorted(unknown))}")
    locked = kernel.lock(partnership)
    before = audit.snapshot(locked, SETTING_FIELDS)
    for name, value in values.items():
        setattr(locked, name, bool(value))
        setattr(partnership, name, bool(value))
    entry = kernel.save_changes(
        actor=actor,
        instance=locked,
        before=before,
        fields=SETTING_FIELDS,
        partnership=locked,
        only_fields=True,
    )
    return entry is not None


def set_lead_officer_direct_edits(*, actor: Any, partnership: Partnership, allowed: bool) -> bool:
    """Let lead officers edit their own organisation's actions directly, or stop them."""
    return update_settings(actor=actor, partnership=partnership, lead_officers_edit_actions=allowed)


# People: member organisations, invitations, roles and memberships ---------------------------

MEMBERSHIP_FIELDS = ("role", "active", "ended_at")
INVITATIONS_PER_HOUR = 30  # per administrator: a slip of the hand must not mail a whole list


def _require_people_manager(actor: Any, partnership: Partnership) -> None:
    kernel.require(permissions.can_manage_people(actor, partnership.pk))


def search_organisations(query: str, limit: int = 20) -> list[Organisation]:
    """Organisations across Wales whose name (either language) or short name contains `query`."""
    query = query.strip()
    if len(query) < 2:
        return []
    return list(
        Organisation.objects.filter(
            Q(name_en__icontains=query) | Q(name_cy__icontains=query) | Q(short_name__iexact=query)
        ).order_by("name_en")[:limit]
    )


@transaction.atomic
def create_member_organisation(
    *,
    actor: Any,
    partnership: Partnership,
    name_en: str,
    organisation_type: str,
    name_cy: str = "",
    short_name: str = "",
) -> Organisation:
    """A new organisation, added to the partnership's members.

    Organisations are shared across Wales, so a name that already exists in any letter case
    ("Regional team" beside "Regional Team") is refused, pointing to the existing one.
    """
    _require_people_manager(actor, partnership)
    name_en = " ".join(name_en.split())
    existing = Organisation.objects.filter(name_en__iexact=name_en).first()
    if existing is not None:
        raise ValidationError(
            {
                "name_en": _(
                    "%(name)s already exists. Search for it and add it to the partnership instead."
                )
                % {"name": existing.name_en}
            }
        )
    base = slugify(name_en)[:100] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    organisation, _created = get_or_create_organisation(
        actor=actor,
        partnership=partnership,
        slug=slug,
        name_en=name_en,
        name_cy=" ".join(name_cy.split()),
        short_name=short_name.strip(),
        organisation_type=organisation_type,
    )
    add_member_organisations(actor=actor, partnership=partnership, organisations=[organisation])
    return organisation


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send_invitation(invitation: Invitation, token: str, site_url: str) -> None:
    language = invitation.language if invitation.language in LANGUAGE_CODES else "en"
    with translation.override(language):  # the link opens the page in their language too
        link = site_url.rstrip("/") + reverse("partnerships:accept-invitation", args=[token])
        context = {"invitation": invitation, "link": link}
        subject = render_to_string("partnerships/email/invitation_subject.txt", context)
        body = render_to_string("partnerships/email/invitation_body.txt", context)
    email = invitation.email
    transaction.on_commit(lambda: send_mail(" ".join(subject.split()), body, None, [email]))


def _new_invitation(
    *, actor: Any, partnership: Partnership, organisation: Organisation, email: str, role: str,
    language: str, first_name: str, last_name: str,
) -> tuple[Invitation, str]:  # fmt: skip
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        partnership=partnership,
        organisation=organisation,
        email=email,
        role=role,
        language=language,
        first_name=first_name,
        last_name=last_name,
        token_hash=_token_hash(token),
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS),
    )
    # Any earlier link to the same person for this partnership stops working: one live link.
    Invitation.objects.filter(
        partnership=partnership, email__iexact=email, accepted_at__isnull=True
    ).exclude(pk=invitation.pk).update(expires_at=timezone.now())
    return invitation, token


@transaction.atomic
def invite_person(
    *,
    actor: Any,
    partnership: Partnership,
    email: str,
    role: str,
    organisation: Organisation,
    language: str = "en",
    first_name: str = "",
    last_name: str = "",
    site_url: str = "",
) -> Invitation:
    """Invite someone by email to join the partnership with a role in one of its organisations.

    The email (in the invitee's language) carries a single-use link that expires after
    INVITATION_DAYS. Refused, changing nothing: an address already used by an account, an
    organisation that is not a member of the partnership, too many invitations in an hour.
    """
    _require_people_manager(actor, partnership)
    email = email.strip()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("An account already uses this email address. Choose another address.")}
        )
    if not partnership.organisations.filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("Choose one of the partnership’s member organisations.")}
        )
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role")})
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    if Invitation.objects.filter(invited_by=actor, created_at__gte=hour_ago).count() >= (
        INVITATIONS_PER_HOUR
    ):
        raise ValidationError(
            _("You have sent too many invitations in the last hour. Try again later.")
        )
    invitation, token = _new_invitation(
        actor=actor, partnership=partnership, organisation=organisation, email=email, role=role,
        language=language if language in LANGUAGE_CODES else "en",
        first_name=first_name.strip(), last_name=last_name.strip(),
    )  # fmt: skip
    kernel.created(
        actor=actor,
        instance=invitation,
        fields=("email", "role", "organisation", "language"),
        partnership=partnership,
    )
    _send_invitation(invitation, token, site_url or str(settings.SITE_URL))
    return invitation


class InvitationProblem(Exception):
    """Why a link cannot be used: "unknown", "used" or "expired" (with the invitation)."""

    def __init__(self, reason: str, invitation: Invitation | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def invitation_for_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("partnership", "organisation")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if invitation is None:
        raise InvitationProblem("unknown")
    if invitation.accepted_at is not None:
        raise InvitationProblem("used", invitation)
    if invitation.expires_at <= timezone.now():
        raise InvitationProblem("expired", invitation)
    return invitation


@transaction.atomic
def accept_invitation(
    *, token: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create the invited person's account with their password and role; the link is used up."""
    found = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if invitation.accepted_at is not None:
        raise InvitationProblem("used", invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account already uses this email address."))
    user = User(
        username=invitation.email.lower(),
        email=invitation.email,
        first_name=first_name.strip() or invitation.first_name,
        last_name=last_name.strip() or invitation.last_name,
        organisation=invitation.organisation,
        preferred_language=invitation.language,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    membership = Membership.objects.create(
        user=user, partnership=invitation.partnership, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    kernel.created(
        actor=user,
        instance=membership,
        fields=MEMBERSHIP_FIELDS,
        partnership=invitation.partnership,
        origin=f"invitation {invitation.pk}",
    )
    return user


@transaction.atomic
def renew_invitation(*, token: str, site_url: str = "") -> Invitation:
    """Send a fresh link to the same address after an expired one (asked for on its page).

    The new link goes only to the address the first was sent to, so asking for one on
    somebody else's behalf gives them nothing. At most three renewals a day per address.
    """
    try:
        invitation_for_token(token)
    except InvitationProblem as problem:
        if problem.reason != "expired" or problem.invitation is None:
            raise
        old = problem.invitation
    else:
        raise ValidationError(_("This invitation link still works."))
    day_ago = timezone.now() - datetime.timedelta(days=1)
    if (
        Invitation.objects.filter(
            partnership=old.partnership, email__iexact=old.email, created_at__gte=day_ago
        ).count()
        > 3
    ):
        raise ValidationError(_("Too many new links have been sent today. Try again tomorrow."))
    invitation, new_token = _new_invitation(
        actor=None, partnership=old.partnership, organisation=old.organisation, email=old.email,
        role=old.role, language=old.language, first_name=old.first_name,
        last_name=old.last_name,
    )  # fmt: skip
    invitation.invited_by = old.invited_by
    invitation.save(update_fields=["invited_by"])
    kernel.created(
        actor=None,
        instance=invitation,
        fields=(),
        partnership=old.partnership,
        origin=f"renewal of invitation {old.pk}",
    )
    _send_invitation(invitation, new_token, site_url or str(settings.SITE_URL))
    return invitation


def _refuse_losing_last_administrator(membership: Membership) -> None:
    others = Membership.objects.filter(
        partnership=membership.partnership_id, role=Role.ADMINISTRATOR, active=True
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMINISTRATOR and not others.exists():
        raise ValidationError(
            _(
                "%(name)s is the partnership’s only administrator. Make someone else an "
                "administrator first."
            )
            % {"name": membership.user.display_name}
        )


def _save_membership(actor: Any, membership: Membership, before: dict[str, Any]) -> None:
    membership.save()
    kernel.record_changes(
        actor=actor,
        instance=membership,
        before=before,
        fields=MEMBERSHIP_FIELDS,
        partnership=membership.partnership,
    )
    permissions.forget_roles(membership.user)


@transaction.atomic
def change_role(*, actor: Any, membership: Membership, role: str) -> Membership:
    """Give a member another role; the last administrator cannot be made anything else."""
    _require_people_manager(actor, membership.partnership)
    locked = (
        Membership.objects.select_for_update()
        .select_related("user", "partnership")
        .get(pk=membership.pk)
    )
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role")})
    if locked.role == role:
        return locked
    if role != Role.ADMINISTRATOR:
        _refuse_losing_last_administrator(locked)
    before = audit.snapshot(locked, MEMBERSHIP_FIELDS)
    locked.role = role
    _save_membership(actor, locked, before)
    return locked


@transaction.atomic
def end_membership(*, actor: Any, membership: Membership) -> Membership:
    """End a person's membership. It is kept, inactive, so history and past updates keep their
    name; the last administrator cannot be removed."""
    _require_people_manager(actor, membership.partnership)
    locked = (
        Membership.objects.select_for_update()
        .select_related("user", "partnership")
        .get(pk=membership.pk)
    )
    if not locked.active:
        return locked
    _refuse_losing_last_administrator(locked)
    before = audit.snapshot(locked, MEMBERSHIP_FIELDS)
    locked.active = False
    locked.ended_at = timezone.now()
    _save_membership(actor, locked, before)
    return locked
