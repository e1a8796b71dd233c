"""Reading reviews with care: what a person may see, full-text search, reviews like this one,
and the recommendation dashboard."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.reviews import groups
from vawdasv.reviews.enums import PassageKind, RecommendationStatus
from vawdasv.reviews.models import Dissemination, Passage, Recommendation, Review

MAX_RESULTS = 50
MAX_QUERY_CHARS = 200


def visible_reviews(user: Any) -> QuerySet[Review]:
    return (
        Review.objects.filter(permissions.visible_reviews_filter(user))
        .select_related("partnership")
        .distinct()
    )


def full_reviews(user: Any) -> QuerySet[Review]:
    """Reviews whose text, codes and recommendations this user may read."""
    reviews = visible_reviews(user)
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return reviews
    ids = [
        pid for pid in _partnership_ids(reviews) if permissions.can_read_reviews_in_full(user, pid)
    ]
    return reviews.filter(partnership_id__in=ids)


def _partnership_ids(reviews: QuerySet[Review]) -> list[int]:
    return sorted(set(reviews.values_list("partnership_id", flat=True)))


def get_review(user: Any, pk: int) -> Review:
    review = Review.objects.select_related("partnership").filter(pk=pk).first()
    if review is None or not permissions.can_view_review(user, review):
        raise Http404
    return review


def search_passages(user: Any, query: str) -> list[Passage]:
    """Paragraphs matching the words, best first: PostgreSQL full-text search (English
    stemming, web-search syntax) where available, every word as a substring on SQLite."""
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    if not query:
        return []
    passages = Passage.objects.filter(
        kind=PassageKind.PARAGRAPH, review__in=full_reviews(user)
    ).select_related("review")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("text", config="english")
        search = SearchQuery(query, config="english", search_type="websearch")
        return list(
            passages.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank", "pk")[:MAX_RESULTS]
        )
    condition = Q()
    for word in query.split():
        condition &= Q(text__icontains=word.strip("\"'"))
    return list(passages.filter(condition).order_by("review_id", "position")[:MAX_RESULTS])


def similar_reviews(user: Any, review: Review, limit: int = 5) -> list[tuple[Review, float]]:
    """Reviews whose text is most like this one's (TF-IDF cosine over their sentences and
    summaries), among those the user may read in full."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    candidates = list(full_reviews(user))
    if review not in candidates or len(candidates) < 2:
        return []
    texts: dict[int, list[str]] = defaultdict(list)
    for r in candidates:
        texts[r.pk].extend([r.summary_en, r.summary_cy, r.title_en])
    rows = Passage.objects.filter(review__in=candidates, kind=PassageKind.PARAGRAPH).values_list(
        "review_id", "text"
    )
    for review_id, text in rows:
        texts[review_id].append(text)
    documents = [" ".join(texts[r.pk]) for r in candidates]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(documents)
    index = candidates.index(review)
    scores = linear_kernel(matrix[index], matrix).ravel()
    ranked = sorted(
        ((candidates[i], float(s)) for i, s in enumerate(scores) if i != index and s > 0),
        key=lambda pair: -pair[1],
    )
    return ranked[:limit]


@dataclass(frozen=True)
class DashboardRow:
    recommendation: Recommendation
    age_days: int
    overdue: bool


OPEN_STATES = (RecommendationStatus.NOT_STARTED, RecommendationStatus.IN_PROGRESS)


def dashboard(
    user: Any,
    *,
    review_id: int | None = None,
    agency_id: int | None = None,
    status: str = "",
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """Recommendations the user may see, filtered, with age and overdue flags, and counts by
    status and by agency."""
    today = today or timezone.localdate()
    recommendations = (
        Recommendation.objects.filter(review__in=visible_reviews(user))
        .select_related("review", "owner_organisation", "action")
        .prefetch_related("agencies")
        .order_by("due_on", "review__reference", "number")
    )
    if review_id:
        recommendations = recommendations.filter(review_id=review_id)
    if agency_id:
        recommendations = recommendations.filter(agencies__id=agency_id)
    if status:
        recommendations = recommendations.filter(status=status)
    rows = [
        DashboardRow(
            recommendation=r,
            age_days=(today - timezone.localtime(r.created_at).date()).days,
            overdue=bool(r.due_on and r.due_on < today and r.status in OPEN_STATES),
        )
        for r in recommendations.distinct()
    ]
    by_agency: Counter[str] = Counter()
    for row in rows:
        for agency in row.recommendation.agencies.all():
            by_agency[str(agency)] += 1
    return {
        "rows": rows,
        "by_status": sorted(
            Counter(str(row.recommendation.get_status_display()) for row in rows).items()
        ),
        "by_agency": sorted(by_agency.items()),
        "overdue": sum(row.overdue for row in rows),
    }


def disseminations(user: Any) -> list[Dissemination]:
    """The dissemination log of the partnerships whose reviews this user reads in full."""
    entries = Dissemination.objects.select_related("partnership")[:200]
    shown = [e for e in entries if permissions.can_read_reviews_in_full(user, e.partnership_id)]
    # The group's name and page today, from the provider the web layer plugs in (one query).
    found = groups.resolve({e.group_id for e in shown if e.group_id is not None})
    for entry in shown:
        entry.group = found.get(entry.group_id) if entry.group_id is not None else None  # type: ignore[attr-defined]
    return shown


def partnerships_managed(user: Any) -> list[dict[str, Any]]:
    """The partnerships whose reviews this user manages (even before they hold any review),
    each with whether the user also seats its learning panel."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        {"partnership": p, "seats_panel": permissions.can_seat_learning_panel(user, p.pk)}
        for p in Partnership.objects.order_by("name_en")
        if permissions.can_manage_reviews(user, p.pk)
    ]
