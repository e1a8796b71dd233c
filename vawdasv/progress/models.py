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
    EvidenceKind,
    PeriodKind,
    RagStatus,
    ReminderKind,
    ReportJobState,
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

    bilingual_fields = ("narrative", "proposed_text", "proposed_new_action")
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
    # The action's timescale just before approval applied the proposed one, so the update can
    # still say "from … to …" once the plan shows the new timescale.
    timescale_before = models.CharField(
        _("timescale before approval"), max_length=100, blank=True, editable=False
    )
    proposed_text_en = models.TextField(_("reworded action (English)"), blank=True)
    proposed_text_cy = models.TextField(_("reworded action (Welsh)"), blank=True)
    proposed_no_longer_relevant = models.BooleanField(
        _("the action is no longer relevant"), default=False
    )
    proposed_new_action_en = models.TextField(_("new action (English)"), blank=True)
    proposed_new_action_cy = models.TextField(_("new action (Welsh)"), blank=True)
    proposed_new_action_timescale = models.CharField(
        _("timescale for the new action"), max_length=100, blank=True
    )
    # The action made from the proposal when the update was approved, so it is made only once.
    created_action = models.ForeignKey(
        "plans.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_in_updates",
        verbose_name=_("action added on approval"),
    )
    review_comment = models.TextField(_("comment from the regional team"), blank=True)
    # A baseline recorded from an imported document (progress/baseline.py): the document's
    # name, and the status as it was written there ("On track"), shown on the update.
    from_document = models.CharField(
        _("from the imported document"), max_length=255, blank=True, editable=False
    )
    status_as_written = models.CharField(
        _("status as written in the document"), max_length=100, blank=True, editable=False
    )
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
            or self.proposes_new_action
        )

    @property
    def proposes_new_action(self) -> bool:
        return bool(self.proposed_new_action_en or self.proposed_new_action_cy)


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
    # The deadline the reminder was about: when an administrator moves the deadline, the new one
    # gets its own reminders, and the history shows which deadline each reminder named.
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "progress_round", "kind", "deadline"],
                name="one_reminder_per_kind_and_deadline",
            )
        ]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return f"{self.user} – {self.progress_round} ({self.kind})"


def evidence_upload_to(instance: UpdateEvidence, filename: str) -> str:
    """Each update keeps its own copy, named by its SHA-256 and never by the name it came with.

    Per-update folders mean no file is shared between updates, so removing evidence from one
    update (or deleting its round or action) can delete the file without a race with another.
    """
    return f"evidence/{instance.update_id}/{instance.sha256}"


class UpdateEvidence(models.Model):
    """A link or a file a lead officer offers as evidence of achievement for their update.

    Files are kept under their content hash; the name shown and offered on download is a
    cleaned copy of the original (see progress.evidence), so a hostile name never reaches disk.
    """

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("progress update"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(_("description"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=150, blank=True)
    content_type = models.CharField(_("type of file"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["update", "created_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title


class RagLabels(BilingualModel, Versioned):
    """A partnership's own names for the three RAG ratings, in English and Welsh.

    Blank fields fall back to the platform's wording (see progress.rag), so a partnership that
    renames only "Amber" still has sensible Red and Green labels in both languages.
    """

    bilingual_fields = (
        "red_label", "red_meaning", "amber_label", "amber_meaning", "green_label",
        "green_meaning",
    )  # fmt: skip
    partnership = models.OneToOneField(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="rag_labels",
        verbose_name=_("partnership"),
    )
    red_label_en = models.CharField(_("name for Red (English)"), max_length=40, blank=True)
    red_label_cy = models.CharField(_("name for Red (Welsh)"), max_length=40, blank=True)
    red_meaning_en = models.CharField(_("meaning of Red (English)"), max_length=200, blank=True)
    red_meaning_cy = models.CharField(_("meaning of Red (Welsh)"), max_length=200, blank=True)
    amber_label_en = models.CharField(_("name for Amber (English)"), max_length=40, blank=True)
    amber_label_cy = models.CharField(_("name for Amber (Welsh)"), max_length=40, blank=True)
    amber_meaning_en = models.CharField(_("meaning of Amber (English)"), max_length=200, blank=True)
    amber_meaning_cy = models.CharField(_("meaning of Amber (Welsh)"), max_length=200, blank=True)
    green_label_en = models.CharField(_("name for Green (English)"), max_length=40, blank=True)
    green_label_cy = models.CharField(_("name for Green (Welsh)"), max_length=40, blank=True)
    green_meaning_en = models.CharField(_("meaning of Green (English)"), max_length=200, blank=True)
    green_meaning_cy = models.CharField(_("meaning of Green (Welsh)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("RAG labels")
        verbose_name_plural = _("RAG labels")

    def __str__(self) -> str:
        return f"RAG labels – {self.partnership}"


def report_upload_to(instance: ReportJob, filename: str) -> str:
    return f"reports/{instance.pk}/{filename}"


class ReportJob(models.Model):
    """A progress report being made in the background, so a large PDF never blocks a page.

    The same request (strategy, period, format, language, filters) asked again while a job is
    waiting or running reuses that job, so a double click makes one report, not two.
    """

    strategy = models.ForeignKey(
        "plans.Strategy",
        on_delete=models.CASCADE,
        related_name="report_jobs",
        verbose_name=_("strategy"),
    )
    period_label = models.CharField(_("reporting period"), max_length=20)
    format = models.CharField(_("format"), max_length=10)
    language = models.CharField(_("language"), max_length=5)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ReportJobState.choices, default=ReportJobState.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    file = models.FileField(_("file"), upload_to=report_upload_to, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The queued task making the file (a django_tasks_db row id), and how many times a worker
    # has taken the job: a worker that died leaves the job to the next attempt of the task.
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")

    def __str__(self) -> str:
        return f"{self.strategy} {self.period_label} ({self.format}, {self.language})"


def issued_report_upload_to(instance: IssuedReportFile, filename: str) -> str:
    issued = instance.issued_report
    return f"issued-reports/{issued.strategy_id}/{issued.pk}/{filename}"


class IssuedReport(models.Model):
    """A progress report as the regional team issued it to the board: frozen, never changed.

    Issuing stores the exact files (see `IssuedReportFile`); a later change to the plan or to an
    update never alters them. Issuing again for the same period makes the next version and keeps
    this one.
    """

    strategy = models.ForeignKey(
        "plans.Strategy",
        on_delete=models.CASCADE,
        related_name="issued_reports",
        verbose_name=_("strategy"),
    )
    period_label = models.CharField(_("reporting period"), max_length=20)
    version = models.PositiveIntegerField(_("version"))
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
    )
    # Kept as written at the time, so the list still names the person if the account goes.
    issued_by_name = models.CharField(_("issued by (as recorded)"), max_length=200, blank=True)
    # The regional team chose to offer these files on the public pages (issuing.set_public).
    public = models.BooleanField(_("on the public pages"), default=False)

    class Meta:
        ordering = ["strategy", "-issued_at", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "period_label", "version"],
                name="one_issued_report_version_per_period",
            )
        ]
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")

    def __str__(self) -> str:
        return f"{self.strategy} {self.period_label} v{self.version}"


class IssuedReportFile(models.Model):
    """One frozen file of an issued report: a format in a language, with its checksum."""

    issued_report = models.ForeignKey(
        IssuedReport, on_delete=models.CASCADE, related_name="files", verbose_name=_("report")
    )
    language = models.CharField(_("language"), max_length=5)
    format = models.CharField(_("format"), max_length=10)
    file = models.FileField(_("file"), upload_to=issued_report_upload_to, max_length=250)
    file_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["issued_report", "language", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["issued_report", "language", "format"],
                name="one_issued_file_per_language_and_format",
            )
        ]
        verbose_name = _("issued report file")
        verbose_name_plural = _("issued report files")

    def __str__(self) -> str:
        return self.file_name


class ReportText(models.Model):
    """What the regional team writes for a period's report: the introduction, in both languages.

    The themes' narratives are `ThemeReportText` rows. Every save is audited (the history); a
    period without its own text starts from the previous period's (report/text.py).
    """

    strategy = models.ForeignKey(
        "plans.Strategy",
        on_delete=models.CASCADE,
        related_name="report_texts",
        verbose_name=_("strategy"),
    )
    period_label = models.CharField(_("reporting period"), max_length=20)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    introduction_cy = models.TextField(_("introduction (Welsh)"), blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "period_label"], name="one_report_text_per_period"
            )
        ]
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")

    def __str__(self) -> str:
        return f"{self.strategy} {self.period_label}"


class ThemeReportText(models.Model):
    """A theme's narrative after its table, and the narrative after its "Future activity"."""

    report_text = models.ForeignKey(
        ReportText, on_delete=models.CASCADE, related_name="themes", verbose_name=_("report text")
    )
    theme = models.ForeignKey(
        "plans.Theme", on_delete=models.CASCADE, related_name="+", verbose_name=_("theme")
    )
    narrative_en = models.TextField(_("narrative (English)"), blank=True)
    narrative_cy = models.TextField(_("narrative (Welsh)"), blank=True)
    future_en = models.TextField(_("future activity narrative (English)"), blank=True)
    future_cy = models.TextField(_("future activity narrative (Welsh)"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report_text", "theme"], name="one_theme_text_per_report_text"
            )
        ]
        verbose_name = _("theme report text")
        verbose_name_plural = _("theme report texts")

    def __str__(self) -> str:
        return f"{self.report_text} – {self.theme_id}"


class NarrativeTreatment(models.TextChoices):
    INCLUDE = "include", _("Include as written")
    SHORTEN = "shorten", _("Shorten")
    LEAVE_OUT = "leave_out", _("Leave out")


class ReportNarrativeChoice(models.Model):
    """Whether a lead officer's narrative goes into the period's report as written, shortened
    (with the shorter wording the regional team wrote) or not at all. The update itself is
    never changed: this is the report's editing, kept with the report's text."""

    report_text = models.ForeignKey(
        ReportText,
        on_delete=models.CASCADE,
        related_name="narrative_choices",
        verbose_name=_("report text"),
    )
    action = models.ForeignKey(
        "plans.Action", on_delete=models.CASCADE, related_name="+", verbose_name=_("action")
    )
    treatment = models.CharField(
        _("in the report"),
        max_length=10,
        choices=NarrativeTreatment.choices,
        default=NarrativeTreatment.INCLUDE,
    )
    short_en = models.TextField(_("shortened narrative (English)"), blank=True)
    short_cy = models.TextField(_("shortened narrative (Welsh)"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report_text", "action"], name="one_narrative_choice_per_action"
            )
        ]
        verbose_name = _("narrative in the report")
        verbose_name_plural = _("narratives in the report")

    def __str__(self) -> str:
        return f"{self.report_text} – {self.action_id}: {self.treatment}"
