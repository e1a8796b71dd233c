"""Fictional safeguarding reviews for the demo, written by the team (every page marks them
"fictional"): three short reports built from the fictional sentences in reviews/fictional.py,
their sentences coded by the panel (enough for the classifier to train), recommendations in
every state (one overdue, one carried out as a plan action), a dissemination entry, a trained
model and suggestions on each report. All through the reviews services."""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import docx
from django.apps import apps as django_apps
from django.utils import timezone

from vawdasv.partnerships.models import Partnership
from vawdasv.plans.models import Commitment, Strategy
from vawdasv.reviews import assist, services
from vawdasv.reviews import groups as review_groups
from vawdasv.reviews.enums import (
    DocumentKind,
    Language,
    RecommendationScope,
    RecommendationStatus,
    ReviewKind,
    ReviewStatus,
)
from vawdasv.reviews.fictional import corpus
from vawdasv.reviews.models import CodebookTheme, Dissemination, Passage, Review
from vawdasv.reviews.seed import seed_codebook

SENTENCES_PER_REVIEW = 40
SENTENCES_PER_PARAGRAPH = 4
CODED_SENTENCES = 30


@dataclass(frozen=True)
class FictionalReview:
    reference: str
    kind: str
    title_en: str
    title_cy: str
    summary_en: str
    summary_cy: str
    seed: int
    published_on: datetime.date


REVIEWS = (
    FictionalReview(
        "DEMO-SUSR-2025-01", ReviewKind.SUSR, "Adult A (fictional)", "Oedolyn A (ffuglennol)",
        "A fictional review of the contact agencies had with Adult A, written for the "
        "demonstration. It describes no real person or case.",
        "Adolygiad ffuglennol o'r cyswllt a gafodd asiantaethau ag Oedolyn A, a ysgrifennwyd ar "
        "gyfer yr arddangosiad. Nid yw'n disgrifio unrhyw berson nac achos go iawn.",
        11, datetime.date(2025, 6, 30),
    ),
    FictionalReview(
        "DEMO-DHR-2023-02", ReviewKind.DHR, "Adult B (fictional)", "Oedolyn B (ffuglennol)",
        "A fictional domestic homicide review written for the demonstration.",
        "Adolygiad dynladdiad domestig ffuglennol a ysgrifennwyd ar gyfer yr arddangosiad.",
        12, datetime.date(2023, 11, 15),
    ),
    FictionalReview(
        "DEMO-APR-2024-03", ReviewKind.APR, "Adult C (fictional)", "Oedolyn C (ffuglennol)",
        "A fictional adult practice review written for the demonstration.",
        "Adolygiad ymarfer oedolion ffuglennol a ysgrifennwyd ar gyfer yr arddangosiad.",
        13, datetime.date(2024, 3, 1),
    ),
)  # fmt: skip


def _report(sentences: list[str], title: str) -> bytes:
    document = docx.Document()
    document.add_heading(f"{title}: a fictional review for the demonstration", level=1)
    for start in range(0, len(sentences), SENTENCES_PER_PARAGRAPH):
        document.add_paragraph(" ".join(sentences[start : start + SENTENCES_PER_PARAGRAPH]))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _review(spec: FictionalReview, partnership: Partnership, actor: Any) -> Review:
    # A rebuild starts again from the demo's own fictional rows, as _reset_plans does for plans.
    Review.objects.filter(partnership=partnership, reference=spec.reference).delete()
    review = services.create_review(
        actor=actor, partnership=partnership, fictional=True,
        data={"kind": spec.kind, "reference": spec.reference, "title_en": spec.title_en,
              "title_cy": spec.title_cy, "summary_en": spec.summary_en,
              "summary_cy": spec.summary_cy, "status": ReviewStatus.PUBLISHED,
              "published_on": spec.published_on, "shared": True,
              "commissioning_body": "Cardiff and Vale Community Safety Partnership (fictional)"},
        agencies=list(partnership.organisations.all()[:3]),
    )  # fmt: skip
    rows = corpus(SENTENCES_PER_REVIEW, seed=spec.seed)
    services.add_review_file(
        actor=actor, review=review, document=DocumentKind.REPORT, language=Language.ENGLISH,
        name=f"{spec.reference}.docx", data=_report([text for text, _ in rows], spec.title_en),
    )  # fmt: skip
    themes = {t.code: t for t in CodebookTheme.objects.all()}
    labels = dict(rows)
    sentences = Passage.objects.filter(review=review, kind="sentence").order_by("position")
    # The panel has coded the first sentences; the rest wait with the platform's suggestions.
    for passage in sentences[:CODED_SENTENCES]:
        for code in sorted(labels.get(passage.text, set())):
            services.apply_code(actor=actor, theme=themes[code], passage=passage)
    return review


def _recommendations(review: Review, actor: Any, commitment: Commitment | None) -> None:
    owner = review.agencies.first()
    today = timezone.localdate()
    plans = (
        ("Make routine enquiry about abuse part of every maternity appointment.",
         RecommendationStatus.NOT_STARTED, "", today + datetime.timedelta(days=120)),
        ("Train front-line staff to recognise coercive control.",
         RecommendationStatus.IN_PROGRESS, "amber", today - datetime.timedelta(days=30)),
        ("Share MARAC actions with GP practices within two working days.",
         RecommendationStatus.COMPLETED, "green", today - datetime.timedelta(days=200)),
        ("Review the information-sharing agreement between health and police.",
         RecommendationStatus.CLOSED, "", today - datetime.timedelta(days=100)),
    )  # fmt: skip
    for text, status, rag, due in plans:
        recommendation = services.create_recommendation(
            actor=actor, review=review,
            data={"text_en": text, "scope": RecommendationScope.LOCAL,
                  "owner_organisation": owner, "due_on": due},
            agencies=[owner] if owner else [],
        )  # fmt: skip
        if status != RecommendationStatus.NOT_STARTED:
            services.add_recommendation_update(
                actor=actor, recommendation=recommendation, status=status, rag=rag,
                note="Fictional update written for the demonstration.",
                evidence_url="https://example.org/fictional-evidence" if rag == "green" else "",
            )  # fmt: skip
        elif commitment is not None and commitment.actions.exists():
            # Carried out through an action the plan already has, so the demo plan keeps the
            # reference document's actions and counts.
            services.link_action(
                actor=actor, recommendation=recommendation, action=commitment.actions.first()
            )


DEMO_BRIEFING = "Learning briefing: coercive control (fictional)"
DEMO_GROUP_BRIEFING = "Learning briefing: information sharing (fictional)"


def load_demo_reviews(
    *, partnership: Partnership, strategy: Strategy, people: Mapping[str, Any]
) -> list[Review]:
    """The fictional reviews, coded, with recommendations, a model and suggestions."""
    if not CodebookTheme.objects.exists():  # a database emptied since its migration seeded it
        seed_codebook(django_apps)
    actor = people["alys"]
    if "gareth" in people:  # a board member from health sits on the learning panel
        services.seat_panel_member(actor=actor, partnership=partnership, user=people["gareth"])
    commitment = Commitment.objects.filter(theme__strategy=strategy).order_by("pk").first()
    made = [_review(spec, partnership, actor) for spec in REVIEWS]
    _recommendations(made[0], actor, commitment)
    for review in made[1:]:
        _recommendations(review, actor, None)
    # The demo's own entries are made again on every load, never added to: one to a training
    # course, one to the first of the partnership's governance groups (when the demo has them).
    Dissemination.objects.filter(
        partnership=partnership, briefing__in=[DEMO_BRIEFING, DEMO_GROUP_BRIEFING]
    ).delete()
    services.record_dissemination(
        actor=actor, partnership=partnership,
        briefing=DEMO_BRIEFING,
        audience="Regional training course for health visitors (fictional)",
        sent_on=timezone.localdate() - datetime.timedelta(days=14), reviews=made,
    )  # fmt: skip
    demo_groups = review_groups.groups_of(partnership.pk)
    if demo_groups:
        services.record_dissemination(
            actor=actor, partnership=partnership, briefing=DEMO_GROUP_BRIEFING,
            group_id=demo_groups[0].pk,
            sent_on=timezone.localdate() - datetime.timedelta(days=7), reviews=made[:1],
        )  # fmt: skip
    state = assist.train()
    for review in made:
        assist.suggest_for_review(review, state)
    return made
