"""Statuses in an imported plan: which words stand as they are, and which a person must map."""

from __future__ import annotations

import pytest

from vawdasv.imports.baseline import (
    COMPLETED,
    NO_BASELINE,
    MappingMissing,
    baseline_statuses,
    status_column,
    status_words,
)
from vawdasv.imports.model import ParsedAction
from vawdasv.imports.text_tables import parse

HEADER = "Commitment\tAction\tTimescale\tLead\tStatus"
PLAN = "\n".join(
    [
        "PREPARE",
        HEADER,
        "Plan\tWrite the plan\tMar 2025\tRegional Team\tCompleted",
        "Plan\tShare the plan\tMar 2025\tRegional Team\tOn track",
        "Plan\tReview the plan\tMar 2026\tRegional Team\tNot started",
        "Plan\tTranslate the plan\tMar 2026\tRegional Team\tCwblhawyd",
        "Plan\tPublish the plan\tMar 2026\tRegional Team\ton track.",
        "Plan\tRate the plan\tMar 2026\tRegional Team\tAmber",
        "Plan\tKeep the plan\tMar 2026\tRegional Team\t",
    ]
)


def actions() -> list[ParsedAction]:
    return parse(PLAN).actions()


def test_each_status_word_is_listed_once_with_how_many_actions_have_it():
    words = status_words(actions())
    assert [(w.word, w.actions, w.reading) for w in words] == [
        ("Completed", 1, COMPLETED),
        ("On track", 2, None),  # "on track." is the same word
        ("Not started", 1, None),
        ("Cwblhawyd", 1, COMPLETED),
        ("Amber", 1, "amber"),
    ]
    # The importer's guess is offered as a hint only.
    assert [w.suggestion for w in words if w.reading is None] == ["green", "red"]


def test_the_json_says_the_document_has_a_status_column():
    column = parse(PLAN).to_dict()["status_column"]
    assert column["actions"] == 6
    assert column["words"][1] == {"word": "On track", "actions": 2, "reading": None}


def test_on_track_and_not_started_are_never_rated_without_a_person_saying_what_they_mean():
    with pytest.raises(MappingMissing) as missing:
        baseline_statuses(actions(), {"on track": "green"})
    assert missing.value.keys == ["not started"]
    with pytest.raises(MappingMissing):
        baseline_statuses(actions(), {"on track": "purple", "not started": "red"})


def test_the_baseline_follows_the_words_and_the_persons_mapping():
    statuses = baseline_statuses(actions(), {"on track": "amber", "not started": NO_BASELINE})
    assert [(s.position, s.rag, s.completed) for s in statuses] == [
        (0, "green", True),
        (1, "amber", False),
        (3, "green", True),
        (4, "amber", False),
        (5, "amber", False),
    ]


def test_a_plan_without_statuses_has_no_status_column():
    assert status_column(parse(PLAN.replace("\tStatus", "")).actions()) is None
