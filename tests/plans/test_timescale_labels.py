"""A timescale is shown in the reader's language, worked out from its kind and date (issue 11,
"The round", item 1): one function every page, report, export and the API use."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from vawdasv.plans.enums import TimescaleKind
from vawdasv.plans.timescales import label_of, label_of_text, parse_timescale, timescale_label


def _label(text: str, language: str) -> str:
    parsed = parse_timescale(text)
    return timescale_label(parsed.text, parsed.kind, parsed.due_date, language)


@pytest.mark.parametrize(
    ("text", "english", "welsh"),
    [
        ("Sep 2028", "September 2028", "Medi 2028"),
        ("Medi 2028", "September 2028", "Medi 2028"),
        ("By July 2026", "July 2026", "Gorffennaf 2026"),
        ("15 June 2025", "15 June 2025", "15 Mehefin 2025"),
        ("2019/20", "2019/20", "2019/20"),  # no words: reads the same in both languages
        ("April 2025 – March 2026", "April 2025 – March 2026", "Ebrill 2025 – Mawrth 2026"),
        ("Annual report due 2024/25", "Annual report due 2024/25", "Annual report due 2024/25"),
        ("Ongoing", "Ongoing", "Parhaus"),
        ("Parhaus", "Ongoing", "Parhaus"),
        ("Annually", "Annually", "Yn flynyddol"),
        ("Quarterly", "Quarterly", "Bob chwarter"),
        ("TBC", "TBC", "I'w gadarnhau"),
        ("Annually and Ongoing", "Annually and Ongoing", "Yn flynyddol a Parhaus"),
        ("Every November", "Every November", "Every November"),  # more than a kind: as written
        ("When funding allows", "When funding allows", "When funding allows"),
        ("", "", ""),
    ],
)
def test_a_timescale_reads_in_the_readers_language(text, english, welsh):
    assert _label(text, "en") == english
    assert _label(text, "cy") == welsh


def test_the_label_follows_the_active_language_when_none_is_given():
    with translation.override("cy"):
        assert label_of_text("Mar 2027") == "Mawrth 2027"
    with translation.override("en"):
        assert label_of_text("Mar 2027") == "March 2027"


def test_the_label_comes_from_the_date_not_from_the_stored_text():
    # A plan whose English text still says "Medi" (typed before Welsh months were understood)
    # reads in English from its date.
    assert timescale_label("Medi 2028", TimescaleKind.DATE, datetime.date(2028, 9, 30), "en") == (
        "September 2028"
    )


def test_an_action_marked_for_checking_shows_its_text_as_written():
    class Unread:
        timescale_text = "After the review"
        timescale_kind = TimescaleKind.UNKNOWN
        due_date = None
        timescale_needs_check = True

    assert label_of(Unread(), "cy") == "After the review"


def test_the_template_filters_render_an_action_and_a_text_in_the_active_language(world):
    template = Template("{% load timescales %}{{ action|timescale }} / {{ text|timescale_text }}")
    context = Context({"action": world.police_action, "text": "Parhaus"})
    with translation.override("cy"):
        assert template.render(context) == "Mawrth 2026 / Parhaus"
    with translation.override("en"):
        assert template.render(context) == "March 2026 / Ongoing"
