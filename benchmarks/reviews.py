"""Safeguarding reviews: suggestions for a 100-page report, and training on 5,000 coded
sentences, each beside a baseline measured in the same run.

- Suggestions: a generated 100-page PDF of fictional review sentences is read as an upload is
  (PDFium through pypdfium2 in the limited child process, paragraphs, sentences) and every
  sentence is classified with a model trained on 1,000 coded sentences. Baseline: pdfplumber
  alone reading every page's text in this process (what the upload used before ADR 0038);
  PDFium alone is shown too. The target is under 5 s.
- Training: `ThemeModel.fit` (TF-IDF + keyword features + one logistic regression per theme)
  on 5,000 coded sentences. Baseline: the TF-IDF step alone on the same sentences. The target
  is under 30 s.

No database is used; the sentences come from `vawdasv.reviews.fictional`.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

from benchmarks.environment import BenchEnvironment
from benchmarks.suite import RunOptions, Suite, Table

PAGES = 100
SENTENCES_PER_PAGE = 12
TRAINING_SENTENCES = 5_000
RUNS = 3


def _median(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _report_pdf() -> bytes:
    from fpdf import FPDF

    from vawdasv.reviews.fictional import corpus

    rows = corpus(PAGES * SENTENCES_PER_PAGE, seed=99)
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in range(PAGES):
        pdf.add_page()
        chunk = rows[page * SENTENCES_PER_PAGE : (page + 1) * SENTENCES_PER_PAGE]
        for start in range(0, len(chunk), 4):
            pdf.multi_cell(0, 5, " ".join(text for text, _ in chunk[start : start + 4]))
            pdf.ln(6)
    return bytes(pdf.output())


def run(environment: BenchEnvironment, options: RunOptions) -> list[Table]:
    import pdfplumber

    from vawdasv.reviews import assist, extract, learn
    from vawdasv.reviews.fictional import corpus
    from vawdasv.reviews.seed import SEED_THEMES

    keywords = {code: list(words) for code, _p, _e, _c, words in SEED_THEMES if words}
    data = _report_pdf()
    training = corpus(1_000, seed=5)
    themes = learn.measurable_themes([labels for _, labels in training])
    model = learn.ThemeModel(themes=themes, keywords=keywords).fit(
        [t for t, _ in training], [labels for _, labels in training]
    )

    def baseline_read() -> object:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [page.extract_text() for page in pdf.pages]

    def pdfium_read() -> object:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        finally:
            pdf.close()

    def suggest() -> int:
        paragraphs = extract.read_bounded(data, ".pdf")
        sentences = [s for p in paragraphs for s in extract.sentences(p.text)]
        return sum(len(found) for found in assist._classifier_suggestions(model, sentences))

    suggestions = suggest()
    read_s, pdfium_s, suggest_s = _median(baseline_read), _median(pdfium_read), _median(suggest)
    first = Table(
        f"Suggestions for a {PAGES}-page report (median of {RUNS})",
        ["step", "seconds", "× baseline"],
    )
    first.rows.append(["pdfplumber alone, every page's text (baseline)", read_s, "1.0×"])
    first.rows.append(["PDFium alone, every page's text", pdfium_s, f"{pdfium_s / read_s:,.2f}×"])
    first.rows.append(
        ["read with PDFium (child process) + paragraphs + sentences + suggest", suggest_s,
         f"{suggest_s / read_s:,.2f}×"]
    )  # fmt: skip
    first.notes.append(f"  {suggestions:,} suggestions made; target under 5 s")

    big = corpus(TRAINING_SENTENCES, seed=6)
    texts, labels = [t for t, _ in big], [ls for _, ls in big]
    big_themes = learn.measurable_themes(labels)

    def vectorise_only() -> object:
        return (
            learn.ThemeModel(themes=big_themes, keywords=keywords)
            ._vectorizer()
            .fit_transform(texts)
        )

    def train() -> object:
        return learn.ThemeModel(themes=big_themes, keywords=keywords).fit(texts, labels)

    tfidf_s, train_s = _median(vectorise_only), _median(train)
    second = Table(
        f"Training on {TRAINING_SENTENCES:,} coded sentences (median of {RUNS})",
        ["step", "seconds", "× baseline"],
    )
    second.rows.append(["TF-IDF alone (baseline)", tfidf_s, "1.0×"])
    second.rows.append(
        ["TF-IDF + keywords + one-vs-rest logistic regression", train_s,
         f"{train_s / tfidf_s:,.1f}×"]
    )  # fmt: skip
    second.notes.append(f"  {len(big_themes)} themes; target under 30 s")
    return [first, second]


SUITE = Suite(
    name="reviews",
    summary="theme suggestions for a 100-page report and training on 5,000 sentences",
    run=run,
)
