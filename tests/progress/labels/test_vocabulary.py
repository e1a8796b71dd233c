"""What a partnership calls each RAG rating, and how each word falls back, in both languages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from vawdasv.progress import rag
from vawdasv.progress.enums import RagStatus
from vawdasv.progress.models import RagLabels


def test_a_partnership_that_renamed_nothing_uses_the_platforms_words_in_english(world):
    words = rag.rag_vocabulary(world.partnership, "en")
    assert [words.label(s) for s in RagStatus] == ["Red", "Amber", "Green"]
    assert words.meaning("red") == "Red — poor or no progress, or no longer relevant"
    assert words.choices() == [(s.value, str(s.label)) for s in RagStatus]


def test_a_partnership_that_renamed_nothing_uses_the_platforms_words_in_welsh(world):
    words = rag.rag_vocabulary(world.partnership, "cy")
    with translation.override("cy"):
        expected = [str(s.short_label) for s in RagStatus]
        meanings = [str(s.label) for s in RagStatus]
    assert expected[0] == "Coch"  # the Welsh catalogue is in use
    assert [words.label(s) for s in RagStatus] == expected
    assert [words.meaning(s) for s in RagStatus] == meanings


def test_own_words_are_used_in_the_language_they_were_given_in(world, renamed):
    english, welsh = (
        rag.rag_vocabulary(world.partnership, "en"),
        rag.rag_vocabulary(world.partnership, "cy"),
    )
    assert english.label("red") == "Off track"
    assert welsh.label(RagStatus.RED) == "Oddi ar y trywydd"
    assert english.meaning("red") == "Behind schedule and needs the board's help"
    assert welsh.meaning("green") == "Wedi'i wneud neu ar amser"


def test_an_english_only_label_shows_welsh_readers_the_platforms_welsh_word(world, renamed):
    welsh = rag.rag_vocabulary(world.partnership, "cy")
    assert rag.rag_vocabulary(world.partnership, "en").label("amber") == "At risk"
    assert welsh.label("amber") == "Ambr"
    assert "At risk" not in welsh.choice_label("amber")


def test_a_welsh_only_label_shows_english_readers_the_platforms_english_word(world):
    rag.save_rag_labels(
        actor=world.admin, partnership=world.partnership, data={"green_label_cy": "Da iawn"}
    )
    assert rag.rag_vocabulary(world.partnership, "cy").label("green") == "Da iawn"
    assert rag.rag_vocabulary(world.partnership, "en").label("green") == "Green"


def test_label_and_meaning_fall_back_separately(world, renamed):
    english = rag.rag_vocabulary(world.partnership, "en")
    assert english.label("green") == "Green"  # only the meaning was given
    assert english.meaning("green") == "Done or on schedule"
    assert english.label("amber") == "At risk"  # only the label was given
    assert english.meaning("amber") == "Amber — some progress, or the activity needs a change"


def test_radio_choices_give_the_word_and_what_it_means(world, renamed):
    choices = dict(rag.rag_vocabulary(world.partnership, "en").choices())
    assert choices["red"] == "Off track — Behind schedule and needs the board's help"
    # A renamed word without its own meaning keeps the platform's, which names the colour.
    assert choices["amber"] == "At risk (Amber — some progress, or the activity needs a change)"
    assert choices["green"] == "Green — Done or on schedule"


def test_without_a_language_the_active_one_is_used(world, renamed):
    words = rag.rag_vocabulary(world.partnership)
    with translation.override("cy"):
        assert words.label("red") == "Oddi ar y trywydd"
    with translation.override("en"):
        assert words.label("red") == "Off track"


def test_another_partnership_keeps_the_platforms_words(world, renamed):
    assert rag.rag_vocabulary(world.other_partnership, "en").label("red") == "Red"


def test_blank_or_spaces_only_mean_the_platforms_word(world):
    RagLabels.objects.create(partnership=world.partnership, red_label_en="   ")
    assert rag.rag_vocabulary(world.partnership.pk, "en").label("red") == "Red"


def test_one_request_asks_the_database_once_per_partnership(world, renamed, rf):
    request = rf.get("/")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(20):
            words = rag.request_vocabulary(request, world.partnership.pk)
            assert words.label("red") in ("Off track", "Oddi ar y trywydd")
    assert len(queries.captured_queries) == 1


def test_the_partnership_object_remembers_its_labels(world, renamed):
    partnership = type(world.partnership).objects.get(pk=world.partnership.pk)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            rag.rag_vocabulary(partnership, "en").label("red")
    assert len(queries.captured_queries) == 1


@pytest.mark.parametrize("about", ["partnership", "strategy", "round", "update", "rows", "nothing"])
def test_the_partnership_of_what_a_page_shows_is_found(world, rated, progress_round, about):
    update = rated[0]
    things = {
        "partnership": world.partnership,
        "strategy": world.strategy,
        "round": progress_round,
        "update": update,
        "rows": [update, progress_round],
        "nothing": None,
    }
    expected = None if about == "nothing" else world.partnership.pk
    assert rag.partnership_id_of(things[about]) == expected


def test_rows_from_two_partnerships_have_no_single_partnership(world, progress_round):
    assert rag.partnership_id_of([progress_round, world.other_strategy]) is None
