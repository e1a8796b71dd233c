"""Suggesting themes for passages: a linear classifier beside a keyword baseline.

Published work on coding domestic homicide and safeguarding reviews found that with little
labelled text a linear model over word counts does as well as large pretrained language
models, and that a person accepting or rejecting sentence-level suggestions works (ADR 0027).
So: TF-IDF over words and word pairs, plus one feature per theme counting its codebook
keywords, and one logistic regression per theme (one-vs-rest). The keyword feature lets a few
dozen examples learn to trust the codebook; the keywords alone are the baseline used until
enough codes exist, and the yardstick the classifier is measured against.

Nothing here touches the database: callers pass texts, theme sets and keywords. A fitted
model is kept as numbers in JSON (vocabulary, idf, coefficients), never as a pickle.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

SEED = 20241001  # fixed, so every evaluation of the same file gives the same folds
FOLDS = 5
THRESHOLD = 0.5
MIN_EXAMPLES = FOLDS  # a theme needs a positive example in every fold to be measured
MAX_FEATURES = 50_000
_KEYWORD_FEATURE_WEIGHT = 1.0

Keywords = Mapping[str, Sequence[str]]


def _keyword_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    cleaned = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in cleaned) + r")\b")


@dataclass
class KeywordBaseline:
    """A theme is suggested when any of its keywords appears in the text."""

    keywords: Keywords
    _patterns: dict[str, re.Pattern[str] | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._patterns = {t: _keyword_pattern(w) for t, w in self.keywords.items()}

    def hits(self, text: str, theme: str) -> list[str]:
        pattern = self._patterns.get(theme)
        return pattern.findall(text.lower()) if pattern else []

    def predict(self, texts: Sequence[str], themes: Sequence[str]) -> np.ndarray:
        return np.array([[bool(self.hits(t, th)) for th in themes] for t in texts], dtype=bool)

    def features(self, texts: Sequence[str], themes: Sequence[str]) -> sparse.csr_matrix:
        counts = [[math.log1p(len(self.hits(t, th))) for th in themes] for t in texts]
        return sparse.csr_matrix(np.array(counts, dtype=float).reshape(len(texts), len(themes)))


@dataclass(frozen=True)
class Suggestion:
    theme: str
    confidence: float
    drivers: tuple[str, ...]


@dataclass
class ThemeModel:
    """TF-IDF + codebook keyword counts → one logistic regression per theme."""

    themes: list[str]
    keywords: Keywords
    vocabulary: dict[str, int] = field(default_factory=dict)
    idf: list[float] = field(default_factory=list)
    # theme → (coefficients over [tf-idf..., keyword counts...], intercept); a theme whose
    # training data held only one answer keeps a constant (no coefficients).
    weights: dict[str, tuple[list[float], float]] = field(default_factory=dict)
    constant: dict[str, float] = field(default_factory=dict)

    def _vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=MAX_FEATURES,
            strip_accents="unicode", lowercase=True,
        )  # fmt: skip

    def _baseline(self) -> KeywordBaseline:
        # Compiled once per model: building the keyword patterns dominated explaining.
        cached = self.__dict__.get("_cached_baseline")
        if cached is None:
            cached = self.__dict__["_cached_baseline"] = KeywordBaseline(self.keywords)
        return cached

    def _matrix(self, texts: Sequence[str], vectorizer: TfidfVectorizer) -> sparse.csr_matrix:
        words = vectorizer.transform(texts)
        keyword_counts = self._baseline().features(texts, self.themes)
        return sparse.hstack([words, keyword_counts * _KEYWORD_FEATURE_WEIGHT]).tocsr()

    def fit(self, texts: Sequence[str], labels: Sequence[set[str]]) -> ThemeModel:
        vectorizer = self._vectorizer()
        vectorizer.fit(texts)
        self.vocabulary = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
        self.idf = [float(v) for v in vectorizer.idf_]
        x = self._matrix(texts, vectorizer)
        self.weights, self.constant = {}, {}
        for theme in self.themes:
            y = np.array([theme in ls for ls in labels], dtype=int)
            if y.min() == y.max():
                self.constant[theme] = float(y[0])
                continue
            model = LogisticRegression(
                C=4.0, class_weight="balanced", solver="liblinear", random_state=SEED
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(x, y)
            self.weights[theme] = ([float(c) for c in model.coef_[0]], float(model.intercept_[0]))
        return self

    def _fitted_vectorizer(self) -> TfidfVectorizer:
        vectorizer = self._vectorizer()
        vectorizer.vocabulary_ = self.vocabulary
        vectorizer.idf_ = np.array(self.idf)
        return vectorizer

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        return self._probabilities(self._matrix(texts, self._fitted_vectorizer()))

    def _probabilities(self, x: sparse.csr_matrix) -> np.ndarray:
        out = np.zeros((x.shape[0], len(self.themes)))
        for j, theme in enumerate(self.themes):
            if theme in self.weights:
                coef, intercept = self.weights[theme]
                out[:, j] = 1 / (1 + np.exp(-(x @ np.array(coef) + intercept)))
            else:
                out[:, j] = self.constant.get(theme, 0.0)
        return out

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.probabilities(texts) >= THRESHOLD

    def suggest(self, text: str, limit: int = 3, top_words: int = 5) -> list[Suggestion]:
        """Themes above the threshold, most likely first, each with the words that pushed it
        up most (a keyword feature shows as the keywords it matched)."""
        return self.suggest_many([text], limit=limit, top_words=top_words)[0]

    def suggest_many(
        self, texts: Sequence[str], limit: int = 3, top_words: int = 5
    ) -> list[list[Suggestion]]:
        """`suggest` for many texts with one pass over the matrix (a long report has
        thousands of sentences; vectorising them one by one was most of the time)."""
        if not texts:
            return []
        x = self._matrix(texts, self._fitted_vectorizer())
        probabilities = self._probabilities(x)
        terms = {i: term for term, i in self.vocabulary.items()}
        return [
            self._explain(texts[i], probabilities[i], x.getrow(i).tocoo(), terms, limit, top_words)
            if (probabilities[i] >= THRESHOLD).any()
            else []
            for i in range(len(texts))
        ]

    def _explain(
        self,
        text: str,
        probabilities: np.ndarray,
        row: sparse.coo_matrix,
        terms: dict[int, str],
        limit: int,
        top_words: int,
    ) -> list[Suggestion]:
        n_words = len(self.vocabulary)
        found: list[Suggestion] = []
        for j in np.argsort(-probabilities)[:limit]:
            theme = self.themes[int(j)]
            if probabilities[j] < THRESHOLD:
                break
            contributions: list[tuple[float, str]] = []
            if theme in self.weights:
                coef = self.weights[theme][0]
                for col, value in zip(row.col, row.data, strict=True):
                    weight = coef[int(col)] * float(value)
                    if weight <= 0:
                        continue
                    if col < n_words:
                        contributions.append((weight, terms[int(col)]))
                    else:
                        keyword_theme = self.themes[int(col) - n_words]
                        hits = self._baseline().hits(text, keyword_theme)
                        contributions.append((weight, ", ".join(dict.fromkeys(hits))))
            drivers = tuple(w for _, w in sorted(contributions, reverse=True)[:top_words])
            found.append(Suggestion(theme, float(probabilities[j]), drivers))
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "themes": self.themes,
            "keywords": {k: list(v) for k, v in self.keywords.items()},
            "vocabulary": self.vocabulary,
            "idf": self.idf,
            "weights": {k: [c, b] for k, (c, b) in self.weights.items()},
            "constant": self.constant,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ThemeModel:
        return cls(
            themes=list(data["themes"]),
            keywords=dict(data["keywords"]),
            vocabulary={str(k): int(v) for k, v in data["vocabulary"].items()},
            idf=[float(v) for v in data["idf"]],
            weights={k: (list(v[0]), float(v[1])) for k, v in data["weights"].items()},
            constant={k: float(v) for k, v in data["constant"].items()},
        )


# Measuring ---------------------------------------------------------------------------------


def scores(truth: np.ndarray, predicted: np.ndarray, themes: Sequence[str]) -> dict[str, Any]:
    """Micro and macro precision, recall and F1, and the same per theme."""

    def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

    per_theme: dict[str, dict[str, float]] = {}
    totals = [0, 0, 0]
    for j, theme in enumerate(themes):
        tp = int(np.sum(truth[:, j] & predicted[:, j]))
        fp = int(np.sum(~truth[:, j] & predicted[:, j]))
        fn = int(np.sum(truth[:, j] & ~predicted[:, j]))
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        per_theme[theme] = {**prf(tp, fp, fn), "support": int(np.sum(truth[:, j]))}
    micro = prf(*totals)
    n = max(len(themes), 1)
    macro = {
        m: round(sum(s[m] for s in per_theme.values()) / n, 4)
        for m in ("precision", "recall", "f1")
    }
    return {
        "micro_precision": micro["precision"], "micro_recall": micro["recall"],
        "micro_f1": micro["f1"], "macro_precision": macro["precision"],
        "macro_recall": macro["recall"], "macro_f1": macro["f1"], "per_theme": per_theme,
    }  # fmt: skip


class TooLittleData(ValueError):
    """Fewer than two themes have enough examples to measure."""


def measurable_themes(labels: Sequence[set[str]], minimum: int = MIN_EXAMPLES) -> list[str]:
    counts: dict[str, int] = {}
    for label_set in labels:
        for theme in label_set:
            counts[theme] = counts.get(theme, 0) + 1
    return sorted(t for t, c in counts.items() if c >= minimum)


def evaluate(
    texts: Sequence[str],
    labels: Sequence[set[str]],
    keywords: Keywords,
    *,
    folds: int = FOLDS,
    seed: int = SEED,
) -> dict[str, Any]:
    """Stratified k-fold cross-validation of the classifier and the keyword baseline.

    Multi-label texts are stratified by their rarest measurable theme ("none" for texts with
    none), so every fold holds each theme in proportion. Themes with fewer than `folds`
    examples are not measured (a fold would have none)."""
    themes = measurable_themes(labels, folds)
    if len(themes) < 2:
        raise TooLittleData(themes)
    frequency = {t: sum(t in ls for ls in labels) for t in themes}
    strata = [
        min((t for t in ls if t in frequency), key=lambda t: (frequency[t], t), default="")
        for ls in labels
    ]
    truth = np.array([[t in ls for t in themes] for ls in labels], dtype=bool)
    classifier = np.zeros_like(truth)
    baseline = KeywordBaseline(keywords).predict(texts, themes)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a stratum smaller than k: still fine
        splits = list(splitter.split(np.zeros(len(texts)), strata))
    for train, test in splits:
        model = ThemeModel(themes=themes, keywords=keywords).fit(
            [texts[i] for i in train], [labels[i] for i in train]
        )
        classifier[test] = model.predict([texts[i] for i in test])
    return {
        "classifier": scores(truth, classifier, themes),
        "keyword_baseline": scores(truth, baseline, themes),
        "n_texts": len(texts),
        "themes": themes,
    }
