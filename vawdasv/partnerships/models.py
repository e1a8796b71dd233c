"""Partnerships, the organisations in them and the roles people hold."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vawdasv.lib.bilingual import BilingualModel
from vawdasv.partnerships.enums import OrganisationType, Role


class Organisation(BilingualModel):
    """A body that leads or partners on actions: a council, police force, charity and so on.

    Organisations are shared across Wales (South Wales Police serves several partnerships);
    a partnership lists its member organisations.
    """

    bilingual_fields = ("name",)
    slug = models.SlugField(unique=True, max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("For example SWP or HSG.")
    )
    organisation_type = models.CharField(
        _("organisation type"), max_length=30, choices=OrganisationType.choices
    )
    # When the row last changed, for the API's `modified_since` (issue 16). Membership lists are
    # many-to-many and do not move it.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name_en


class Partnership(BilingualModel):
    """A regional VAWDASV partnership, covering one or more local authorities."""

    bilingual_fields = ("name",)
    slug = models.SlugField(unique=True, max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    region = models.ForeignKey(
        "reference.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnerships",
        verbose_name=_("region"),
    )
    local_authorities = models.ManyToManyField(
        "reference.LocalAuthority",
        related_name="partnerships",
        blank=True,
        verbose_name=_("local authorities"),
    )
    organisations = models.ManyToManyField(
        Organisation,
        related_name="partnerships",
        blank=True,
        verbose_name=_("member organisations"),
    )
    # Off by default: lead officers propose plan changes through progress updates that the
    # regional team approves. On, they edit their own organisation's actions and the
    # administrators are told of each edit (and may revert it).
    lead_officers_edit_actions = models.BooleanField(
        _("lead officers may edit their own organisation's actions directly"), default=False
    )
    # Off until an administrator turns it on: then anyone reading a published plan also sees
    # each action's latest approved RAG, statuses and period (never anything unapproved).
    publish_progress = models.BooleanField(_("publish progress on published plans"), default=False)
    # Administrators always need a second factor; this asks it of every member.
    require_two_factor = models.BooleanField(
        _("every member must use two-factor authentication"), default=False
    )
    # When the row last changed, for the API's `modified_since` (issue 16). Membership lists are
    # many-to-many and do not move it.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return self.name_en


class Membership(models.Model):
    """A person's role in one partnership."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("partnership"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # A membership that ends is kept (inactive), so history and past updates keep their person.
    active = models.BooleanField(_("active"), default=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_per_partnership")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.partnership} ({self.get_role_display()})"


class OrganisationAlias(models.Model):
    """Another way a partnership's plans name one of its organisations ("SWP", "VoG").

    Plans write leads in shorthand that differs between regions, so each partnership keeps its
    own list, edited by its administrators. The plan importer reads it (`partnerships.aliases`)
    to turn the names in a Lead column into organisations. `normalised` is the alias in the form
    names are compared in, so "S.W.P." and "swp" cannot both be entered.
    """

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="organisation_aliases",
        verbose_name=_("partnership"),
    )
    alias = models.CharField(
        _("name as written in plans"), max_length=200, help_text=_("For example SWP or VoG.")
    )
    normalised = models.CharField(max_length=200, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("organisation"),
    )

    class Meta:
        ordering = ["partnership", "normalised"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "normalised"], name="one_meaning_per_alias_per_partnership"
            )
        ]
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")

    def __str__(self) -> str:
        return f"{self.alias} → {self.organisation}"


class Invitation(models.Model):
    """An invitation to join a partnership with a role, sent by email as a single-use link.

    Only a hash of the link's secret is stored. The link is bound to the email address it was
    sent to: accepting it creates (or joins) that person's account, never anyone else's.
    """

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("partnership"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("email address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(_("language"), max_length=2, default="en")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("person"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.partnership} ({self.get_role_display()})"
