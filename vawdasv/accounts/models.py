"""People who sign in: professionals at partner organisations (never victims or survivors)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationEmails(models.TextChoices):
    """How a person wants the emails that may wait (such as updates submitted for review)."""

    DAILY = "daily", _("Once a day, in one email")
    IMMEDIATE = "immediate", _("Straight away, one email for each")


class User(AbstractUser):
    """A professional user. Roles are per partnership (see partnerships.Membership)."""

    organisation = models.ForeignKey(
        "partnerships.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("en", "English"), ("cy", "Cymraeg")],
        default="en",
    )
    national_observer = models.BooleanField(
        _("national observer"),
        default=False,
        help_text=_("Can read every partnership's plans, for example Welsh Government officials."),
    )

    notification_emails = models.CharField(
        _("emails about things that can wait"),
        max_length=10,
        choices=NotificationEmails.choices,
        default=NotificationEmails.DAILY,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class TokenScope(models.TextChoices):
    """What a token may do beyond reading as its owner."""

    READ = "read", _("Read only")
    PROGRESS = "progress", _("Read, and write progress updates")


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is kept; the token itself is shown once.

    The first characters (`prefix`) are kept in clear so a person can tell their tokens apart
    and recognise one in a script, without the stored data being enough to use it.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Read-only unless the person chose otherwise: a token copied into a reporting tool should
    # not be able to change anything (issue 16).
    scope = models.CharField(
        _("allows"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Notification(models.Model):
    """Something a person should know about (an update returned, approved or submitted).

    Stored as a kind and its parameters, never as translated text, so the home page shows it in
    the reader's language and the email goes in the recipient's (accounts.notifications)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("person")
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(_("details"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set when an email carried it (at once or in a digest), so nothing is emailed twice.
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    waits_for_digest = models.BooleanField(_("waits for the daily email"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class DigestSent(models.Model):
    """One row per person and day a digest went out: the daily task never sends two."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_digest_per_person_a_day")
        ]

    def __str__(self) -> str:
        return f"digest for {self.user_id} on {self.day}"
