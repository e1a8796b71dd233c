"""Control characters pasted into any text never break a download, and forms store them clean."""

from __future__ import annotations

import io

import docx
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from vawdasv.core.forms import GovukForm
from vawdasv.lib.text import normalise_text, xml_safe
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress import evidence
from vawdasv.progress.models import ProgressUpdate, RagLabels, UpdateEvidence

# Word's manual line break, a form feed, a backspace, an escape, a DEL, a C1 control. (NUL is
# covered by the unit tests: PostgreSQL refuses it in any text column, so no row can hold it.)
HOSTILE = "Line one\x0bline two\x0cpage\x08 bs\x1b[31m \x7f\x85end"


def test_word_line_and_page_breaks_become_new_lines_and_other_controls_go():
    assert normalise_text("a\x0bb\x0cc") == "a\nb\nc"
    assert normalise_text("a\r\nb\rc") == "a\nb\nc"
    assert normalise_text("a\x00b\x1bc\x7fd\x9fe") == "abcde"
    assert normalise_text("tab\tkept\nand new line") == "tab\tkept\nand new line"


def test_welsh_letters_and_other_printable_text_are_kept():
    welsh = "Ŵyr, ŷd, â, ê, î, ô, û, ẁ, ỳ – “dyfyniad” 👍 日本"
    assert normalise_text(welsh) == welsh
    # A circumflex typed as a combining accent becomes the one letter (NFC).
    assert normalise_text("w\u0302") == "ŵ"


def test_xml_safe_drops_what_xml_cannot_hold():
    assert xml_safe("a\x0bb\x00c\ud800d") == "a\nbcd"


class _Form(GovukForm):
    text = forms.CharField(widget=forms.Textarea)
    password = forms.CharField(widget=forms.PasswordInput)


def test_every_govuk_form_stores_normalised_text_but_leaves_passwords_alone():
    form = _Form(data={"text": "one\x0btwo\r\nthree\x00", "password": "pa\x0bss"})
    assert form.is_valid()
    assert form.cleaned_data["text"] == "one\ntwo\nthree"
    assert form.cleaned_data["password"] == "pa\x0bss"


def test_the_action_edit_page_saves_a_pasted_vertical_tab_as_a_new_line(world):
    client = Client()
    client.force_login(world.admin)
    url = reverse("plans:action-edit", kwargs={"pk": world.police_action.pk})
    page = client.get(url)
    form = page.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        {"text_en": "Deliver training\x0bto 40 officers", "version": form.initial.get("version", 0)}
    )
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [str(o.pk) for o in form.initial.get(name) or []]
    response = client.post(url, data)
    assert response.status_code == 302, (
        getattr(response, "context", {}) and response.context["form"].errors
    )
    world.police_action.refresh_from_db()
    assert world.police_action.text_en == "Deliver training\nto 40 officers"


def _plant(world, update: ProgressUpdate) -> None:
    """Control characters written straight to the database, as old rows or scripts might."""
    Strategy.objects.filter(pk=world.strategy.pk).update(
        title_en="Plan" + HOSTILE, vision_en=HOSTILE, vision_cy=HOSTILE
    )
    Theme.objects.filter(pk=world.theme.pk).update(name_en="PREPARE\x0b", aim_en=HOSTILE)
    Commitment.objects.filter(pk=world.commitment.pk).update(text_en=HOSTILE, text_cy=HOSTILE)
    Action.objects.filter(pk=world.police_action.pk).update(
        text_en=HOSTILE, text_cy=HOSTILE, evidence_en=HOSTILE, timescale_text="Mar\x0b2026"
    )
    ProgressUpdate.objects.filter(pk=update.pk).update(
        narrative_en=HOSTILE, narrative_cy=HOSTILE, review_comment=HOSTILE
    )
    RagLabels.objects.update_or_create(
        partnership=world.partnership,
        defaults={"amber_label_en": "Amb\x0ber", "amber_meaning_en": HOSTILE},
    )


def _url(name: str, **kwargs: object) -> str:
    with translation.override("en"):  # an earlier /cy/ request leaves Welsh active
        return reverse(name, kwargs=kwargs)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_every_download_still_opens_with_control_characters_in_the_text(
    world, approved_update, prefix
):
    _plant(world, approved_update)
    client = Client()
    client.force_login(world.admin)
    slug = world.strategy.slug
    for extension in ("docx", "xlsx"):
        url = _url("plans:export", slug=slug, extension=extension)
        response = client.get(prefix + url)
        assert response.status_code == 200, (extension, prefix)
        data = _body(response)
        if extension == "docx":
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
            assert "Line one" in text and "\x0b" not in text
        else:
            load_workbook(io.BytesIO(data))
    for extension in ("xlsx", "csv"):
        url = _url("progress:updates-export", slug=slug, extension=extension)
        response = client.get(prefix + url)
        assert response.status_code == 200, (extension, prefix)
        if extension == "xlsx":
            load_workbook(io.BytesIO(_body(response)))
        else:
            assert "\x08" not in _body(response).decode("utf-8-sig")
    for format_name in ("docx", "html", "pdf"):
        url = _url("progress:report-download", slug=slug, format_name=format_name)
        response = client.get(prefix + url)
        assert response.status_code == 200, (format_name, prefix)
        if format_name == "docx":
            document = docx.Document(io.BytesIO(_body(response)))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            assert any("Line one" in cell for cell in cells)


def test_an_evidence_file_whose_stored_name_has_control_characters_still_downloads(
    world, progress_round
):
    item = evidence.add_evidence_file(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        title="Minutes", uploaded_file=SimpleUploadedFile("minutes.txt", b"Minutes"),
    )  # fmt: skip
    UpdateEvidence.objects.filter(pk=item.pk).update(file_name="min\nutes\x0b\r.txt")
    client = Client()
    client.force_login(world.admin)
    response = client.get(_url("progress:evidence-download", pk=item.pk))
    assert response.status_code == 200
    assert "minutes.txt" in response["Content-Disposition"]
