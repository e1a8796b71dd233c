"""A repository of published, anonymised safeguarding reviews and the learning drawn from them.

Review → files (report, executive summary; English and/or Welsh) → passages (paragraphs and
sentences with page numbers) → codings (codebook themes, applied by people or suggested by the
classifier). Each review has recommendations tracked to completion with dated updates.
No case records: only what the commissioning body published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vawdasv.lib.bilingual import BilingualModel
from vawdasv.reviews.enums import (
    CodingState,
    DocumentKind,
    Language,
    PassageKind,
    Rag,
    RecommendationScope,
    RecommendationStatus,
    ReviewKind,
    ReviewStatus,
)


class Edited(models.Model):
    """An edit counter for optimistic locking (the same rule as plans.models.Versioned)."""

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class LearningPanelMember(models.Model):
    """A person on a partnership's safeguarding learning panel: reads every review it holds,
    codes them and edits the codebook."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="learning_panel"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_panels"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="one_panel_seat")
        ]
        verbose_name = _("learning panel member")
        verbose_name_plural = _("learning panel members")

    def __str__(self) -> str:
        return f"{self.user} ({self.partnership})"


class Review(BilingualModel, Edited):
    bilingual_fields = ("title", "summary")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind of review"), max_length=10, choices=ReviewKind.choices)
    reference = models.CharField(_("reference"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_cy = models.CharField(_("title (Welsh)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_cy = models.TextField(_("summary (Welsh)"), blank=True)
    commissioning_body = models.CharField(
        _("commissioning board or partnership"), max_length=200, blank=True
    )
    notified_on = models.DateField(_("notification date"), null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    commissioned_on = models.DateField(_("commissioned"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NOTIFIED
    )
    agencies = models.ManyToManyField(
        "partnerships.Organisation",
        blank=True,
        related_name="reviews",
        verbose_name=_("agencies involved"),
    )
    # The partnership shows the review (summary and recommendation status) to everyone.
    shared = models.BooleanField(_("shown to everyone"), default=False)
    # Demonstration reviews written by the team: every page says so.
    fictional = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-published_on", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="one_review_per_reference"
            )
        ]
        verbose_name = _("safeguarding review")
        verbose_name_plural = _("safeguarding reviews")

    def __str__(self) -> str:
        return self.reference


class ReviewFile(models.Model):
    """A published report or executive summary, checked and kept through the storage API."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="files")
    document = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=300, editable=False)
    # What the personal-data scan found and the uploader confirmed was published, anonymised text.
    scan_findings = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "language"]
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")

    def __str__(self) -> str:
        return self.file_name


class Passage(models.Model):
    """A paragraph or sentence of a review's text, with where it was found."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="passages")
    source = models.ForeignKey(ReviewFile, on_delete=models.CASCADE, related_name="passages")
    kind = models.CharField(max_length=10, choices=PassageKind.choices)
    page = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["source_id", "position"]
        indexes = [models.Index(fields=["review", "kind"], name="passage_review_kind")]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")

    def __str__(self) -> str:
        return self.text[:60]


class CodebookTheme(BilingualModel, Edited):
    """A theme in the shared codebook, possibly under a broader one."""

    bilingual_fields = ("name", "description")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_cy = models.CharField(_("name (Welsh)"), max_length=150, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_cy = models.TextField(_("description (Welsh)"), blank=True)
    # Words and phrases that signal the theme, one per line; the keyword baseline and a
    # feature of the classifier.
    keywords = models.TextField(_("keywords"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("codebook theme")
        verbose_name_plural = _("codebook themes")

    def __str__(self) -> str:
        return self.code

    def keyword_list(self) -> list[str]:
        return [k.strip().lower() for k in self.keywords.splitlines() if k.strip()]


class Recommendation(BilingualModel, Edited):
    bilingual_fields = ("text",)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveIntegerField(_("number"))
    text_en = models.TextField(_("recommendation (English)"), blank=True)
    text_cy = models.TextField(_("recommendation (Welsh)"), blank=True)
    scope = models.CharField(
        _("national or local"), max_length=10, choices=RecommendationScope.choices
    )
    agencies = models.ManyToManyField(
        "partnerships.Organisation",
        blank=True,
        related_name="review_recommendations",
        verbose_name=_("addressed to"),
    )
    owner_organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner organisation"),
    )
    owner_person = models.CharField(_("owner (name or post)"), max_length=150, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
    )
    rag = models.CharField(_("RAG rating"), max_length=10, choices=Rag.choices, blank=True)
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_recommendations",
        verbose_name=_("plan action"),
    )

    class Meta:
        ordering = ["review_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="one_number_per_review")
        ]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.review.reference} R{self.number}"


class RecommendationUpdate(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(_("status"), max_length=20, choices=RecommendationStatus.choices)
    rag = models.CharField(_("RAG rating"), max_length=10, choices=Rag.choices, blank=True)
    note = models.TextField(_("what has happened"))
    evidence_url = models.URLField(_("link to evidence"), max_length=500, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "-pk"]
        verbose_name = _("recommendation update")
        verbose_name_plural = _("recommendation updates")

    def __str__(self) -> str:
        return f"{self.recommendation} {self.written_at:%Y-%m-%d}"


class Coding(models.Model):
    """A codebook theme on a passage or a recommendation: applied by a person, or suggested by
    the classifier and then accepted or rejected by one."""

    passage = models.ForeignKey(
        Passage, on_delete=models.CASCADE, null=True, blank=True, related_name="codings"
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, null=True, blank=True, related_name="codings"
    )
    theme = models.ForeignKey(CodebookTheme, on_delete=models.PROTECT, related_name="codings")
    state = models.CharField(max_length=10, choices=CodingState.choices)
    # For suggestions: the model's probability and the words that drove it.
    confidence = models.FloatField(null=True, blank=True)
    drivers = models.CharField(max_length=300, blank=True)
    suggested_by_model = models.CharField(max_length=40, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(passage__isnull=False) ^ models.Q(recommendation__isnull=False),
                name="coding_has_one_target",
            ),
            models.UniqueConstraint(fields=["passage", "theme"], name="one_coding_per_passage"),
            models.UniqueConstraint(
                fields=["recommendation", "theme"], name="one_coding_per_recommendation"
            ),
        ]
        verbose_name = _("coding")
        verbose_name_plural = _("codings")

    def __str__(self) -> str:
        return f"{self.theme.code}: {self.state}"


class Dissemination(models.Model):
    """Which learning briefing went to which group, course or partner, and when."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="disseminations"
    )
    briefing = models.CharField(_("learning briefing"), max_length=200)
    audience = models.CharField(_("group, training course or partner"), max_length=200)
    # A governance group of the partnership, by id: governance is a sibling app, so no foreign
    # key; `reviews.groups` resolves it (ADR 0038). `audience` keeps the group's name as it was.
    group_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    sent_on = models.DateField(_("date"))
    reviews = models.ManyToManyField(Review, blank=True, related_name="disseminations")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("dissemination")
        verbose_name_plural = _("dissemination log")

    def __str__(self) -> str:
        return f"{self.briefing} → {self.audience}"


class ClassifierState(models.Model):
    """One trained theme classifier (the newest is used), kept as JSON numbers, with how well
    it did on codes held back from its training."""

    trained_at = models.DateTimeField(auto_now_add=True)
    n_codes = models.PositiveIntegerField()
    n_passages = models.PositiveIntegerField()
    # "classifier" or "keywords" (too little data: the codebook's keywords alone).
    method = models.CharField(max_length=20)
    parameters = models.JSONField(default=dict)
    # Held-out precision/recall/F1 per theme, for the classifier and the keyword baseline.
    metrics = models.JSONField(default=dict)

    class Meta:
        ordering = ["-trained_at", "-pk"]
        get_latest_by = "trained_at"

    def __str__(self) -> str:
        return f"{self.method} {self.trained_at:%Y-%m-%d %H:%M}"


class ThematicReportJob(models.Model):
    """A thematic learning report someone asked for: made in the background as a file."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # kind, year_from, year_to, theme: the choices made on the form (codes and numbers only).
    filters = models.JSONField(default=dict)
    language = models.CharField(max_length=2, choices=Language.choices)
    state = models.CharField(max_length=10, default="queued", editable=False)
    stored_as = models.CharField(max_length=300, blank=True, editable=False)
    # The queued task making the file (ops.queue): a job whose task is lost is failed on view.
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"thematic report {self.pk}"
