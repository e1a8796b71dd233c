"""Timescales written inside longer text: a date anywhere wins, recurring words only alone."""

from __future__ import annotations

import datetime

import pytest

from vawdasv.plans.enums import TimescaleKind
from vawdasv.plans.timescales import parse_timescale

D = datetime.date
IN_TEXT = {
    "Annual report due 2024/25": D(2025, 3, 31),
    "By spring 2026 and beyond": D(2026, 5, 31),
    "Summer term 2025": D(2025, 8, 31),
    "By the end of 2025": D(2025, 12, 31),
    "Year 1 (2025/26)": D(2026, 3, 31),
    "Review in Sept 2025, then yearly": D(2025, 9, 30),
    "April 2025 - March 2026": D(2026, 3, 31),
    "2025/26 to 2026/27": D(2027, 3, 31),
}


@pytest.mark.parametrize(("text", "due"), IN_TEXT.items(), ids=IN_TEXT.keys())
def test_a_date_inside_longer_text_is_found_and_the_text_kept(text, due):
    parsed = parse_timescale(text)
    assert (parsed.text, parsed.due_date, parsed.kind) == (text, due, TimescaleKind.DATE)


@pytest.mark.parametrize("text", ["Every November", "Each term", "Twice a year", "Annually"])
def test_recurring_words_with_no_date_are_recurring(text):
    assert parse_timescale(text).kind == TimescaleKind.RECURRING


@pytest.mark.parametrize("text", ["Q5 2024/25", "When funding allows"])
def test_text_with_no_real_date_is_still_marked_for_checking(text):
    parsed = parse_timescale(text)
    assert (parsed.due_date, parsed.needs_check) == (None, True)
