"""The learning panel's journey through a safeguarding review, in English and in Welsh: upload a
report (the personal-data scan flags a planted date of birth, the file is corrected and uploaded
again), code a sentence with a suggestion, add a recommendation and put it into the plan's
progress rounds, make the thematic report. An administrator's journey: seat and remove a learning
panel member, record a briefing sent to a governance group and follow its link from the log.
Every page is checked with axe."""

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
            "Add a recommendation", "Save recommendation", "Track in progress rounds",
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
    page.locator("#id_commitment").select_option(str(world.commitment.pk))
    follow(page, page.get_by_role("button", name=t["Track in progress rounds"]))
    assert Recommendation.objects.get().action is not None

    visit(page, f"{prefix}/reviews/thematic/{world.partnership.slug}/")
    page.get_by_label(t["Welsh" if language == "cy" else "English"], exact=True).check()
    follow(page, page.get_by_role("button", name=t["Make the report"]))
    assert ThematicReportJob.objects.get().state == "done"
    assert page.get_by_role("link", name=t["Download the report (Word)"]).count() == 1


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_administrator_keeps_the_panel_and_logs_a_briefing_to_a_group(
    page: Page, world, language
):
    from vawdasv.governance import services as governance
    from vawdasv.reviews.models import Dissemination, LearningPanelMember

    prefix = "/cy" if language == "cy" else ""
    group = governance.create_group(
        actor=world.admin, partnership=world.partnership,
        data={"name_en": "Regional VAWDASV Steering Group", "name_cy": "Grŵp Llywio Rhanbarthol",
              "kind": "steering_group", "frequency": "quarterly"},
    )  # fmt: skip
    with translation.override(language):
        t = {k: gettext(k) for k in (
            "Add to the panel", "Remove", "Remove from the panel", "Record a dissemination",
            "Save",
        )}  # fmt: skip
        group_name = "Grŵp Llywio Rhanbarthol" if language == "cy" else group.name_en

    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/reviews/panel/{world.partnership.slug}/")
    page.locator("#id_user").select_option(str(world.board.pk))
    follow(page, page.get_by_role("button", name=t["Add to the panel"]))
    assert LearningPanelMember.objects.filter(user=world.board).exists()
    follow(page, page.get_by_role("link", name=t["Remove"]))
    # The confirmation page: nothing removed until the person says so.
    assert LearningPanelMember.objects.exists()
    follow(page, page.get_by_role("button", name=t["Remove from the panel"]))
    assert not LearningPanelMember.objects.exists()

    visit(page, f"{prefix}/reviews/dissemination/{world.partnership.slug}/new/")
    page.locator("#id_briefing").fill("Coercive control briefing (fictional)")
    page.locator("#id_group").select_option(str(group.pk))
    page.locator("#id_sent_on").fill("2026-10-01")
    follow(page, page.get_by_role("button", name=t["Save"]))
    assert Dissemination.objects.get().group_id == group.pk
    follow(page, page.get_by_role("link", name=group_name))
    assert page.url.endswith(f"{prefix}/governance/groups/{group.pk}/")
