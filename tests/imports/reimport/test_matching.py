"""Pairing texts: exact first, then nearly the same, each text used once, closest first."""

from __future__ import annotations

from vawdasv.imports.matching import (
    SIMILARITY_THRESHOLD,
    normalise_ref,
    normalise_text,
    pair_exact,
    pair_similar,
    similarity,
)


def test_normalised_text_ignores_case_punctuation_spacing_and_we_will():
    assert normalise_text("We will:  Map  services, across the REGION.") == (
        "map services across the region"
    )


def test_references_with_a_trailing_full_stop_are_the_same():
    assert normalise_ref(" 1.2. ") == normalise_ref("1.2")
    assert normalise_ref("1.2") != normalise_ref("1.3")


def test_a_reworded_action_is_above_the_threshold_and_a_different_one_is_not():
    before = normalise_text("Map current VAWDASV services across the region")
    reworded = normalise_text("Map all current VAWDASV services across the whole region")
    different = normalise_text("Commission a perpetrator programme for young people")
    assert similarity(before, reworded) >= SIMILARITY_THRESHOLD
    assert similarity(before, different) < SIMILARITY_THRESHOLD


def test_each_text_is_paired_once_and_the_closest_pair_wins():
    olds = [("a", "train staff in every school"), ("b", "train staff in every school today")]
    news = [(1, "train staff in every school today")]
    pairs = pair_similar(olds, news)
    assert [(p.old, p.new, p.score) for p in pairs] == [("b", 1, 1.0)]


def test_similar_pairs_are_one_to_one():
    olds = [("a", "publish the annual report"), ("b", "publish the annual reports")]
    news = [(1, "publish the annual report"), (2, "publish an annual report")]
    pairs = {(p.old, p.new) for p in pair_similar(olds, news)}
    assert pairs == {("a", 1), ("b", 2)}


def test_pairs_can_be_limited_to_the_same_theme():
    olds = [("prepare", "share intelligence between agencies")]
    news = [("pursue", "share intelligence between agencies")]
    assert pair_similar(olds, news, allowed=lambda old, new: old == new) == []


def test_identical_texts_are_paired_in_document_order():
    olds = [(1, "report"), (2, "report")]
    news = [("x", "report"), ("y", "report"), ("z", "report")]
    assert [(p.old, p.new) for p in pair_exact(olds, news)] == [(1, "x"), (2, "y")]
