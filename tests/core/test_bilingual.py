"""Content in English and Welsh on the pages: the fallback marker and the translation figure."""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.html import escape

from vawdasv.plans.models import Action, Strategy, Theme


def _marker_text(lang: str) -> str:
    with translation.override(lang):
        return translation.gettext("Not yet translated into Welsh")


def test_welsh_page_marks_text_only_written_in_english(client, world):
    html = client.get(f"/cy/strategies/{world.strategy.slug}/").content.decode()

    # The English theme name is shown, in an element saying it is English, with the marker.
    fallback = re.search(
        r'<span lang="en">PREPARE</span> <strong class="vawdasv-untranslated">([^<]+)</strong>',
        html,
    )
    assert fallback, html
    assert fallback.group(1) == escape(_marker_text("cy"))
    assert "Not yet translated" in _marker_text("en")


def test_welsh_action_page_marks_untranslated_paragraphs_with_lang_en(client, world):
    html = client.get(f"/cy/strategies/actions/{world.police_action.pk}/").content.decode()
    assert re.search(
        r'<div lang="en"><p>Minutes of meetings</p></div> <strong class="vawdasv-untranslated">',
        html,
    ), html


def test_welsh_page_shows_welsh_text_without_a_marker_when_both_exist(client, world):
    Theme.objects.filter(pk=world.theme.pk).update(name_cy="PARATOI")
    html = client.get(f"/cy/strategies/{world.strategy.slug}/").content.decode()
    assert "PARATOI" in html
    assert not re.search(r"PREPARE", html)
    assert not re.search(r'PARATOI</span> <strong class="vawdasv-untranslated"', html)


def test_english_page_has_no_markers_when_everything_is_written_in_english(client, world):
    html = client.get(f"/strategies/{world.strategy.slug}/").content.decode()
    assert "vawdasv-untranslated" not in html
    assert 'lang="cy"' not in html.split("<main", 1)[1]


def test_english_page_marks_text_only_written_in_welsh(client, world):
    Action.objects.filter(pk=world.council_action.pk).update(text_en="", text_cy="Hyfforddi staff")
    html = client.get(f"/strategies/{world.strategy.slug}/").content.decode()
    assert re.search(
        r'<span lang="cy">Hyfforddi staff</span> <strong class="vawdasv-untranslated">'
        r"Not yet translated into English</strong>",
        html,
    )


def test_plan_page_shows_how_much_is_translated(client, world):
    # Texts: strategy title, theme name, commitment, two actions × (text, evidence) = 7.
    html = client.get(f"/strategies/{world.strategy.slug}/").content.decode()
    assert "Translated: 0% (0 of 7 texts have both English and Welsh)." in html

    Strategy.objects.filter(pk=world.strategy.pk).update(title_cy="Strategaeth")
    Theme.objects.filter(pk=world.theme.pk).update(name_cy="PARATOI")
    html = client.get(f"/strategies/{world.strategy.slug}/").content.decode()
    assert "Translated: 29% (2 of 7 texts have both English and Welsh)." in html


def test_the_translation_figure_is_on_the_welsh_plan_page_too(client, world):
    Strategy.objects.filter(pk=world.strategy.pk).update(title_cy="Strategaeth")
    html = client.get(f"/cy/strategies/{world.strategy.slug}/").content.decode()
    assert re.search(r"\b14\b[^<]*\b1\b[^<]*\b7\b", html)  # 14%, 1 of 7, whatever the wording
