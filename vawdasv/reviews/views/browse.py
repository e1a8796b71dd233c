"""Reading reviews: the list (with search), one review, reviews like it, the dashboard and the
codebook with how good the suggestions are."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from vawdasv.partnerships import permissions
from vawdasv.reviews import assist, selectors
from vawdasv.reviews.enums import RecommendationStatus
from vawdasv.reviews.forms import SearchForm
from vawdasv.reviews.models import CodebookTheme, ReviewFile


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    reviews = selectors.visible_reviews(request.user).prefetch_related("recommendations")
    return render(
        request,
        "reviews/review_list.html",
        {
            "reviews": reviews,
            "form": form,
            "query": query,
            "results": selectors.search_passages(request.user, query) if query else None,
            "can_search": selectors.full_reviews(request.user).exists(),
            "manages": selectors.partnerships_managed(request.user),
        },
    )  # fmt: skip


@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review(request.user, pk)
    full = permissions.can_read_reviews_in_full(request.user, review.partnership_id)
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "full": full,
            "manage": permissions.can_manage_reviews(request.user, review.partnership_id),
            "files": review.files.all() if full else [],
            "recommendations": review.recommendations.select_related("owner_organisation"),
            "similar": selectors.similar_reviews(request.user, review) if full else [],
        },
    )


@require_GET
def review_file(request: HttpRequest, pk: int) -> FileResponse:
    """The report as an attachment (never shown inline), for those who read it in full."""
    stored = get_object_or_404(ReviewFile.objects.select_related("review"), pk=pk)
    if not permissions.can_read_reviews_in_full(request.user, stored.review.partnership_id):
        raise Http404
    response = FileResponse(
        default_storage.open(stored.stored_as, "rb"),
        as_attachment=True,
        filename=stored.file_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in RecommendationStatus.values:
        status = ""
    data = selectors.dashboard(
        request.user,
        review_id=_int(request.GET.get("review")),
        agency_id=_int(request.GET.get("agency")),
        status=status,
    )
    return render(
        request,
        "reviews/dashboard.html",
        {
            **data,
            "statuses": RecommendationStatus.choices,
            "status": status,
            "disseminations": selectors.disseminations(request.user),
        },
    )


@require_GET
def codebook(request: HttpRequest) -> HttpResponse:
    themes = CodebookTheme.objects.select_related("parent").order_by("parent__code", "code")
    return render(
        request,
        "reviews/codebook.html",
        {
            "tree": [
                (root, [t for t in themes if t.parent_id == root.pk])
                for root in themes
                if root.parent_id is None
            ],
            "quality": assist.quality(assist.current()),
            "can_edit": permissions.can_edit_codebook(request.user),
        },
    )
