"""The partnership's words reach every place a RAG rating is shown, in English and Welsh.

The tag text is asserted as well as its colour class, because colour is never the only signal.
"""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from vawdasv.progress import services
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather

# (language, Red's word, Amber's word) for the `renamed` labels: Amber has no Welsh name.
WORDS = [("en", "Off track", "At risk"), ("cy", "Oddi ar y trywydd", "Ambr")]


def get(client, language: str, name: str, *args) -> str:
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("language", "red", "amber"), WORDS)
def test_the_update_form_offers_the_partnerships_words(
    client, world, progress_round, renamed, language, red, amber
):
    client.force_login(world.lead)
    text = get(client, language, "progress:update", progress_round.pk, world.police_action.pk)
    if language == "en":
        assert "Off track — Behind schedule and needs the board&#x27;s help" in text
        assert "At risk (Amber — some progress, or the activity needs a change)" in text
    else:
        assert "Oddi ar y trywydd — Ar ei hôl hi ac angen help y bwrdd" in text
        assert "At risk" not in text
    assert 'govuk-tag--red" title="' in text and f">{red}</strong>" in text


@pytest.mark.parametrize(("language", "red", "amber"), WORDS)
def test_the_round_page_tags_say_the_partnerships_words(client, world, rated, language, red, amber):
    client.force_login(world.admin)
    text = get(client, language, "progress:round", rated[0].progress_round_id)
    assert f">{red}</strong>" in text and f">{amber}</strong>" in text
    assert "govuk-tag--red" in text and "govuk-tag--orange" in text
    assert ">Red</strong>" not in text


@pytest.mark.parametrize(("language", "red", "amber"), WORDS)
def test_the_review_page_says_the_partnerships_word_and_meaning(
    client, world, progress_round, renamed, language, red, amber
):
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"rag": "red", "completed": False, "narrative_en": "Slow", "narrative_cy": "Araf"},
    )  # fmt: skip
    client.force_login(world.admin)
    text = get(client, language, "progress:review", update.pk)
    meaning = "Behind schedule" if language == "en" else "Ar ei hôl hi"
    assert f">{red}</strong>" in text and meaning in text


@pytest.mark.parametrize(("language", "red", "amber"), WORDS)
def test_the_dashboard_names_the_partnerships_words(client, world, rated, language, red, amber):
    client.force_login(world.board)
    text = get(client, language, "progress:dashboard", world.strategy.slug)
    assert (
        f'<th scope="col" class="govuk-table__header govuk-table__header--numeric">{red}</th>'
        in text
    )
    assert text.count(red) >= 3  # the key, the table headers and the chart legend


def test_my_actions_shows_the_last_rating_in_the_partnerships_words(client, world, rated):
    services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q3",
        deadline=rated[0].progress_round.deadline.replace(month=12),
    )  # fmt: skip
    client.force_login(world.lead)
    text = get(client, "en", "progress:my-actions")
    assert ">Off track</strong>" in text  # the Q2 rating, shown beside the Q3 round


def _report(world, language: str):
    period = parse_period("2025/26 Q2")
    assert period is not None
    return gather(world.strategy, period, language=language)


@pytest.mark.parametrize(("language", "red", "amber"), WORDS)
def test_the_html_report_uses_the_reports_language_not_the_readers(
    world, rated, language, red, amber
):
    with translation.override("en" if language == "cy" else "cy"):
        report = _report(world, language)
    html = render(report, "html").decode()
    assert [entry.word for entry in report.rag_key][:2] == [red, amber]
    assert "vawdasv-rag-cell--red" in html and red in html and amber in html


@pytest.mark.parametrize(("language", "red", "amber"), WORDS)
def test_the_word_report_says_the_partnerships_words(world, rated, language, red, amber):
    document = docx.Document(io.BytesIO(render(_report(world, language), "docx")))
    cells = [cell.text for t in document.tables for row in t.rows for cell in row.cells]
    assert red in cells and amber in cells  # the key and the rated rows
    meaning = "Behind schedule and needs the board's help" if language == "en" else (
        "Ar ei hôl hi ac angen help y bwrdd"
    )  # fmt: skip
    assert meaning in cells


@pytest.mark.parametrize(("language", "red", "amber"), WORDS)
def test_the_spreadsheet_says_the_partnerships_words(client, world, rated, language, red, amber):
    client.force_login(world.board)
    with translation.override(language):
        url = reverse("progress:updates-export", args=[world.strategy.slug, "xlsx"])
    response = client.get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert any(isinstance(v, str) and v.startswith(f"{red} ") for v in values)
    assert any(isinstance(v, str) and v.startswith(f"{amber} ") for v in values)


def test_another_partnerships_pages_keep_the_platforms_words(client, world, renamed):
    other_round = services.open_round(
        actor=world.outsider, strategy=world.other_strategy, period_label="2025/26 Q2",
        deadline=renamed.created_at.date(),
    )  # fmt: skip
    client.force_login(world.outsider)
    text = get(client, "en", "progress:round", other_round.pk)
    assert "Red — poor or no progress" in text and "Off track" not in text


def test_the_conflict_table_names_ratings_in_the_partnerships_words(
    client, world, progress_round, renamed
):
    draft = services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"rag": "red", "narrative_en": "First words"},
    )  # fmt: skip
    services.save_draft(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data={"rag": "amber"}, expected_version=draft.version,
    )  # fmt: skip
    client.force_login(world.lead)
    url = reverse("progress:update", args=[progress_round.pk, world.police_action.pk])
    response = client.post(
        url, {"version": draft.version, "rag": "red", "narrative_en": "First words",
              "intent": "save"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    start = page.index("What changed while you were editing")
    conflict = page[start : page.index("</table>", start)]
    assert "Off track" in conflict and "At risk" in conflict
