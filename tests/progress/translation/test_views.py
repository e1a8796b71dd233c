"""The translation pages: state, download, upload → preview → confirm, refusals; Welsh too."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from vawdasv.progress.translation import export

pytestmark = pytest.mark.django_db


def _filled(strategy, welsh_by_key):
    workbook = openpyxl.load_workbook(io.BytesIO(export.export_xlsx(strategy)))
    for row in workbook[export.SHEET].iter_rows(min_row=2):
        if row[0].value in welsh_by_key:
            row[export.WELSH_NEW].value = welsh_by_key[row[0].value]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    return client


def _upload(client, world, data, name="welsh.xlsx"):
    url = reverse("progress:translation-import", args=[world.strategy.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_the_page_counts_states_and_lists_texts_waiting_for_welsh(admin_client, world):
    world.police_action.text_cy = "Hyfforddi"
    world.police_action.save()
    world.police_action.text_en = "Train everyone"
    world.police_action.save()
    page = admin_client.get(reverse("progress:translation", args=[world.strategy.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "English changed since translated" in html
    assert "Train everyone" in html
    assert reverse("progress:translation-export", args=[world.strategy.slug]) in html


def test_the_export_downloads_as_an_xlsx(admin_client, world):
    response = admin_client.get(reverse("progress:translation-export", args=[world.strategy.slug]))
    assert response["Content-Type"] == export.tabular.XLSX_CONTENT_TYPE
    assert "translation.xlsx" in response["Content-Disposition"]
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == [export.SHEET]


def test_upload_shows_a_preview_and_confirming_saves_the_welsh(admin_client, world):
    action = world.council_action
    data = _filled(world.strategy, {f"action:{action.pk}:text": "Gweithred y cyngor"})
    preview = _upload(admin_client, world, data)
    html = preview.content.decode()
    assert "Check the translation before saving" in html and "Gweithred y cyngor" in html
    action.refresh_from_db()
    assert action.text_cy == ""
    token = preview.context["token"]
    confirm = admin_client.post(
        reverse("progress:translation-confirm", args=[world.strategy.slug]), {"token": token}
    )
    assert confirm.status_code == 302
    action.refresh_from_db()
    assert action.text_cy == "Gweithred y cyngor"
    again = admin_client.post(
        reverse("progress:translation-confirm", args=[world.strategy.slug]), {"token": token}
    )
    assert again.status_code == 400 and "already been used" in again.content.decode()


def test_a_file_that_is_not_an_xlsx_is_refused_with_its_name_and_nothing_else_happens(
    admin_client, world
):
    response = _upload(admin_client, world, b"not a workbook", name="notes.txt")
    assert response.status_code == 400
    html = response.content.decode()
    assert "“notes.txt” is not a type of file that can be uploaded here." in html


def test_a_conflict_found_at_confirmation_saves_nothing_and_names_the_rows(admin_client, world):
    action = world.council_action
    data = _filled(world.strategy, {f"action:{action.pk}:text": "Gweithred A"})
    preview = _upload(admin_client, world, data)
    action.text_cy = "Gweithred B"
    action.save()
    row = preview.context["plan"].changes[0].row
    response = admin_client.post(
        reverse("progress:translation-confirm", args=[world.strategy.slug]),
        {"token": preview.context["token"]},
    )
    assert response.status_code == 400
    assert f"rows {row}" in response.content.decode()
    action.refresh_from_db()
    assert action.text_cy == "Gweithred B"


def test_the_welsh_pages_speak_welsh(admin_client, world):
    with translation.override("cy"):
        url = reverse("progress:translation", args=[world.strategy.slug])
    page = admin_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and url.startswith("/cy/")
    assert "Cyfieithu" in html and "Saesneg wedi newid ers ei chyfieithu" in html


def test_the_plan_page_shows_editors_english_changed_since_translated(admin_client, world):
    world.police_action.text_cy = "Hyfforddi"
    world.police_action.save()
    world.police_action.text_en = "Train everyone"
    world.police_action.save()
    html = admin_client.get(world.strategy.get_absolute_url()).content.decode()
    assert "vawdasv-english-changed" in html
    assert "English changed since translated: 1." in html
    assert reverse("progress:translation", args=[world.strategy.slug]) in html


def test_the_plan_page_shows_no_translation_state_to_board_members(client, world):
    world.police_action.text_cy = "Hyfforddi"
    world.police_action.save()
    world.police_action.text_en = "Train everyone"
    world.police_action.save()
    client.force_login(world.board)
    html = client.get(world.strategy.get_absolute_url()).content.decode()
    assert "vawdasv-english-changed" not in html
    assert reverse("progress:translation", args=[world.strategy.slug]) not in html


def test_the_action_page_shows_its_editors_english_changed_since_translated(client, world):
    action = world.police_action
    action.evidence_cy = "Cofnodion"
    action.save()
    action.evidence_en = "Minutes and registers"
    action.save()
    client.force_login(world.admin)
    html = client.get(reverse("plans:action", args=[action.pk])).content.decode()
    assert html.count("vawdasv-english-changed") == 1
    client.force_login(world.board)
    html = client.get(reverse("plans:action", args=[action.pk])).content.decode()
    assert "vawdasv-english-changed" not in html


def test_a_second_preview_replaces_the_first_which_can_no_longer_be_confirmed(admin_client, world):
    action = world.council_action
    key = f"action:{action.pk}:text"
    first = _upload(admin_client, world, _filled(world.strategy, {key: "Un"}))
    second = _upload(admin_client, world, _filled(world.strategy, {key: "Dau"}))
    url = reverse("progress:translation-confirm", args=[world.strategy.slug])
    assert admin_client.post(url, {"token": first.context["token"]}).status_code == 400
    assert admin_client.post(url, {"token": second.context["token"]}).status_code == 302
    action.refresh_from_db()
    assert action.text_cy == "Dau"


def test_the_page_lists_at_most_two_hundred_texts_and_says_how_many_more(
    admin_client, world, monkeypatch
):
    monkeypatch.setattr("vawdasv.progress.views.translation.SHOWN", 1)
    page = admin_client.get(reverse("progress:translation", args=[world.strategy.slug]))
    assert len(page.context["waiting"]) == 1
    assert "more texts, listed in the spreadsheet." in page.content.decode()
