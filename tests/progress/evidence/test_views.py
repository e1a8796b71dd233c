"""The evidence pages: upload, link, remove with confirmation, and safe downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.progress.conftest import GOOD_UPDATE
from tests.progress.evidence.conftest import EXE, PDF, docx_bytes, upload
from vawdasv.progress import services
from vawdasv.progress.evidence import add_evidence_file, add_evidence_link
from vawdasv.progress.models import ProgressUpdate, UpdateEvidence


def _url(name, progress_round, action):
    return reverse(f"progress:{name}", kwargs={"pk": progress_round.pk, "action_pk": action.pk})


def _pdf_evidence(world, progress_round, name="Adroddiad ŵyr.pdf"):
    return add_evidence_file(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        title="Training report", uploaded_file=upload(name, PDF),
    )  # fmt: skip


def _approved_pdf_evidence(world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update)
    return evidence


def test_the_update_page_offers_both_evidence_forms_with_limits(client, world, progress_round):
    client.force_login(world.lead)
    page = client.get(_url("update", progress_round, world.police_action)).content.decode()
    assert 'id="evidence"' in page
    assert 'enctype="multipart/form-data"' in page
    assert _url("evidence-file", progress_round, world.police_action) in page
    assert _url("evidence-link", progress_round, world.police_action) in page
    assert "CSV, DOCX, JPEG, JPG, ODS, ODT, PDF, PNG, PPTX, TXT, XLSX, up to 10.0\xa0MB" in page
    assert "govuk-file-upload" in page
    # The evidence forms come after the update form, never inside it.
    assert page.index("</form>") < page.index('id="evidence"')


def test_uploading_a_file_adds_it_and_returns_to_the_update(client, world, progress_round):
    client.force_login(world.lead)
    response = client.post(
        _url("evidence-file", progress_round, world.police_action),
        {"file-title": "Evaluation", "file-file": upload("evaluation.docx", docx_bytes())},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#evidence")
    evidence = UpdateEvidence.objects.get()
    assert (evidence.title, evidence.file_name) == ("Evaluation", "evaluation.docx")
    page = client.get(response["Location"]).content.decode()
    assert "Evidence added" in page
    assert reverse("progress:evidence-download", args=[evidence.pk]) in page
    assert reverse("progress:evidence-remove", args=[evidence.pk]) in page


def test_a_disguised_program_is_refused_with_an_error_summary_and_nothing_saved(
    client, world, progress_round
):
    client.force_login(world.lead)
    response = client.post(
        _url("evidence-file", progress_round, world.police_action),
        {"file-title": "Minutes", "file-file": upload("minutes.pdf", EXE)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_file-file"' in page
    assert "govuk-file-upload--error" in page
    assert "“minutes.pdf” is named .pdf but is not a PDF" in page
    assert not UpdateEvidence.objects.exists()
    assert not ProgressUpdate.objects.exists()


def test_an_upload_with_no_file_asks_for_one(client, world, progress_round):
    client.force_login(world.lead)
    response = client.post(_url("evidence-file", progress_round, world.police_action), {})
    assert response.status_code == 400
    assert "Select a file" in response.content.decode()


def test_adding_a_javascript_link_is_refused(client, world, progress_round):
    client.force_login(world.lead)
    response = client.post(
        _url("evidence-link", progress_round, world.police_action),
        {"link-title": "Click", "link-url": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    assert "http:// or https://" in response.content.decode()
    assert not UpdateEvidence.objects.exists()


def test_adding_a_link_shows_it_on_the_update(client, world, progress_round):
    client.force_login(world.lead)
    response = client.post(
        _url("evidence-link", progress_round, world.police_action),
        {"link-title": "<b>News</b> item", "link-url": "https://example.org/news"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'href="https://example.org/news"' in page
    assert "&lt;b&gt;News&lt;/b&gt; item" in page


def test_bethan_cannot_post_evidence_to_owains_action(client, world, progress_round):
    client.force_login(world.council_lead)
    response = client.post(
        _url("evidence-file", progress_round, world.police_action),
        {"file-file": upload("report.pdf", PDF)},
    )
    assert response.status_code == 403
    assert not UpdateEvidence.objects.exists()


def test_a_board_member_sees_no_evidence_of_a_draft(client, world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    client.force_login(world.board)
    page = client.get(_url("update", progress_round, world.police_action)).content.decode()
    assert "Training report" not in page
    download = reverse("progress:evidence-download", args=[evidence.pk])
    assert download not in page
    assert client.get(download).status_code == 404


def test_a_board_member_sees_approved_evidence_but_no_forms(client, world, progress_round):
    evidence = _approved_pdf_evidence(world, progress_round)
    client.force_login(world.board)
    page = client.get(_url("update", progress_round, world.police_action)).content.decode()
    assert "Training report" in page
    assert reverse("progress:evidence-download", args=[evidence.pk]) in page
    assert reverse("progress:evidence-remove", args=[evidence.pk]) not in page
    assert 'enctype="multipart/form-data"' not in page


def test_a_download_is_an_attachment_with_the_checked_type_and_nosniff(
    client, world, progress_round
):
    evidence = _approved_pdf_evidence(world, progress_round)
    client.force_login(world.board)
    response = client.get(reverse("progress:evidence-download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Adroddiad%20%C5%B5yr.pdf" in disposition
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_anonymous_visitors_are_sent_to_sign_in_before_downloading(client, world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    response = client.get(reverse("progress:evidence-download", args=[evidence.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login").split("?")[0])


def test_another_partnerships_administrator_cannot_download(client, world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    client.force_login(world.outsider)
    response = client.get(reverse("progress:evidence-download", args=[evidence.pk]))
    assert response.status_code == 403


def test_a_link_has_nothing_to_download(client, world, progress_round):
    link = add_evidence_link(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        title="News", url="https://example.org/news",
    )  # fmt: skip
    client.force_login(world.lead)
    assert client.get(reverse("progress:evidence-download", args=[link.pk])).status_code == 404


def test_removing_asks_for_confirmation_first(client, world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    client.force_login(world.lead)
    url = reverse("progress:evidence-remove", args=[evidence.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Training report" in page.content.decode()
    assert UpdateEvidence.objects.filter(pk=evidence.pk).exists()
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm" in unconfirmed.content.decode()
    assert UpdateEvidence.objects.filter(pk=evidence.pk).exists()
    confirmed = client.post(url, {"confirm": "on"})
    assert confirmed.status_code == 302
    assert not UpdateEvidence.objects.filter(pk=evidence.pk).exists()


def test_a_board_member_cannot_open_the_remove_page(client, world, progress_round):
    evidence = _approved_pdf_evidence(world, progress_round)
    client.force_login(world.board)
    url = reverse("progress:evidence-remove", args=[evidence.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "on"}).status_code == 403
    assert UpdateEvidence.objects.filter(pk=evidence.pk).exists()


def test_the_review_page_lists_evidence_without_remove_links(client, world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    client.force_login(world.admin)
    page = client.get(reverse("progress:review", args=[update.pk])).content.decode()
    assert "Evidence of achievement" in page
    assert reverse("progress:evidence-download", args=[evidence.pk]) in page
    assert reverse("progress:evidence-remove", args=[evidence.pk]) not in page


def test_the_submitted_update_shows_its_evidence_read_only(client, world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    client.force_login(world.lead)
    page = client.get(_url("update", progress_round, world.police_action)).content.decode()
    assert reverse("progress:evidence-download", args=[evidence.pk]) in page
    assert reverse("progress:evidence-remove", args=[evidence.pk]) not in page
    assert 'enctype="multipart/form-data"' not in page


@pytest.mark.parametrize("name", ["evidence-file", "evidence-link"])
def test_the_evidence_pages_render_in_welsh(client, world, progress_round, name):
    client.force_login(world.lead)
    url = _url(name, progress_round, world.police_action)
    response = client.get(f"/cy{url}")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="cy"' in page
    assert f'name="{name.split("-")[1]}-title"' in page


def test_the_remove_page_renders_in_welsh(client, world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    client.force_login(world.lead)
    response = client.get(f"/cy{reverse('progress:evidence-remove', args=[evidence.pk])}")
    assert response.status_code == 200
    assert '<html lang="cy"' in response.content.decode()


def test_another_partnerships_administrator_cannot_upload_or_remove(client, world, progress_round):
    evidence = _pdf_evidence(world, progress_round)
    client.force_login(world.outsider)
    upload_url = _url("evidence-file", progress_round, world.police_action)
    assert (
        client.post(upload_url, {"file-file": upload("other.pdf", PDF + b" ")}).status_code == 403
    )
    remove_url = reverse("progress:evidence-remove", args=[evidence.pk])
    assert client.post(remove_url, {"confirm": "on"}).status_code == 403
    assert list(UpdateEvidence.objects.values_list("pk", flat=True)) == [evidence.pk]


def test_evidence_on_a_submitted_update_says_it_cannot_be_removed_and_offers_no_form(
    client, world, progress_round
):
    evidence = _pdf_evidence(world, progress_round)
    services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    client.force_login(world.lead)
    url = reverse("progress:evidence-remove", args=[evidence.pk])
    page = client.get(url).content.decode()
    assert "This update has been submitted for review, so its evidence cannot be changed." in page
    assert 'name="confirm"' not in page
    refused = client.post(url, {"confirm": "on"})
    assert refused.status_code == 400
    assert UpdateEvidence.objects.filter(pk=evidence.pk).exists()
