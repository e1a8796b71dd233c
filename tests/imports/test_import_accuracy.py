"""The importer on plans it was not built on: the team's corpus, and any text at all.

The corpus (tests/imports/corpus) holds plans written by the team in the layouts real
partnerships use; `benchmarks.import_accuracy` scores each action's fields against what a
person found in them. These tests hold the importer to the targets of issue 13 and check that
no input, however odd, produces an action whose words are not in the input.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.import_accuracy import score_corpus, summarise
from vawdasv.imports.text_tables import parse


@pytest.fixture(scope="module")
def scores():
    return score_corpus()


def test_the_corpus_has_files_and_pasted_text_in_every_format(scores):
    names = {s.name.rsplit(".", 1)[1] for s in scores}
    assert names == {"txt", "docx", "xlsx", "pdf"}


def test_real_files_have_at_least_95_percent_of_fields_right(scores):
    files = next(s for s in summarise(scores) if s.kind == "file")
    assert files.accuracy >= 0.95


def test_pasted_text_has_at_least_85_percent_of_fields_right(scores):
    text = next(s for s in summarise(scores) if s.kind == "text")
    assert text.accuracy >= 0.85


def test_no_document_of_the_corpus_gets_an_invented_action(scores):
    assert [(s.name, s.invented) for s in scores if s.invented] == []
    assert all(s.precision == 1.0 for s in summarise(scores))


def test_every_expected_action_of_the_corpus_is_found(scores):
    assert [(s.name, s.found, s.expected) for s in scores if s.found != s.expected] == []


def test_a_missed_action_counts_all_its_fields_wrong():
    from benchmarks.import_accuracy import FIELDS, score

    expected = {
        "actions": [
            {"text": "Run the campaign", **dict.fromkeys(FIELDS, None), "leads": []},
        ]
    }
    result = score("empty.txt", "text", parse("Nothing here"), expected)
    assert (result.right, result.total, result.found) == (0, len(FIELDS), 0)


LINES = st.sampled_from(
    [
        "Ref   Action                      Timescale     Lead            Status",
        "1.1   Deliver training to staff   March 2026    Eastmoor Council  Green",
        "      in every team",
        "Priority / Action        Timescale     Owner",
        "1. We will keep people safe",
        "Theme 2. A long heading that ends with a full stop.",
        "Safer Communities\tObjective\tAction\tTimescale\tLead",
        "1.2 (cont.)\t\tFund target hardening\t2025/26\tFenmoor Police",
        "1.2\tEnsure visitors ask\t\t\t",
        "Action\tTimescale\tLead\tRAG",
        "Review the criteria\t\t\t",
        "Our achievements",
        "Over the next year we will:",
        "- Expand the programme",
        "- more than five hundred people",
        "Holding perpetrators to account",
        "",
        "Annual report due 2024/25",
        "Ref Action Timescale Lead Status",
        "2 Train youth workers March 2026 Kingsbridge Youth Trust Amber",
        "and coercive control online",
        "Action Lead By when RAG",
        "Pay panel members Riverside Council Quarterly A",
    ]
)
TEXTS = st.lists(st.one_of(LINES, st.text(alphabet="ab .:\t-1/\n", max_size=30)), max_size=25)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _in_order(needle: list[str], haystack: list[str]) -> bool:
    remaining = iter(haystack)
    return all(word in remaining for word in needle)


@settings(max_examples=200, deadline=None)
@given(lines=TEXTS)
def test_no_input_produces_an_action_whose_text_is_not_in_the_input(lines):
    text = "\n".join(lines)
    source = _words(text)
    for action in parse(text).actions():
        assert _in_order(_words(action.text), source), action.text


def test_the_suggested_title_of_every_corpus_document_is_its_own_title():
    from tests.imports.corpus import documents
    from vawdasv.imports.interpret import interpret
    from vawdasv.imports.readers import read_document

    wrong = []
    for document in documents():
        title = interpret(read_document(document.data, document.name)).title
        if title != document.expected["title"]:
            wrong.append((document.name, title))
    assert wrong == []


def test_a_cover_page_that_starts_with_the_body_name_gives_the_plan_title():
    text = (
        "EASTMOOR SAFEGUARDING BOARD\n"
        "Safer Homes Domestic Abuse Strategy\n\n"
        "Housing\nAction\tTimescale\tLead\nReview the allocations policy\tMarch 2026\tCouncil\n"
    )
    assert parse(text).title == "Safer Homes Domestic Abuse Strategy"
