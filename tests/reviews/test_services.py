import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from tests.reviews.builders import CLEAN, WITH_BIRTH_DATE, review_docx, review_pdf
from vawdasv.audit.models import AuditEntry
from vawdasv.audit.origins import OriginKind
from vawdasv.reviews import services
from vawdasv.reviews.enums import (
    CodingState,
    DocumentKind,
    Language,
    PassageKind,
    RecommendationScope,
    RecommendationStatus,
)
from vawdasv.reviews.models import CodebookTheme, Passage, ReviewFile

pytestmark = pytest.mark.django_db


def upload(actor, review, data, name="report.pdf", **kwargs):
    return services.add_review_file(
        actor=actor, review=review, document=DocumentKind.REPORT, language=Language.ENGLISH,
        name=name, data=data, **kwargs,
    )  # fmt: skip


def test_creating_a_review_is_audited_with_the_review_as_origin(review, world):
    entry = AuditEntry.objects.get(object_id=review.pk, content_type__model="review")
    assert entry.origin_kind == OriginKind.REVIEW
    assert entry.changes["agencies"]["after"] == [str(world.police)]


def test_a_lead_officer_may_not_record_a_review(world):
    with pytest.raises(PermissionDenied):
        services.create_review(
            actor=world.lead, partnership=world.partnership,
            data={"kind": "dhr", "reference": "X"},
        )  # fmt: skip


def test_a_learning_panel_member_records_reviews(world, panellist):
    review = services.create_review(
        actor=panellist, partnership=world.partnership, data={"kind": "cpr", "reference": "C1"}
    )
    assert review.partnership == world.partnership


def test_an_edit_from_an_old_version_is_refused(review, world):
    services.update_review(actor=world.admin, review=review, data={"title_en": "New"})
    with pytest.raises(services.kernel.ConcurrentEditError):
        services.update_review(
            actor=world.admin, review=review, data={"title_en": "Old"}, expected_version=1
        )


def test_a_clean_report_is_kept_with_paragraphs_and_sentences_by_page(review, world):
    review_file = upload(world.admin, review, review_pdf(CLEAN))
    assert default_storage.exists(review_file.stored_as)
    paragraphs = Passage.objects.filter(review=review, kind=PassageKind.PARAGRAPH)
    sentences = Passage.objects.filter(review=review, kind=PassageKind.SENTENCE)
    assert [p.page for p in paragraphs] == [1, 1, 2]
    assert sentences.count() == 5
    assert sentences.filter(page=2, text__startswith="The panel recommends").exists()


def test_a_planted_date_of_birth_stops_the_upload_until_confirmed(review, world):
    data = review_pdf(WITH_BIRTH_DATE)
    with pytest.raises(services.NeedsConfirmation) as raised:
        upload(world.admin, review, data)
    assert [(f.kind, f.page) for f in raised.value.findings] == [("date_of_birth", 1)]
    assert not ReviewFile.objects.exists() and not Passage.objects.exists()
    kept = upload(world.admin, review, data, confirmed_sha256=raised.value.sha256)
    assert kept.scan_findings == 1


def test_confirming_one_file_does_not_confirm_another(review, world):
    with pytest.raises(services.NeedsConfirmation) as raised:
        upload(world.admin, review, review_pdf(WITH_BIRTH_DATE))
    other = review_pdf([["Jane Hughes was interviewed by the panel."]])
    with pytest.raises(services.NeedsConfirmation):
        upload(world.admin, review, other, confirmed_sha256=raised.value.sha256)


def test_a_corrected_word_file_replaces_the_report_and_its_passages(review, world):
    upload(world.admin, review, review_pdf(CLEAN))
    upload(world.admin, review, review_docx(["Only one paragraph now."]), name="report.docx")
    assert ReviewFile.objects.get().file_name == "report.docx"
    assert list(Passage.objects.values_list("text", flat=True)) == ["Only one paragraph now."] * 2


def test_a_program_renamed_as_a_pdf_is_refused_and_nothing_is_kept(review, world):
    with pytest.raises(ValidationError, match=r"is named \.pdf but is not a PDF"):
        upload(world.admin, review, b"MZ\x90\x00 not a pdf")
    assert not ReviewFile.objects.exists()


def test_recommendation_updates_move_status_and_are_audited(review, world):
    recommendation = services.create_recommendation(
        actor=world.admin, review=review,
        data={"text_en": "Train staff.", "scope": RecommendationScope.LOCAL,
              "owner_organisation": world.police},
    )  # fmt: skip
    services.add_recommendation_update(
        actor=world.lead, recommendation=recommendation,
        status=RecommendationStatus.IN_PROGRESS, rag="amber", note="Course booked.",
    )  # fmt: skip
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.rag, recommendation.number) == (
        RecommendationStatus.IN_PROGRESS, "amber", 1,
    )  # fmt: skip
    assert AuditEntry.objects.filter(content_type__model="recommendationupdate").count() == 1


def test_another_organisations_lead_may_not_update_a_recommendation(review, world):
    recommendation = services.create_recommendation(
        actor=world.admin, review=review,
        data={"text_en": "Train staff.", "scope": "local", "owner_organisation": world.police},
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.add_recommendation_update(
            actor=world.council_lead, recommendation=recommendation, status="completed", note="x"
        )


def test_a_recommendation_links_only_an_action_of_its_own_partnership(review, world):
    recommendation = services.create_recommendation(
        actor=world.admin, review=review, data={"text_en": "Train.", "scope": "national"}
    )
    linked = services.link_action(
        actor=world.admin, recommendation=recommendation, action=world.police_action
    )
    assert linked.action == world.police_action
    from tests import factories

    elsewhere = factories.ActionFactory(
        commitment=factories.CommitmentFactory(
            theme=factories.ThemeFactory(strategy=world.other_strategy)
        )
    )
    with pytest.raises(ValidationError):
        services.link_action(actor=world.admin, recommendation=recommendation, action=elsewhere)


def test_coding_and_deciding_a_suggestion_are_audited(review, world):
    upload(world.admin, review, review_pdf(CLEAN))
    sentence = Passage.objects.filter(kind=PassageKind.SENTENCE).first()
    theme = CodebookTheme.objects.get(code="risk-assessment")
    coding = services.apply_code(actor=world.admin, theme=theme, passage=sentence)
    assert coding.state == CodingState.ACCEPTED
    rejected = services.decide(actor=world.admin, coding=coding, accept=False)
    assert rejected.state == CodingState.REJECTED
    entries = AuditEntry.objects.filter(content_type__model="coding")
    assert entries.count() == 2


def test_the_codebook_is_seeded_and_only_the_panel_edits_it(world, panellist):
    assert CodebookTheme.objects.get(code="coercive-control").parent.code == "abuse"
    theme = CodebookTheme.objects.get(code="stalking")
    with pytest.raises(PermissionDenied):
        services.update_theme(actor=world.admin, theme=theme, data={"keywords": "x"})
    changed = services.update_theme(
        actor=panellist, theme=theme, data={"keywords": "stalking\nfixated"}
    )
    assert changed.keyword_list() == ["stalking", "fixated"]
