"""Statuses and kinds of the reviews app: a leaf module (Django only), so the permission rules
below this app may compare them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewKind(models.TextChoices):
    SUSR = "susr", _("Single Unified Safeguarding Review")
    DHR = "dhr", _("Domestic Homicide Review")
    DARDR = "dardr", _("Domestic Abuse Related Death Review")
    CPR = "cpr", _("Child Practice Review")
    APR = "apr", _("Adult Practice Review")
    MHHR = "mhhr", _("Mental Health Homicide Review")
    OWHR = "owhr", _("Offensive Weapon Homicide Review")
    OTHER = "other", _("Other review")


class ReviewStatus(models.TextChoices):
    NOTIFIED = "notified", _("Notified")
    COMMISSIONED = "commissioned", _("Commissioned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    PUBLISHED = "published", _("Published")


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Published report")
    EXECUTIVE_SUMMARY = "executive_summary", _("Executive summary")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh")


class PassageKind(models.TextChoices):
    PARAGRAPH = "paragraph", _("Paragraph")
    SENTENCE = "sentence", _("Sentence")


class RecommendationScope(models.TextChoices):
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local")


class RecommendationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed without completion")


class Rag(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


class CodingState(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
