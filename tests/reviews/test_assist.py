import pytest
from django.utils import timezone

from tests.reviews.builders import CLEAN, review_pdf
from vawdasv.audit.models import AuditEntry
from vawdasv.audit.origins import OriginKind
from vawdasv.reviews import assist, services
from vawdasv.reviews.enums import CodingState, DocumentKind, Language, PassageKind
from vawdasv.reviews.fictional import corpus
from vawdasv.reviews.models import CodebookTheme, Coding, Passage, ReviewFile

pytestmark = pytest.mark.django_db


def coded_sentences(review, n):
    """`n` fictional sentences in the review, coded by a person (ORM set-up, not the journey)."""
    source = ReviewFile.objects.create(
        review=review, document=DocumentKind.REPORT, language=Language.ENGLISH,
        file_name="coded.pdf", content_type="application/pdf", size=1, sha256="0" * 64,
        stored_as="x",
    )  # fmt: skip
    themes = {t.code: t for t in CodebookTheme.objects.all()}
    for i, (text, labels) in enumerate(corpus(n)):
        passage = Passage.objects.create(
            review=review, source=source, kind=PassageKind.SENTENCE, position=i, paragraph=i,
            page=1, text=text,
        )  # fmt: skip
        for code in labels:
            Coding.objects.create(passage=passage, theme=themes[code], state=CodingState.ACCEPTED)
        if not labels:
            Coding.objects.create(
                passage=passage, theme=themes["stalking"], state=CodingState.REJECTED
            )


def upload_clean(review, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_review_file(
            actor=world.admin, review=review, document=DocumentKind.REPORT,
            language=Language.ENGLISH, name="r.pdf", data=review_pdf(CLEAN),
        )  # fmt: skip


def test_with_few_codes_the_keywords_suggest_and_say_which_words(review, world):
    coded_sentences(review, 10)
    state = assist.train()
    assert state.method == assist.KEYWORDS
    assert assist.quality(state)["method"] == assist.KEYWORDS


def test_uploading_a_report_suggests_themes_for_its_sentences_in_the_background(
    review, world, django_capture_on_commit_callbacks
):
    upload_clean(review, world, django_capture_on_commit_callbacks)
    suggested = Coding.objects.filter(state=CodingState.SUGGESTED)
    risk = suggested.filter(theme__code="risk-assessment").first()
    assert risk is not None
    assert "risk assessment" in risk.drivers
    entry = AuditEntry.objects.filter(origin_kind=OriginKind.THEME_SUGGESTION).get()
    assert entry.changes["suggested_themes"]["after"] == suggested.count()


def test_with_enough_codes_a_classifier_is_trained_and_measured(review, world):
    coded_sentences(review, 120)
    state = assist.train()
    assert state.method == assist.CLASSIFIER
    quality = assist.quality(state)
    assert {t["code"] for t in quality["themes"]} >= {"coercive-control", "economic-abuse"}
    assert all(0.0 <= t["precision"] <= 1.0 for t in quality["themes"])
    assert quality["micro_f1"] >= quality["keyword_micro_f1"]


def test_classifier_suggestions_name_the_words_that_drove_them(
    review, world, django_capture_on_commit_callbacks
):
    coded_sentences(review, 120)
    assist.train()
    upload_clean(review, world, django_capture_on_commit_callbacks)
    coercive = Coding.objects.filter(
        state=CodingState.SUGGESTED, theme__code="coercive-control"
    ).first()
    assert coercive is not None
    assert coercive.suggested_by_model.startswith("classifier")
    assert 0.5 <= coercive.confidence <= 1.0
    assert coercive.drivers


def test_accepting_a_suggestion_is_audited_as_a_decision_on_a_suggestion(
    review, world, django_capture_on_commit_callbacks
):
    upload_clean(review, world, django_capture_on_commit_callbacks)
    suggestion = Coding.objects.filter(state=CodingState.SUGGESTED).first()
    services.decide(actor=world.admin, coding=suggestion, accept=True)
    entry = AuditEntry.objects.filter(content_type__model="coding", object_id=suggestion.pk).get()
    assert entry.origin_kind == OriginKind.THEME_SUGGESTION
    assert entry.changes["state"] == {"before": "suggested", "after": "accepted"}


def test_enough_new_decisions_trigger_retraining(review, world):
    coded_sentences(review, 25)
    assert assist.needs_retraining()
    assist.train()
    assert not assist.needs_retraining()
    later = list(Coding.objects.values_list("pk", flat=True)[: assist.RETRAIN_AFTER])
    Coding.objects.filter(pk__in=later).update(decided_at=timezone.now())
    assert assist.needs_retraining()
