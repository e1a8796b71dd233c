"""The groups that deliver a partnership's plan, their meetings, minutes and decisions.

Partnership → groups (with terms of reference and seats by organisation) → meetings (agenda,
attendance by seat, minutes, decisions, action log). A group reports to another group or to an
external body (the Regional Safeguarding Board, a Public Service Board).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vawdasv.governance.enums import (
    AttendanceStatus,
    Frequency,
    GroupKind,
    LogStatus,
    MinutesStatus,
    PackState,
    VoiceSource,
)
from vawdasv.lib.bilingual import BilingualModel
from vawdasv.plans.models import Versioned


class ExternalBody(BilingualModel, Versioned):
    """A body outside the partnership that a group reports to (Regional Safeguarding Board)."""

    bilingual_fields = ("name",)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="external_bodies",
        verbose_name=_("partnership"),
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("external body")
        verbose_name_plural = _("external bodies")

    def __str__(self) -> str:
        return self.name_en or self.name_cy


class Group(BilingualModel, Versioned):
    """A board, steering group, sub-group, panel or forum, with its terms of reference."""

    bilingual_fields = ("name", "purpose")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="governance_groups",
        verbose_name=_("partnership"),
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    kind = models.CharField(_("kind of group"), max_length=30, choices=GroupKind.choices)
    reports_to_group = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_groups",
        verbose_name=_("reports to (group)"),
    )
    reports_to_body = models.ForeignKey(
        ExternalBody,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_groups",
        verbose_name=_("reports to (external body)"),
    )
    # Terms of reference.
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    purpose_cy = models.TextField(_("purpose (Welsh)"), blank=True)
    quorum_organisations = models.PositiveIntegerField(
        _("quorum (organisations)"),
        default=0,
        help_text=_("How many seated organisations must attend for the meeting to be quorate."),
    )
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    review_date = models.DateField(_("terms of reference review date"), null=True, blank=True)
    actions = models.ManyToManyField(
        "plans.Action",
        related_name="governance_groups",
        blank=True,
        verbose_name=_("actions it owns or oversees"),
    )

    class Meta:
        ordering = ["partnership", "name_en"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name_en or self.name_cy

    def get_absolute_url(self) -> str:
        return reverse("governance:group", kwargs={"pk": self.pk})


class Seat(Versioned):
    """A place on a group held by an organisation: a named member and a deputy."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="seats", verbose_name=_("group")
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="governance_seats",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role on the group"), max_length=200, blank=True)
    member_name = models.CharField(_("member"), max_length=200, blank=True)
    deputy_name = models.CharField(_("deputy"), max_length=200, blank=True)

    class Meta:
        ordering = ["group", "organisation__name_en", "pk"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return (
            f"{self.organisation} – {self.member_name}"
            if self.member_name
            else str(self.organisation)
        )


class Meeting(Versioned):
    """One meeting of a group, with its minutes (draft, then approved at a later meeting)."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("group")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    guests = models.TextField(
        _("guests"), blank=True, help_text=_("Invited guests and their organisations.")
    )
    survivor_representatives = models.PositiveIntegerField(
        _("survivor representatives present"),
        default=0,
        help_text=_("A number only: survivor representatives are counted, never named."),
    )
    minutes_en = models.TextField(_("minutes (English)"), blank=True)
    minutes_cy = models.TextField(_("minutes (Welsh)"), blank=True)
    minutes_status = models.CharField(
        _("minutes status"),
        max_length=20,
        choices=MinutesStatus.choices,
        default=MinutesStatus.NONE,
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes_of",
        verbose_name=_("minutes approved at"),
    )
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("minutes approved by"),
    )
    minutes_approved_on = models.DateTimeField(_("minutes approved on"), null=True, blank=True)

    class Meta:
        ordering = ["group", "-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.group} {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", kwargs={"pk": self.pk})

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_status == MinutesStatus.APPROVED


class AgendaItem(BilingualModel, Versioned):
    bilingual_fields = ("title",)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title_en = models.CharField(_("item (English)"), max_length=300, blank=True)
    title_cy = models.CharField(_("item (Welsh)"), max_length=300, blank=True)
    actions = models.ManyToManyField(
        "plans.Action", related_name="agenda_items", blank=True, verbose_name=_("plan actions")
    )
    commitments = models.ManyToManyField(
        "plans.Commitment",
        related_name="agenda_items",
        blank=True,
        verbose_name=_("commitments"),
    )
    rounds = models.ManyToManyField(
        "progress.ProgressRound",
        related_name="agenda_items",
        blank=True,
        verbose_name=_("progress rounds"),
    )
    # Indicators belong to outcomes, a sibling app governance may not import: their ids are
    # kept here and read through a provider the web layer plugs in (see governance.links).
    indicator_ids = models.JSONField(_("indicators"), default=list, blank=True)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title_en or self.title_cy


class Attendance(models.Model):
    """Whether a seat was filled at a meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    seat = models.ForeignKey(
        Seat, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("seat")
    )
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="one_attendance_per_seat")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.seat}: {self.get_status_display()}"


class Decision(BilingualModel, Versioned):
    """A record of decision: what was decided, why, and the alternatives considered.

    When it changed the plan, `action` is the action and the change went through the plan
    services with the meeting as its origin.
    """

    bilingual_fields = ("what", "why", "alternatives")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    what_en = models.TextField(_("decision (English)"), blank=True)
    what_cy = models.TextField(_("decision (Welsh)"), blank=True)
    why_en = models.TextField(_("reasons (English)"), blank=True)
    why_cy = models.TextField(_("reasons (Welsh)"), blank=True)
    alternatives_en = models.TextField(_("alternatives considered (English)"), blank=True)
    alternatives_cy = models.TextField(_("alternatives considered (Welsh)"), blank=True)
    action = models.ForeignKey(
        "plans.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="governance_decisions",
        verbose_name=_("plan action changed"),
    )

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return (self.what_en or self.what_cy)[:100]


class LogItem(BilingualModel, Versioned):
    """An entry in a group's action log: who will do what by when, raised at a meeting."""

    bilingual_fields = ("text",)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="log_items", verbose_name=_("raised at")
    )
    text_en = models.TextField(_("action (English)"), blank=True)
    text_cy = models.TextField(_("action (Welsh)"), blank=True)
    owner_organisation = models.ForeignKey(
        "partnerships.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="governance_log_items",
        verbose_name=_("owner organisation"),
    )
    owner_person = models.CharField(_("owner"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LogStatus.choices, default=LogStatus.OPEN
    )
    updates = models.TextField(_("updates"), blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("action log item")
        verbose_name_plural = _("action log items")

    def __str__(self) -> str:
        return (self.text_en or self.text_cy)[:100]


class CalendarToken(models.Model):
    """A private, revocable address for a person's calendar feed of meetings.

    Only the SHA-256 of the secret is kept, so the address is shown once when made; making a
    new one revokes the old (one live token per person).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


def pack_upload_to(job: PackJob, filename: str) -> str:
    return f"governance/packs/{job.meeting_id}/{job.pk or 'new'}-{filename}"


class PackJob(models.Model):
    """A meeting pack being made in the background (`governance.pack`), and its file."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="pack_jobs", verbose_name=_("meeting")
    )
    format = models.CharField(
        _("format"), max_length=10, choices=[("docx", "Word"), ("pdf", "PDF")]
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    state = models.CharField(
        _("state"), max_length=10, choices=PackState.choices, default=PackState.QUEUED
    )
    file = models.FileField(_("file"), upload_to=pack_upload_to, max_length=200, blank=True)
    # The queued task making the pack (ops.queue): a job whose task is lost is failed on view.
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting pack")
        verbose_name_plural = _("meeting packs")

    def __str__(self) -> str:
        return f"{self.meeting} {self.format} {self.language}"


class VoiceItem(BilingualModel, Versioned):
    """ "You said, we did": what survivors told the partnership, anonymised at entry, and what
    was done. Published on the public page only with consent and a published response."""

    bilingual_fields = ("said", "response")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="voice_items",
        verbose_name=_("partnership"),
    )
    source = models.CharField(_("where it was heard"), max_length=20, choices=VoiceSource.choices)
    heard_on = models.DateField(_("when it was heard"), null=True, blank=True)
    said_en = models.TextField(_("you said (English)"), blank=True)
    said_cy = models.TextField(_("you said (Welsh)"), blank=True)
    response_en = models.TextField(_("we did (English)"), blank=True)
    response_cy = models.TextField(_("we did (Welsh)"), blank=True)
    consent_to_publish = models.BooleanField(_("consent to publish"), default=False)
    published = models.BooleanField(_("response published"), default=False)
    actions = models.ManyToManyField(
        "plans.Action", related_name="voice_items", blank=True, verbose_name=_("plan actions")
    )
    decisions = models.ManyToManyField(
        Decision, related_name="voice_items", blank=True, verbose_name=_("decisions")
    )

    class Meta:
        ordering = ["partnership", "-heard_on", "-pk"]
        verbose_name = _("“you said, we did” item")
        verbose_name_plural = _("“you said, we did” items")

    def __str__(self) -> str:
        return (self.said_en or self.said_cy)[:100]


class StoredFile(models.Model):
    """A checked upload kept under its SHA-256, shown and downloaded under a cleaned name.

    Each concrete model declares `file` with its own folder (`upload_to`).
    """

    file_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("type of file"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        abstract = True


def paper_upload_to(paper: MeetingPaper, filename: str) -> str:
    # Each meeting keeps its own copy: removing a paper never takes another meeting's file.
    return f"governance/papers/{paper.meeting_id}/{paper.sha256}"


class MeetingPaper(BilingualModel, StoredFile):
    """A paper for a meeting (a report, a briefing), with its title in English and Welsh."""

    bilingual_fields = ("title",)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="papers", verbose_name=_("meeting")
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_cy = models.CharField(_("title (Welsh)"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=paper_upload_to, max_length=200)

    class Meta:
        ordering = ["meeting", "added_at", "pk"]
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")

    def __str__(self) -> str:
        return self.title_en or self.title_cy or self.file_name


def terms_upload_to(document: TermsDocument, filename: str) -> str:
    return f"governance/terms/{document.group_id}/{document.sha256}"


class TermsDocument(StoredFile):
    """A group's terms of reference as a document; a new one replaces the old."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="terms_document", verbose_name=_("group")
    )
    file = models.FileField(_("file"), upload_to=terms_upload_to, max_length=200)

    class Meta:
        verbose_name = _("terms of reference document")
        verbose_name_plural = _("terms of reference documents")

    def __str__(self) -> str:
        return self.file_name
