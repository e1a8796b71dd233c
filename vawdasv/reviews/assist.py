"""Machine-assisted coding inside the platform: train on the codes people accepted, suggest
themes for a review's passages, and say how good the suggestions are.

Training uses every accepted (and rejected) code in the repository: a rejection is a "no" for
that theme. With too few examples the codebook's keywords alone make the suggestions, and the
page says so. Each training run holds back a fifth of the coded passages (stratified, fixed
seed) to measure precision and recall per theme, then fits on all of them.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from vawdasv.audit import kernel
from vawdasv.audit.models import Verb
from vawdasv.audit.origins import Origin, OriginKind
from vawdasv.reviews import learn
from vawdasv.reviews.enums import CodingState, PassageKind
from vawdasv.reviews.models import ClassifierState, CodebookTheme, Coding, Passage, Review

# Below this many coded passages, or fewer than two themes with MIN_PER_THEME examples, the
# keywords alone suggest.
MIN_CODED_PASSAGES = 30
MIN_PER_THEME = 5
# Retrain when this many codes were decided since the last training.
RETRAIN_AFTER = 20
KEYWORDS = "keywords"
CLASSIFIER = "classifier"


def codebook_keywords() -> dict[str, list[str]]:
    return {t.code: t.keyword_list() for t in CodebookTheme.objects.all()}


def training_data() -> tuple[list[str], list[set[str]], int]:
    """Coded passages with their accepted themes (an all-rejected passage is an example of
    none), and how many codes that is."""
    labels: dict[int, set[str]] = {}
    texts: dict[int, str] = {}
    n_codes = 0
    rows = Coding.objects.filter(passage__isnull=False).exclude(state=CodingState.SUGGESTED)
    for passage_id, text, code, state in rows.values_list(
        "passage_id", "passage__text", "theme__code", "state"
    ):
        n_codes += 1
        texts[passage_id] = text
        themes = labels.setdefault(passage_id, set())
        if state == CodingState.ACCEPTED:
            themes.add(code)
    ids = sorted(texts)
    return [texts[i] for i in ids], [labels[i] for i in ids], n_codes


def train() -> ClassifierState:
    """Fit a new classifier (or fall back to keywords) and record how it did."""
    texts, labels, n_codes = training_data()
    keywords = codebook_keywords()
    themes = learn.measurable_themes(labels, MIN_PER_THEME)
    if len(texts) < MIN_CODED_PASSAGES or len(themes) < 2:
        return ClassifierState.objects.create(
            n_codes=n_codes, n_passages=len(texts), method=KEYWORDS,
            parameters={"keywords": keywords}, metrics={},
        )  # fmt: skip
    metrics = learn.evaluate(texts, labels, keywords, folds=MIN_PER_THEME)
    model = learn.ThemeModel(themes=themes, keywords=keywords).fit(texts, labels)
    return ClassifierState.objects.create(
        n_codes=n_codes, n_passages=len(texts), method=CLASSIFIER,
        parameters=model.to_json(), metrics=metrics,
    )  # fmt: skip


def current() -> ClassifierState | None:
    return ClassifierState.objects.order_by("-trained_at", "-pk").first()


def needs_retraining() -> bool:
    state = current()
    decided = Coding.objects.exclude(state=CodingState.SUGGESTED)
    if state is None:
        return decided.exists()
    return decided.filter(decided_at__gt=state.trained_at).count() >= RETRAIN_AFTER


def _keyword_suggestions(text: str, keywords: dict[str, list[str]]) -> list[learn.Suggestion]:
    baseline = learn.KeywordBaseline(keywords)
    found = []
    for theme in keywords:
        hits = baseline.hits(text, theme)
        if hits:
            # A keyword match is a guess, not a measured probability: shown as such.
            confidence = min(0.5 + 0.1 * len(hits), 0.9)
            found.append(learn.Suggestion(theme, confidence, tuple(dict.fromkeys(hits))[:5]))
    return sorted(found, key=lambda s: -s.confidence)[:3]


def suggest_for_review(review: Review, state: ClassifierState | None = None) -> int:
    """Suggestions for every sentence of the review that has no decided code yet; returns how
    many were made. Earlier undecided suggestions are replaced."""
    state = state or current() or train()
    themes = {t.code: t for t in CodebookTheme.objects.all()}
    passages = list(
        Passage.objects.filter(review=review, kind=PassageKind.SENTENCE)
        .exclude(codings__state__in=[CodingState.ACCEPTED, CodingState.REJECTED])
        .only("pk", "text")
    )
    texts = [p.text for p in passages]
    if state.method == CLASSIFIER:
        model = learn.ThemeModel.from_json(state.parameters)
        per_passage = _classifier_suggestions(model, texts)
        name = f"classifier {state.pk}"
    else:
        keywords = state.parameters.get("keywords") or codebook_keywords()
        per_passage = [_keyword_suggestions(t, keywords) for t in texts]
        name = f"keywords {state.pk}"
    rows = [
        Coding(
            passage=passage,
            theme=themes[s.theme],
            state=CodingState.SUGGESTED,
            confidence=round(s.confidence, 3),
            drivers=", ".join(s.drivers)[:300],
            suggested_by_model=name,
        )
        for passage, suggestions in zip(passages, per_passage, strict=True)
        for s in suggestions
        if s.theme in themes
    ]
    with transaction.atomic():
        old = Coding.objects.filter(passage__review=review, state=CodingState.SUGGESTED)
        before = old.count()
        old.delete()
        Coding.objects.bulk_create(rows, batch_size=1000)
        kernel.record(
            actor=None, instance=review, verb=Verb.UPDATED,
            changes={"suggested_themes": {"before": before, "after": len(rows)}},
            partnership=review.partnership,
            origin=Origin(OriginKind.THEME_SUGGESTION, review, name),
        )  # fmt: skip
    return len(rows)


def _classifier_suggestions(
    model: learn.ThemeModel, texts: list[str]
) -> list[list[learn.Suggestion]]:
    if not texts:
        return []
    # One matrix pass scores and explains every text (only those over the threshold are
    # explained word by word).
    return model.suggest_many(texts)


def quality(state: ClassifierState | None) -> dict[str, Any]:
    """What the page shows: the method, and per theme precision and recall on held-back codes
    for the classifier beside the keywords."""
    if state is None or state.method != CLASSIFIER:
        return {"method": KEYWORDS, "themes": []}
    classifier = state.metrics.get("classifier", {}).get("per_theme", {})
    baseline = state.metrics.get("keyword_baseline", {}).get("per_theme", {})
    return {
        "method": CLASSIFIER,
        "n_codes": state.n_codes,
        "trained_at": state.trained_at,
        "micro_f1": state.metrics.get("classifier", {}).get("micro_f1"),
        "keyword_micro_f1": state.metrics.get("keyword_baseline", {}).get("micro_f1"),
        "themes": [
            {"code": code, **scores, "keyword_f1": baseline.get(code, {}).get("f1")}
            for code, scores in classifier.items()
        ],
        "at": timezone.localtime(state.trained_at),
    }
