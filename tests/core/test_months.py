"""Month names in plan text are shown in the reader's language, only where they date something."""

from __future__ import annotations

import pytest
from django.utils import translation

from vawdasv.lib.months import months_in_language


@pytest.mark.parametrize(
    ("written", "welsh"),
    [
        ("Mar 2026", "Maw 2026"),
        ("by 31 March 2020", "by 31 Mawrth 2020"),
        ("Sept-24", "Med-24"),
        ("Dec '23", "Rhag '23"),
        ("1st July", "1st Gorffennaf"),
        ("July 2019", "Gorffennaf 2019"),
    ],
)
def test_a_month_in_a_date_is_shown_in_welsh_on_a_welsh_page(written, welsh):
    with translation.override("cy"):
        assert months_in_language(written) == welsh


@pytest.mark.parametrize("written", ["Ongoing", "2019/20", "We may march on", "Summer 2024"])
def test_words_that_are_not_the_month_of_a_date_are_left_as_written(written):
    with translation.override("cy"):
        assert months_in_language(written) == written


def test_english_pages_keep_the_text_as_the_plan_wrote_it():
    with translation.override("en"):
        assert months_in_language("Mar 2026") == "Mar 2026"
