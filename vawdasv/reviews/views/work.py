"""Changing reviews: record one, upload its report (the personal-data scan asks for a
confirmation), code its sentences with suggestions, keep its recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vawdasv.core.form_errors import add_validation_errors, posted, saved
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans import progress_summary
from vawdasv.plans.models import Action, Commitment
from vawdasv.reviews import groups, selectors, services
from vawdasv.reviews.enums import CodingState, PassageKind
from vawdasv.reviews.forms import (
    RecommendationForm,
    RecommendationUpdateForm,
    ReportUploadForm,
    ReviewForm,
    TrackInRoundsForm,
)
from vawdasv.reviews.models import CodebookTheme, Coding, Passage, Recommendation, Review

SENTENCES_PER_PAGE = 25


def _detail(review: Review) -> str:
    return reverse("reviews:detail", kwargs={"pk": review.pk})


def _managed(request: HttpRequest, pk: int) -> Review:
    review = selectors.get_review(request.user, pk)
    if not permissions.can_manage_reviews(request.user, review.partnership_id):
        raise PermissionDenied
    return review


@login_required
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_manage_reviews(request.user, partnership.pk):
        raise PermissionDenied
    form = ReviewForm(posted(request))
    form.fields["agencies"].queryset = partnership.organisations.all()  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            review = services.create_review(
                actor=request.user, partnership=partnership, data=form.service_data(),
                agencies=form.cleaned_data["agencies"],
            )  # fmt: skip
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Review recorded"))
            return redirect("reviews:detail", pk=review.pk)
    return render(
        request, "reviews/review_form.html", {"form": form, "partnership": partnership},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    review = _managed(request, pk)
    files = request.FILES if request.method == "POST" else None
    form = ReportUploadForm(posted(request), files)
    findings: list[object] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        confirmed = form.cleaned_data["confirmed_sha256"] if form.cleaned_data["confirm"] else ""
        try:
            services.add_review_file(
                actor=request.user, review=review, document=form.cleaned_data["document"],
                language=form.cleaned_data["language"], name=form.cleaned_data["file"].name,
                data=data, confirmed_sha256=confirmed,
            )  # fmt: skip
        except services.NeedsConfirmation as warning:
            findings = list(warning.findings)
            # A fresh form: the person sends a corrected file, or this one again with the box
            # ticked (the hash ties the confirmation to these very bytes).
            form = ReportUploadForm(
                initial={
                    "document": form.cleaned_data["document"],
                    "language": form.cleaned_data["language"],
                    "confirmed_sha256": warning.sha256,
                }
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Report kept. Themes will be suggested shortly."))
            return redirect("reviews:detail", pk=review.pk)
    return render(
        request, "reviews/upload.html", {"form": form, "review": review, "findings": findings},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET"])
def code(request: HttpRequest, pk: int) -> HttpResponse:
    review = _managed(request, pk)
    sentences = Passage.objects.filter(review=review, kind=PassageKind.SENTENCE).order_by(
        "source_id", "position"
    )
    page = Paginator(sentences, SENTENCES_PER_PAGE).get_page(request.GET.get("page"))
    codings = Coding.objects.filter(passage__in=list(page.object_list)).select_related("theme")
    by_passage: dict[int, list[Coding]] = {}
    for coding in codings.order_by("-confidence"):
        by_passage.setdefault(coding.passage_id or 0, []).append(coding)
    return render(
        request,
        "reviews/code.html",
        {
            "review": review,
            "page": page,
            "rows": [(p, by_passage.get(p.pk, [])) for p in page.object_list],
            "themes": CodebookTheme.objects.filter(parent__isnull=False).order_by("code"),
            "states": CodingState,
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    coding = get_object_or_404(Coding.objects.select_related("passage"), pk=pk)
    if coding.passage is None:
        raise PermissionDenied
    accept = request.POST.get("accept") == "1"
    services.decide(actor=request.user, coding=coding, accept=accept)
    messages.success(request, _("Theme accepted") if accept else _("Theme rejected"))
    page = selectors_int(request.POST.get("page"))
    return redirect(f"{_code_url(coding)}?page={page}" if page else _code_url(coding))


def _code_url(coding: Coding) -> str:
    return reverse("reviews:code", kwargs={"pk": coding.passage.review_id})  # type: ignore[union-attr]


@login_required
@require_POST
def add_code(request: HttpRequest, pk: int) -> HttpResponse:
    passage = get_object_or_404(Passage, pk=pk)
    theme_pk = selectors_int(request.POST.get("theme"))
    theme = CodebookTheme.objects.filter(pk=theme_pk).first() if theme_pk else None
    if theme is None:
        messages.error(request, _("Choose a theme"))
    else:
        services.apply_code(actor=request.user, theme=theme, passage=passage)
        messages.success(request, _("Theme added"))
    return redirect(reverse("reviews:code", kwargs={"pk": passage.review_id}))


def selectors_int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    review = _managed(request, pk)
    form = RecommendationForm(posted(request))
    organisations = review.partnership.organisations.all()
    form.fields["agencies"].queryset = organisations  # type: ignore[attr-defined]
    form.fields["owner_organisation"].queryset = organisations  # type: ignore[attr-defined]
    done = saved(
        request, form,
        lambda: services.create_recommendation(
            actor=request.user, review=review, data=form.service_data(),
            agencies=form.cleaned_data["agencies"],
        ),
        _("Recommendation added"), _detail(review),
    )  # fmt: skip
    return done or render(
        request, "reviews/recommendation_form.html", {"form": form, "review": review},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _action_progress(
    request: HttpRequest, recommendation: Recommendation
) -> progress_summary.ActionProgress | None:
    """The latest approved progress-round update of the action tracking the recommendation,
    as plan pages show it (plans.progress_summary: progress registers it; it shows only what
    this reader may see of the partnership's progress)."""
    action = recommendation.action
    if action is None:
        return None
    strategy = action.commitment.theme.strategy
    return progress_summary.summaries(request.user, strategy, [action]).get(action.pk)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related(
            "review", "action__commitment__theme__strategy", "owner_organisation"
        ),
        pk=pk,
    )
    review = selectors.get_review(request.user, recommendation.review_id)
    pid = review.partnership_id
    can_update = permissions.can_update_recommendation(request.user, recommendation, pid)
    can_manage = permissions.can_manage_reviews(request.user, pid)
    update_form = RecommendationUpdateForm(
        posted(request) if request.POST.get("form") == "update" else None,
        initial={"status": recommendation.status, "rag": recommendation.rag},
    )
    track_form = TrackInRoundsForm(
        posted(request) if request.POST.get("form") == "track" else None,
        commitments=Commitment.objects.filter(theme__strategy__partnership_id=pid).select_related(
            "theme__strategy"
        ),
        actions=Action.objects.filter(commitment__theme__strategy__partnership_id=pid).order_by(
            "commitment__theme__strategy_id", "pk"
        ),
    )
    here = reverse("reviews:recommendation", kwargs={"pk": recommendation.pk})

    def add_update() -> None:
        if not can_update:
            raise PermissionDenied
        services.add_recommendation_update(
            actor=request.user, recommendation=recommendation, **update_form.cleaned_data
        )

    def track() -> None:
        if not can_manage:
            raise PermissionDenied
        services.track_in_rounds(
            actor=request.user, recommendation=recommendation,
            action=track_form.cleaned_data["action"],
            commitment=track_form.cleaned_data["commitment"],
        )  # fmt: skip

    # Only the form that was sent is bound; the other is not valid, so `saved` passes it by.
    done = saved(request, update_form, add_update, _("Update saved"), here) or saved(
        request, track_form, track,
        _("Tracked in progress rounds: the action's lead officer reports on it"), here,
    )  # fmt: skip
    if done:
        return done
    progress = _action_progress(request, recommendation)
    return render(
        request,
        "reviews/recommendation_detail.html",
        {
            "review": review, "recommendation": recommendation,
            "updates": recommendation.updates.select_related("written_by"),
            "update_form": update_form if can_update else None,
            "track_form": track_form if can_manage and not recommendation.action_id else None,
            "progress": progress,
        },
        status=400 if update_form.errors or track_form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Add or edit a codebook theme: the learning panel (any partnership's) and superusers."""
    from vawdasv.audit.kernel import ConcurrentEditError
    from vawdasv.reviews.forms import CodebookThemeForm

    if not permissions.can_edit_codebook(request.user):
        raise PermissionDenied
    theme = get_object_or_404(CodebookTheme, code=code) if code else None
    form = CodebookThemeForm(posted(request), instance=theme)

    def write() -> None:
        if theme is None:
            services.create_theme(actor=request.user, data=form.service_data())
        else:
            services.update_theme(
                actor=request.user, theme=theme, data=form.service_data(),
                expected_version=form.cleaned_data.get("version"),
            )  # fmt: skip

    done = saved(request, form, write, _("Codebook saved"), "reviews:codebook", ConcurrentEditError)
    return done or render(
        request, "reviews/theme_form.html", {"form": form, "theme": theme},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    from vawdasv.audit.kernel import ConcurrentEditError

    review = _managed(request, pk)
    form = ReviewForm(posted(request), instance=review)
    form.fields["agencies"].queryset = review.partnership.organisations.all()  # type: ignore[attr-defined]
    done = saved(
        request, form,
        lambda: services.update_review(
            actor=request.user, review=review, data=form.service_data(),
            agencies=form.cleaned_data["agencies"],
            expected_version=_int_or_none(request.POST.get("version")),
        ),
        _("Review saved"), _detail(review), ConcurrentEditError,
    )  # fmt: skip
    return done or render(
        request, "reviews/review_form.html",
        {"form": form, "partnership": review.partnership, "review": review},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _int_or_none(value: str | None) -> int | None:
    return selectors_int(value)


@login_required
@require_http_methods(["GET", "POST"])
def dissemination_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Record which learning briefing went to which group, course or partner, and when."""
    from vawdasv.reviews.forms import DisseminationForm

    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_manage_reviews(request.user, partnership.pk):
        raise PermissionDenied
    form = DisseminationForm(posted(request), groups=groups.groups_of(partnership.pk))
    form.fields["reviews"].queryset = Review.objects.filter(partnership=partnership)  # type: ignore[attr-defined]
    done = saved(
        request, form,
        lambda: services.record_dissemination(
            actor=request.user, partnership=partnership, **form.service_data()
        ),
        _("Dissemination recorded"), "reviews:dashboard",
    )  # fmt: skip
    return done or render(
        request, "reviews/dissemination_form.html", {"form": form, "partnership": partnership},
        status=400 if form.errors else 200,
    )  # fmt: skip
