"""The reviews pages: who sees what, the upload with its personal-data check, coding,
recommendations. Each page in English and Welsh."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.reviews.builders import CLEAN, WITH_BIRTH_DATE, review_pdf
from vawdasv.reviews.enums import CodingState
from vawdasv.reviews.models import Coding, Recommendation, ReviewFile

pytestmark = pytest.mark.django_db


def upload(client, review, data, **extra):
    return client.post(
        reverse("reviews:upload", args=[review.pk]),
        {"document": "report", "language": "en",
         "file": SimpleUploadedFile("report.pdf", data, "application/pdf"), **extra},
    )  # fmt: skip


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_the_list_shows_only_shared_reviews_to_the_public(client, review, prefix):
    response = client.get(f"{prefix}/reviews/")
    assert response.status_code == 200
    assert b"CV-SUSR-01" not in response.content
    review.shared = True
    review.save()
    assert b"CV-SUSR-01" in client.get(f"{prefix}/reviews/").content


@pytest.mark.parametrize(
    ("persona", "status"), [("admin", 200), ("board", 404), ("lead", 404), ("outsider", 404)]
)
def test_an_unshared_review_page_is_for_administrators_and_the_panel(
    client, world, review, persona, status
):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == status


def test_a_board_member_may_not_upload_to_a_shared_review(client, world, review):
    review.shared = True
    review.save()
    client.force_login(world.board)
    assert client.get(reverse("reviews:upload", args=[review.pk])).status_code == 403


def test_a_planted_date_of_birth_is_shown_and_nothing_kept_until_confirmed(client, world, review):
    client.force_login(world.admin)
    data = review_pdf(WITH_BIRTH_DATE)
    response = upload(client, review, data)
    assert response.status_code == 200
    assert b"Possible date of birth" in response.content
    assert b"[date of birth 12/03/1984]" in response.content
    assert not ReviewFile.objects.exists()
    sha = response.context["form"].initial["confirmed_sha256"]
    response = upload(client, review, data, confirmed_sha256=sha, confirm="on")
    assert response.status_code == 302
    assert ReviewFile.objects.get().scan_findings == 1


def test_the_corrected_file_is_kept_without_confirmation(client, world, review):
    client.force_login(world.admin)
    upload(client, review, review_pdf(WITH_BIRTH_DATE))
    assert upload(client, review, review_pdf(CLEAN)).status_code == 302
    assert ReviewFile.objects.get().scan_findings == 0


def test_a_file_that_is_not_a_report_gets_a_clear_message(client, world, review):
    client.force_login(world.admin)
    response = upload(client, review, b"just text")
    assert response.status_code == 400
    assert "“report.pdf” is named .pdf but is not a PDF".encode() in response.content


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_coding_page_shows_suggestions_with_their_words_and_accepts_them(
    client, world, review, prefix, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, review, review_pdf(CLEAN))
    response = client.get(f"{prefix}/reviews/{review.pk}/code/")
    assert response.status_code == 200
    suggestion = Coding.objects.filter(
        state=CodingState.SUGGESTED, theme__code="risk-assessment"
    ).first()
    assert suggestion.drivers.encode() in response.content
    client.post(reverse("reviews:decide", args=[suggestion.pk]), {"accept": "1"})
    suggestion.refresh_from_db()
    assert suggestion.state == CodingState.ACCEPTED


def test_a_recommendation_is_added_updated_and_put_into_the_plan(client, world, review):
    client.force_login(world.admin)
    response = client.post(
        reverse("reviews:recommendation-add", args=[review.pk]),
        {"text_en": "Train staff in routine enquiry.", "scope": "local",
         "owner_organisation": world.council.pk, "status": "not_started"},
    )  # fmt: skip
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    url = reverse("reviews:recommendation", args=[recommendation.pk])
    client.post(url, {"form": "update", "status": "in_progress", "rag": "amber", "note": "Booked"})
    client.post(url, {"form": "track", "action": "", "commitment": world.commitment.pk})
    recommendation.refresh_from_db()
    assert recommendation.status == "in_progress"
    assert recommendation.action.commitment == world.commitment
    assert b"Booked" in client.get(url).content


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_dashboard_and_codebook_pages_render(client, world, prefix):
    client.force_login(world.admin)
    assert client.get(f"{prefix}/reviews/recommendations/").status_code == 200
    response = client.get(f"{prefix}/reviews/codebook/")
    assert response.status_code == 200
    assert b"keywords alone" in response.content or b"allweddeiriau" in response.content


def test_the_learning_panel_edits_the_codebook_and_others_may_not(client, world, panellist):
    client.force_login(world.board)
    assert client.get(reverse("reviews:theme-edit", args=["stalking"])).status_code == 403
    client.force_login(panellist)
    url = reverse("reviews:theme-edit", args=["stalking"])
    form = client.get(url).context["form"]
    response = client.post(
        url, {**{k: v for k, v in form.initial.items() if v is not None and k != "parent"},
              "parent": form.initial["parent"], "keywords": "stalking\nfixated"},
    )  # fmt: skip
    assert response.status_code == 302
    from vawdasv.reviews.models import CodebookTheme

    assert CodebookTheme.objects.get(code="stalking").keyword_list() == ["stalking", "fixated"]
    response = client.post(
        reverse("reviews:theme-add"),
        {"code": "honour-based-abuse", "name_en": "Honour-based abuse",
         "parent": form.initial["parent"]},
    )  # fmt: skip
    assert response.status_code == 302
    assert CodebookTheme.objects.get(code="honour-based-abuse").parent.code == "abuse"


def test_an_administrator_edits_a_review_and_a_stale_edit_is_refused(client, world, review):
    client.force_login(world.admin)
    url = reverse("reviews:edit", args=[review.pk])
    data = {"kind": "susr", "reference": "CV-SUSR-01", "title_en": "Renamed",
            "status": "published", "version": review.version}  # fmt: skip
    assert client.post(url, data).status_code == 302
    review.refresh_from_db()
    assert review.title_en == "Renamed"
    stale = client.post(url, {**data, "title_en": "Old", "version": 1})
    assert stale.status_code == 400
    review.refresh_from_db()
    assert review.title_en == "Renamed"
    client.force_login(world.board)
    assert client.get(url).status_code == 404


def test_a_dissemination_is_recorded_and_shown_in_the_log(client, world, review):
    client.force_login(world.admin)
    url = reverse("reviews:dissemination-add", args=[world.partnership.slug])
    response = client.post(
        url, {"briefing": "Coercive control briefing", "audience": "Health visitors' course",
              "sent_on": "2026-10-01", "reviews": [review.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    assert b"Health visitors" in client.get(reverse("reviews:dashboard")).content
    assert client.post(url, {"briefing": "", "audience": "", "sent_on": ""}).status_code == 400
    client.force_login(world.board)
    assert client.get(url).status_code == 403
