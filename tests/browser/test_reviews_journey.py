"""The learning panel's journey through a safeguarding review, in English and in Welsh: upload a
report (the personal-data scan flags a planted date of birth, the file is corrected and uploaded
again), code a sentence with a suggestion, add a recommendation and put it into the plan's
progress rounds, make the thematic report. Every page is checked with axe."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page

from tests.browser.journey import follow, sign_in, visit
from tests.reviews.builders import CLEAN, WITH_BIRTH_DATE, review_pdf
from vawdasv.reviews import services
from vawdasv.reviews.enums import CodingState
from vawdasv.reviews.models import Coding, Recommendation, ReviewFile, ThematicReportJob

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_review_from_upload_to_thematic_report(page: Page, world, tmp_path, language):
    prefix = "/cy" if language == "cy" else ""
    review = services.create_review(
        actor=world.admin, partnership=world.partnership,
        data={"kind": "susr", "reference": "JOURNEY-1", "title_en": "Fictional"},
    )  # fmt: skip
    planted, clean = tmp_path / "planted.pdf", tmp_path / "clean.pdf"
    planted.write_bytes(review_pdf(WITH_BIRTH_DATE))
    clean.write_bytes(review_pdf(CLEAN))
    with translation.override(language):
        t = {k: gettext(k) for k in (
            "Upload a report or executive summary", "Published report", "English",
            "Upload and check", "Possible date of birth", "Code the sentences", "Accept",
            "Add a recommendation", "Save recommendation", "Create the plan action",
            "Make the report", "Download the report (Word)", "Welsh",
        )}  # fmt: skip

    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/reviews/{review.pk}/")
    follow(page, page.get_by_role("link", name=t["Upload a report or executive summary"]))
    page.get_by_role("radio", name=t["Published report"], exact=True).check()
    page.get_by_role("radio", name=t["English"], exact=True).check()
    page.locator("#id_file").set_input_files(str(planted))
    follow(page, page.get_by_role("button", name=t["Upload and check"]))
    assert page.get_by_text(t["Possible date of birth"]).count() == 1
    assert not ReviewFile.objects.exists()

    # The person removes the date of birth and uploads the corrected report.
    page.get_by_role("radio", name=t["Published report"], exact=True).check()
    page.get_by_role("radio", name=t["English"], exact=True).check()
    page.locator("#id_file").set_input_files(str(clean))
    follow(page, page.get_by_role("button", name=t["Upload and check"]))
    assert ReviewFile.objects.get().scan_findings == 0

    follow(page, page.get_by_role("link", name=t["Code the sentences"]))
    assert Coding.objects.filter(state=CodingState.SUGGESTED).exists()
    follow(page, page.get_by_role("button", name=t["Accept"]).first)
    assert Coding.objects.filter(state=CodingState.ACCEPTED).count() == 1

    visit(page, f"{prefix}/reviews/{review.pk}/")
    follow(page, page.get_by_role("link", name=t["Add a recommendation"]))
    page.locator("#id_text_en").fill("Train staff in routine enquiry (fictional).")
    page.locator("#id_scope").select_option("local")
    page.locator("#id_owner_organisation").select_option(str(world.council.pk))
    follow(page, page.get_by_role("button", name=t["Save recommendation"]))
    follow(page, page.get_by_role("link", name="R1"))
    follow(page, page.get_by_role("button", name=t["Create the plan action"]))
    assert Recommendation.objects.get().action is not None

    visit(page, f"{prefix}/reviews/thematic/{world.partnership.slug}/")
    page.get_by_label(t["Welsh" if language == "cy" else "English"], exact=True).check()
    follow(page, page.get_by_role("button", name=t["Make the report"]))
    assert ThematicReportJob.objects.get().state == "done"
    assert page.get_by_role("link", name=t["Download the report (Word)"]).count() == 1
