"""Translation state beside the texts people review and write (ADR 0033), and the Welsh
edition's note counting Welsh written for English that has changed since."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from vawdasv.progress.models import ProgressUpdate, ReportText
from vawdasv.progress.report.data import gather
from vawdasv.progress.report.text import save_report_text

TODAY = datetime.date(2019, 5, 15)
pytestmark = pytest.mark.django_db


def _admin(world) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client


def _update(plan) -> ProgressUpdate:
    return ProgressUpdate.objects.get(progress_round=plan.progress_round, action=plan.consent)


def _change_english(instance, field: str, english: str) -> None:
    setattr(instance, f"{field}_en", english)
    instance.save()


def test_the_welsh_edition_counts_welsh_written_for_english_that_changed_since(plan, world):
    save_report_text(
        actor=world.admin, strategy=plan.strategy, period_label="2018/19",
        data={"introduction_en": "A good year.", "introduction_cy": "Blwyddyn dda."},
    )  # fmt: skip
    before = gather(plan.strategy, plan.period, language="cy", today=TODAY)
    assert before.out_of_date == 0
    assert "wedi newid" not in before.untranslated_note

    _change_english(_update(plan), "narrative", "A campaign is planned for the spring.")
    _change_english(plan.prepare, "name", "PREPARE AND PLAN")
    _change_english(ReportText.objects.get(strategy=plan.strategy), "introduction", "A busy year.")

    welsh = gather(plan.strategy, plan.period, language="cy", today=TODAY)
    assert welsh.out_of_date == 3
    assert welsh.untranslated == before.untranslated  # the Welsh is still shown
    assert "3 testun Cymraeg" in welsh.untranslated_note
    english = gather(plan.strategy, plan.period, language="en", today=TODAY)
    assert english.out_of_date == 0 and english.untranslated_note == ""


def test_the_note_counts_both_texts_shown_in_english_and_out_of_date_welsh(plan, world):
    plan.consent.text_cy = ""
    plan.consent.save()
    _change_english(_update(plan), "narrative", "A campaign is planned for the spring.")
    welsh = gather(plan.strategy, plan.period, language="cy", today=TODAY)
    assert (welsh.untranslated, welsh.out_of_date) == (1, 1)
    shown_in_english, out_of_date = welsh.untranslated_note.split(". ", 1)
    assert "1 testun" in shown_in_english and "Saesneg" in shown_in_english
    assert "1 testun Cymraeg" in out_of_date and "wedi dyddio" in out_of_date


def test_a_shortened_narrative_is_not_counted_as_the_updates_welsh(plan, world):
    update = _update(plan)
    save_report_text(
        actor=world.admin, strategy=plan.strategy, period_label="2018/19",
        data={f"action_{plan.consent.pk}_treatment": "shorten",
              f"action_{plan.consent.pk}_short_en": "No campaign.",
              f"action_{plan.consent.pk}_short_cy": "Dim ymgyrch."},
    )  # fmt: skip
    _change_english(update, "narrative", "A campaign is planned for the spring.")
    welsh = gather(plan.strategy, plan.period, language="cy", today=TODAY)
    assert welsh.out_of_date == 0


def test_the_review_page_shows_the_welsh_narratives_translation_state(plan, world):
    update = _update(plan)
    url = reverse("progress:review", args=[update.pk])
    page = _admin(world).get(url).content.decode()
    assert 'id="narrative-translation-state"' in page and ">Translated<" in page
    _change_english(update, "narrative", "A campaign is planned for the spring.")
    page = _admin(world).get(url).content.decode()
    assert "English changed since translated" in page
    update.narrative_cy = ""
    update.save()
    welsh = _admin(world).get("/cy" + url).content.decode()
    assert "Heb ei gyfieithu" in welsh


def test_the_report_text_page_shows_each_welsh_boxs_translation_state(plan, world):
    theme = plan.prepare.pk
    save_report_text(
        actor=world.admin, strategy=plan.strategy, period_label="2018/19",
        data={"introduction_en": "A good year.", "introduction_cy": "Blwyddyn dda.",
              f"theme_{theme}_narrative_en": "Dashboards are shared."},
    )  # fmt: skip
    url = reverse("progress:report-text", args=[plan.strategy.slug]) + "?period=2018/19"
    page = _admin(world).get(url).content.decode()
    assert 'id="id_introduction_cy-state"' in page
    intro = page.split('id="id_introduction_cy-state"')[1].split("</p>")[0]
    assert "Translated" in intro
    narrative = page.split(f'id="id_theme_{theme}_narrative_cy-state"')[1].split("</p>")[0]
    assert "Not translated" in narrative
    assert 'id="id_introduction_en-state"' not in page  # the state is the Welsh's
    assert page.count("vawdasv-translation-state") == 2 + 3  # two boxes, three narratives

    _change_english(ReportText.objects.get(strategy=plan.strategy), "introduction", "A busy year.")
    page = _admin(world).get(url).content.decode()
    intro = page.split('id="id_introduction_cy-state"')[1].split("</p>")[0]
    assert "English changed since translated" in intro
