"""A lead officer adds evidence to an update in the browser, in English and in Welsh.

Owain adds a link to a published report, tries to upload a program dressed up as a PDF (and is
told exactly what is wrong, with nothing saved), uploads a real Word document, downloads it back,
then removes the link after confirming. Every page is checked with axe by the journey helpers.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from playwright.sync_api import Page, expect

from tests.browser.journey import error_summary, follow, html_lang, path_of, sign_in, visit
from vawdasv.progress import services
from vawdasv.progress.enums import EvidenceKind
from vawdasv.progress.models import ProgressRound, UpdateEvidence

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPORT_URL = "https://example.org/reports/training-evaluation-2025"
REPORT_TITLE = "Evaluation of the coercive control course"


def _round(world: Any) -> ProgressRound:
    return services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
    )  # fmt: skip


def _word_document(folder: Path) -> Path:
    document = Document()
    document.add_paragraph("Coercive control course: 40 officers attended.")
    path = folder / "Cofrestr hyfforddiant – Ŵyl.docx"
    document.save(str(path))
    return path


def _disguised_program(folder: Path) -> Path:
    path = folder / "minutes.pdf"
    path.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)  # a Windows program's opening bytes
    return path


@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_a_lead_officer_adds_checks_downloads_and_removes_evidence(
    page: Page, world: Any, prefix: str, tmp_path: Path
) -> None:
    language = "cy" if prefix else "en"
    with translation.override(language):
        add_link, upload, remove = gettext("Add link"), gettext("Upload file"), gettext("Remove")
    progress_round = _round(world)
    address = f"{prefix}/progress/rounds/{progress_round.pk}/actions/{world.police_action.pk}/"
    main = page.locator("main")
    sign_in(page, prefix, "owain")
    visit(page, address)
    assert html_lang(page) == language

    # A link to a published report.
    link_form = main.locator("#evidence form").filter(has=page.locator("input[name='link-url']"))
    link_form.locator("input[name='link-title']").fill(REPORT_TITLE)
    link_form.locator("input[name='link-url']").fill(REPORT_URL)
    follow(page, link_form.get_by_role("button", name=add_link))
    assert path_of(page) == address
    expect(main.locator("#evidence")).to_contain_text(REPORT_TITLE)

    # A program renamed .pdf is refused, naming the file, and nothing is stored.
    file_form = main.locator("#evidence form[enctype='multipart/form-data']")
    file_form.locator("input[type=file]").set_input_files(str(_disguised_program(tmp_path)))
    follow(page, file_form.get_by_role("button", name=upload), status=400)
    expect(error_summary(page)).to_contain_text("minutes.pdf")
    assert UpdateEvidence.objects.filter(kind=EvidenceKind.FILE).count() == 0

    # A real Word document is accepted under a cleaned name and comes back unchanged.
    visit(page, address)
    file_form = main.locator("#evidence form[enctype='multipart/form-data']")
    document = _word_document(tmp_path)
    file_form.locator("input[type=file]").set_input_files(str(document))
    follow(page, file_form.get_by_role("button", name=upload))
    stored = UpdateEvidence.objects.get(kind=EvidenceKind.FILE)
    assert stored.file_name.endswith(".docx") and "Ŵyl" in stored.file_name
    with page.expect_download() as waiting:
        main.locator(f"#evidence a[href$='/evidence/{stored.pk}/download/']").click()
    with open(waiting.value.path(), "rb") as file:
        content = file.read()
    assert content == document.read_bytes()
    paragraphs = [p.text for p in Document(io.BytesIO(content)).paragraphs]
    assert "Coercive control course: 40 officers attended." in paragraphs

    # Removing the link asks first; confirming takes it off the update.
    link = UpdateEvidence.objects.get(kind=EvidenceKind.LINK)
    follow(page, main.locator(f"#evidence a[href$='/evidence/{link.pk}/remove/']"))
    expect(main.locator("h1")).to_have_text(gettext_in(language, "Remove evidence"))
    main.locator("input[name=confirm]").check()
    follow(page, main.locator("form[method=post] button[type=submit]"))
    assert path_of(page) == address
    assert not UpdateEvidence.objects.filter(pk=link.pk).exists()
    expect(main.locator("#evidence")).not_to_contain_text(REPORT_TITLE)
    expect(main.locator("#evidence").get_by_role("link", name=remove)).to_have_count(1)


def gettext_in(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)
