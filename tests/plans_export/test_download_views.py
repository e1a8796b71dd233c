"""Downloading a plan: who may, the file types, names and language."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from vawdasv.plans.export import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE


def export_url(strategy, extension: str, lang: str = "") -> str:
    url = reverse("plans:export", kwargs={"slug": strategy.slug, "extension": extension})
    return f"{url}?lang={lang}" if lang else url


@pytest.mark.parametrize(
    ("extension", "content_type"), [("docx", DOCX_CONTENT_TYPE), ("xlsx", XLSX_CONTENT_TYPE)]
)
def test_anyone_can_download_a_published_plan(client, world, extension, content_type):
    response = client.get(export_url(world.strategy, extension))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (f'attachment; filename="cv-2023-en.{extension}"')


def test_an_anonymous_visitor_gets_not_found_for_a_draft_plan(client, world):
    assert client.get(export_url(world.draft_strategy, "docx")).status_code == 404
    assert client.get(export_url(world.draft_strategy, "xlsx")).status_code == 404


@pytest.mark.parametrize("persona", ["admin", "lead", "board"])
def test_members_can_download_their_draft_plan(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(export_url(world.draft_strategy, "xlsx")).status_code == 200


def test_another_partnerships_administrator_gets_not_found_for_a_draft(client, world):
    client.force_login(world.outsider)
    assert client.get(export_url(world.draft_strategy, "docx")).status_code == 404


def test_an_unknown_file_type_is_not_found(client, world):
    assert client.get(export_url(world.strategy, "pdf")).status_code == 404


def test_lang_cy_gives_a_welsh_document_and_file_name(client, world):
    response = client.get(export_url(world.strategy, "docx", "cy"))
    assert response["Content-Disposition"] == 'attachment; filename="cv-2023-cy.docx"'
    [table] = docx.Document(io.BytesIO(response.content)).tables
    assert table.rows[0].cells[0].text == "Ymrwymiad"


def test_without_lang_the_page_language_is_used(client, world):
    response = client.get("/cy" + export_url(world.strategy, "xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A1"].value == "Thema"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_plan_page_offers_both_downloads_in_its_language(client, world, lang):
    prefix = "/cy" if lang == "cy" else ""
    page = client.get(prefix + world.strategy.get_absolute_url()).content.decode()
    assert reverse("plans:download", kwargs={"slug": world.strategy.slug}) in page
    assert 'name="format" value="docx"' in page
    assert 'name="format" value="xlsx"' in page
    assert f'name="lang" value="{lang}"' in page
