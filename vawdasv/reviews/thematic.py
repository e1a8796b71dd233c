"""The thematic learning report across reviews: one data pass, rendered as Word.

Chosen by kind of review, period (year published) and theme: counts of coded passages by theme
and year, themes that occur together in one passage, the key learning passages with their
review and page, and the recommendations with their status. Content is text only: every string
goes into the document through `lib.text.xml_safe`, never as markup.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import docx
from django.utils import translation
from django.utils.translation import gettext as _

from vawdasv.lib import typeset
from vawdasv.lib.text import xml_safe
from vawdasv.reviews.enums import CodingState
from vawdasv.reviews.models import CodebookTheme, Coding, Recommendation, Review

MAX_PASSAGES = 40


@dataclass
class ThematicData:
    reviews: list[Review]
    years: list[int]
    themes: list[CodebookTheme]
    counts: dict[tuple[str, int], int] = field(default_factory=dict)
    pairs: list[tuple[str, str, int]] = field(default_factory=list)
    passages: list[tuple[str, str, int | None, str]] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)


def chosen_reviews(partnership_id: int, filters: dict[str, Any]) -> list[Review]:
    reviews = Review.objects.filter(partnership_id=partnership_id)
    if filters.get("kind"):
        reviews = reviews.filter(kind=filters["kind"])
    if filters.get("year_from"):
        reviews = reviews.filter(published_on__year__gte=int(filters["year_from"]))
    if filters.get("year_to"):
        reviews = reviews.filter(published_on__year__lte=int(filters["year_to"]))
    if filters.get("theme"):
        code = filters["theme"]
        reviews = reviews.filter(
            passages__codings__state=CodingState.ACCEPTED,
            passages__codings__theme__code__in=[code, *_children(code)],
        )
    return list(reviews.distinct().order_by("published_on", "reference"))


def _children(code: str) -> list[str]:
    return list(CodebookTheme.objects.filter(parent__code=code).values_list("code", flat=True))


def gather(partnership_id: int, filters: dict[str, Any]) -> ThematicData:
    reviews = chosen_reviews(partnership_id, filters)
    codings = list(
        Coding.objects.filter(passage__review__in=reviews, state=CodingState.ACCEPTED)
        .select_related("theme", "passage__review")
        .order_by("passage__review__published_on", "passage__position")
    )
    counts: Counter[tuple[str, int]] = Counter()
    per_passage: dict[int, set[str]] = {}
    for coding in codings:
        passage = coding.passage
        assert passage is not None  # the filter above reads passages only
        year = passage.review.published_on.year if passage.review.published_on else 0
        counts[(coding.theme.code, year)] += 1
        per_passage.setdefault(passage.pk, set()).add(coding.theme.code)
    pairs: Counter[tuple[str, str]] = Counter()
    for passage_codes in per_passage.values():
        pairs.update(combinations(sorted(passage_codes), 2))
    wanted = {filters["theme"], *_children(filters["theme"])} if filters.get("theme") else None
    passages = []
    seen: set[int] = set()
    for coding in codings:
        passage = coding.passage
        assert passage is not None
        if passage.pk in seen or (wanted and coding.theme.code not in wanted):
            continue
        seen.add(passage.pk)
        passages.append((passage.review.reference, coding.theme.code, passage.page, passage.text))
        if len(passages) >= MAX_PASSAGES:
            break
    codes = sorted({code for code, _ in counts})
    return ThematicData(
        reviews=reviews,
        years=sorted({year for _, year in counts}),
        themes=list(CodebookTheme.objects.filter(code__in=codes).order_by("code")),
        counts=dict(counts),
        pairs=[(a, b, n) for (a, b), n in pairs.most_common(15)],
        passages=passages,
        recommendations=list(
            Recommendation.objects.filter(review__in=reviews).select_related("review")
        ),
    )


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = xml_safe(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = xml_safe(text)


def render_docx(data: ThematicData, language: str) -> bytes:
    with translation.override(language):
        document = docx.Document()
        document.add_heading(_("Thematic learning from safeguarding reviews"), level=0)
        if any(r.fictional for r in data.reviews):
            document.add_paragraph(
                _(
                    "Fictional review written for the demonstration. "
                    "No real person or case is described."
                )
            )
        document.add_paragraph(
            _("Reviews included: %(list)s")
            % {"list": ", ".join(r.reference for r in data.reviews) or "–"}
        )
        document.add_heading(_("Coded passages by theme and year"), level=1)
        _table(
            document,
            [_("Theme"), *[str(y or "–") for y in data.years]],
            [
                [xml_safe(t.text("name", language).text),
                 *[str(data.counts.get((t.code, y), 0)) for y in data.years]]
                for t in data.themes
            ],
        )  # fmt: skip
        document.add_heading(_("Themes found together"), level=1)
        _table(
            document,
            [_("Theme"), _("Theme"), _("Passages")],
            [[a, b, str(n)] for a, b, n in data.pairs],
        )
        document.add_heading(_("Key learning passages"), level=1)
        for reference, code, page, text in data.passages:
            where = f"{reference}, {code}" + (f", p. {page}" if page else "")
            paragraph = document.add_paragraph(style="Quote")
            paragraph.add_run(xml_safe(text))
            document.add_paragraph(xml_safe(where))
        document.add_heading(_("Recommendations"), level=1)
        _table(
            document,
            [_("Review"), _("Recommendation"), _("Status")],
            [
                [r.review.reference, r.text("text", language).text, str(r.get_status_display())]
                for r in data.recommendations
            ],
        )
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def render_pdf(data: ThematicData, language: str) -> bytes:
    """The same content as the Word edition, as a tagged PDF typeset by Typst."""
    with translation.override(language):
        title = _("Thematic learning from safeguarding reviews")
        blocks: list[dict[str, Any]] = [{"kind": "heading", "level": 1, "text": title}]
        if any(r.fictional for r in data.reviews):
            blocks.append(
                {
                    "kind": "para",
                    "strong": True,
                    "text": _(
                        "Fictional review written for the demonstration. "
                        "No real person or case is described."
                    ),
                }
            )
        blocks.append(
            {
                "kind": "para",
                "text": _("Reviews included: %(list)s")
                % {"list": ", ".join(r.reference for r in data.reviews) or "–"},
            }
        )
        blocks.append(
            {"kind": "heading", "level": 2, "text": _("Coded passages by theme and year")}
        )
        blocks.append(
            {
                "kind": "table",
                "header": [_("Theme"), *[str(y or "–") for y in data.years]],
                "rows": [
                    [t.text("name", language).text,
                     *[str(data.counts.get((t.code, y), 0)) for y in data.years]]
                    for t in data.themes
                ],
            }
        )  # fmt: skip
        blocks.append({"kind": "heading", "level": 2, "text": _("Themes found together")})
        blocks.append(
            {
                "kind": "table",
                "header": [_("Theme"), _("Theme"), _("Passages")],
                "rows": [[a, b, str(n)] for a, b, n in data.pairs],
            }
        )
        blocks.append({"kind": "heading", "level": 2, "text": _("Key learning passages")})
        for reference, code, page, text in data.passages:
            blocks.append({"kind": "quote", "text": text})
            where = f"{reference}, {code}" + (f", p. {page}" if page else "")
            blocks.append({"kind": "para", "text": where})
        blocks.append({"kind": "heading", "level": 2, "text": _("Recommendations")})
        blocks.append(
            {
                "kind": "table",
                "header": [_("Review"), _("Recommendation"), _("Status")],
                "rows": [
                    [r.review.reference, r.text("text", language).text,
                     str(r.get_status_display())]
                    for r in data.recommendations
                ],
            }
        )  # fmt: skip
        return typeset.document_pdf(title=title, language=language, blocks=blocks)
