"""Progress rounds: the quarterly or yearly "where are we with your actions?".

An administrator opens a round for a strategy and a reporting period with a deadline. Each
action gets at most one update per round, written by a lead officer of a lead organisation and
reviewed by the regional team. Reminders sent are recorded so none is sent twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vawdasv.lib.bilingual import BilingualModel
from vawdasv.plans.models import Versioned
from vawdasv.progress.enums import (
    PeriodKind,
    RagStatus,
    ReminderKind,
    RoundStatus,
    UpdateState,
)


class ProgressRoundQuerySet(models.QuerySet["ProgressRound"]):
    def open(self) -> ProgressRoundQuerySet:
        return self.filter(status=RoundStatus.OPEN)

    def closed(self) -> ProgressRoundQuerySet:
        return self.filter(status=RoundStatus.CLOSED)


class ProgressRound(Versioned):
    strategy = models.ForeignKey(
        "plans.Strategy",
        on_delete=models.CASCADE,
        related_name="progress_rounds",
        verbose_name=_("strategy"),
    )
    period_label = models.CharField(
        _("reporting period"), max_length=20, help_text=_('For example "2025/26 Q2" or "2018/19".')
    )
    period_kind = models.CharField(_("kind of period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    deadline = models.DateField(_("deadline for updates"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )

    objects = ProgressRoundQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "-period_end", "period_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "period_label"], name="one_round_per_strategy_period"
            )
        ]
        verbose_name = _("progress round")
        verbose_name_plural = _("progress rounds")

    def __str__(self) -> str:
        return f"{self.period_label} – {self.strategy}"

    def get_absolute_url(self) -> str:
        return reverse("progress:round", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class ProgressUpdateQuerySet(models.QuerySet["ProgressUpdate"]):
    def approved(self) -> ProgressUpdateQuerySet:
        return self.filter(state=UpdateState.APPROVED)


class ProgressUpdate(BilingualModel, Versioned):
    """One action's update in one round, with any changes the lead officer proposes to the plan."""

    bilingual_fields = ("narrative", "proposed_text")
    progress_round = models.ForeignKey(
        ProgressRound, on_delete=models.CASCADE, related_name="updates", verbose_name=_("round")
    )
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.CASCADE,
        related_name="progress_updates",
        verbose_name=_("action"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=UpdateState.choices, default=UpdateState.DRAFT
    )
    rag = models.CharField(_("RAG status"), max_length=10, choices=RagStatus.choices, blank=True)
    completed = models.BooleanField(_("the action is complete"), default=False)
    narrative_en = models.TextField(_("progress (English)"), blank=True)
    narrative_cy = models.TextField(_("progress (Welsh)"), blank=True)
    proposed_timescale_text = models.CharField(
        _("new timescale"),
        max_length=100,
        blank=True,
        help_text=_('Only if the date should change, for example "Mar 2027".'),
    )
    proposed_timescale_reason = models.TextField(_("reason for the new timescale"), blank=True)
    proposed_text_en = models.TextField(_("reworded action (English)"), blank=True)
    proposed_text_cy = models.TextField(_("reworded action (Welsh)"), blank=True)
    proposed_no_longer_relevant = models.BooleanField(
        _("the action is no longer relevant"), default=False
    )
    review_comment = models.TextField(_("comment from the regional team"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["progress_round", "action"]
        constraints = [
            models.UniqueConstraint(
                fields=["progress_round", "action"], name="one_update_per_action_per_round"
            )
        ]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.progress_round.period_label}: {self.action}"

    def get_absolute_url(self) -> str:
        return reverse(
            "progress:update", kwargs={"pk": self.progress_round_id, "action_pk": self.action_id}
        )

    @property
    def is_editable(self) -> bool:
        """Lead officers may change drafts and returned updates; submitted ones wait for review."""
        return self.state in (UpdateState.DRAFT, UpdateState.RETURNED)

    @property
    def rag_status(self) -> RagStatus | None:
        return RagStatus(self.rag) if self.rag else None

    @property
    def proposes_changes(self) -> bool:
        return bool(
            self.proposed_timescale_text
            or self.proposed_text_en
            or self.proposed_text_cy
            or self.proposed_no_longer_relevant
        )


class ReminderSent(models.Model):
    """A reminder already emailed, so running `send-reminders` daily never repeats one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    progress_round = models.ForeignKey(
        ProgressRound,
        on_delete=models.CASCADE,
        related_name="reminders_sent",
        verbose_name=_("round"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "progress_round", "kind"], name="one_reminder_per_kind"
            )
        ]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return f"{self.user} – {self.progress_round} ({self.kind})"
