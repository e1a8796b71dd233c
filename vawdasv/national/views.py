"""Pages of the national app: bulk alignment, the all-Wales view and its drill-down."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vawdasv.lib.bilingual import read
from vawdasv.national import rollup, services
from vawdasv.national.alignment import alignment_page
from vawdasv.national.forms import (
    AlignmentForm,
    AllWalesFilterForm,
    NationalReportForm,
    commitment_field,
)
from vawdasv.national.models import NationalReport
from vawdasv.national.report import jobs as report_jobs
from vawdasv.ops import queue
from vawdasv.partnerships import permissions
from vawdasv.plans import selectors as plan_selectors
from vawdasv.plans.models import Strategy
from vawdasv.progress.public import ProgressRound, ProgressUpdate, UpdateState
from vawdasv.reference.models import FrameworkItem


@login_required
def align(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = plan_selectors.get_strategy_for_user(request.user, slug)
    if not permissions.can_align_plans(request.user, strategy.partnership_id):
        raise PermissionDenied
    page = alignment_page(strategy)
    form = AlignmentForm(request.POST or None, page=page)
    if request.method == "POST" and form.is_valid():
        changed = services.align_plan(
            actor=request.user,
            strategy=strategy,
            choices=form.choices(),
            own=set(form.cleaned_data["own"]),
        )
        messages.success(
            request,
            _("Alignment saved: %(count)s commitments changed.") % {"count": changed},
        )
        return redirect("national:align", slug=strategy.slug)
    rows = [(row, commitment_field(row.commitment.pk)) for row in page.rows]
    return render(
        request,
        "national/align.html",
        {"strategy": strategy, "page": page, "rows": rows, "form": form},
    )


def _scope(request: HttpRequest) -> tuple[AllWalesFilterForm, rollup.Scope]:
    if not permissions.can_view_all_wales(request.user):
        raise PermissionDenied
    partnerships = permissions.all_wales_partnerships(request.user)
    years = rollup.years_with_rounds(permissions.all_wales_strategies(request.user))
    form = AllWalesFilterForm(request.GET or None, partnerships=partnerships, years=years)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    scope = rollup.scope_for(
        request.user,
        framework=data.get("framework"),
        year=data.get("year"),
        region=data.get("region"),
        lead=data.get("lead", ""),
        theme=data.get("theme", ""),
    )
    return form, scope


def _kept(
    request: HttpRequest, body_template: str, make: Callable[[], tuple[str, dict[str, Any]]]
) -> dict[str, str]:
    """The page's title and body for this kind of reader, address and language: the same for
    all of them until an audit entry is written (rollup.page_key), so kept whole; `make` (the
    scope, the roll-up, the form) runs only when it is not kept."""
    key = rollup.page_key(
        permissions.all_wales_reader(request.user), request.get_full_path(), get_language()
    )
    page = cache.get(key)
    if not isinstance(page, dict):
        title, context = make()
        page = {"title": title, "body": render_to_string(body_template, context, request)}
        cache.set(key, page, rollup.CACHE_SECONDS)
    return page


def _shown(request: HttpRequest, template: str, page: dict[str, str]) -> HttpResponse:
    return render(
        request,
        template,
        # our own template's output, escaped when it was rendered
        {"title": page["title"], "body": mark_safe(page["body"]), "query": request.GET.urlencode()},
    )


@login_required
def all_wales(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_all_wales(request.user):
        raise PermissionDenied

    def make() -> tuple[str, dict[str, Any]]:
        form, scope = _scope(request)
        title = f"{_('All Wales')} – {read(scope.framework, 'name')} – {scope.label}"
        return title, {
            "form": form,
            "result": rollup.roll_up(scope),
            "scope": scope,
            "query": request.GET.urlencode(),
            "can_issue": permissions.can_issue_national_report(request.user),
        }

    page = _kept(request, "national/includes/all_wales_body.html", make)
    return _shown(request, "national/all_wales.html", page)


@login_required
def drill_down(request: HttpRequest, item_pk: int, partnership_slug: str) -> HttpResponse:
    if not permissions.can_view_all_wales(request.user):
        raise PermissionDenied

    def make() -> tuple[str, dict[str, Any]]:
        _form, scope = _scope(request)
        partnership = next((p for p in scope.partnerships if p.slug == partnership_slug), None)
        if partnership is None:
            raise Http404
        item = get_object_or_404(FrameworkItem.objects.select_related("framework"), pk=item_pk)
        title = f"{read(partnership, 'name')} – {item.code} – {_('All Wales')}"
        return title, {
            "scope": scope,
            "item": item,
            "partnership": partnership,
            "rows": rollup.drill_down(scope, item, partnership),
            "query": request.GET.urlencode(),
        }

    page = _kept(request, "national/includes/drill_down_body.html", make)
    return _shown(request, "national/drill_down.html", page)


def _ids(request: HttpRequest, name: str) -> set[int]:
    values = request.POST.getlist(name)
    if not all(v.isdigit() for v in values):
        raise Http404
    return {int(v) for v in values}


@login_required
def marks(request: HttpRequest, pk: int) -> HttpResponse:
    """The regional team ticks approved updates of a round as highlights for the national
    report and as public on the transparency pages."""
    progress_round = get_object_or_404(ProgressRound.objects.select_related("strategy"), pk=pk)
    if not permissions.can_mark_updates(request.user, progress_round.strategy.partnership_id):
        raise PermissionDenied
    if request.method == "POST":
        try:
            changed = services.mark_round(
                actor=request.user,
                progress_round=progress_round,
                highlights=_ids(request, "highlight"),
                public=_ids(request, "public"),
            )
        except services.AlignmentError:
            messages.error(request, _("Only approved updates of this round can be marked."))
        else:
            messages.success(
                request, _("Marks saved: %(count)s updates changed.") % {"count": changed}
            )
        return redirect("national:marks", pk=progress_round.pk)
    updates = (
        ProgressUpdate.objects.filter(progress_round=progress_round, state=UpdateState.APPROVED)
        .select_related("action", "national_mark")
        .order_by("action__commitment__theme__order", "action__commitment__order", "action__order")
    )
    return render(
        request, "national/marks.html", {"progress_round": progress_round, "updates": updates}
    )


@login_required
def national_report(request: HttpRequest) -> HttpResponse:
    """National observers issue the annual report for a year, in English or Welsh."""
    if not permissions.can_issue_national_report(request.user):
        raise PermissionDenied
    years = rollup.years_with_rounds(Strategy.objects.published())
    form = NationalReportForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        report_jobs.issue(
            actor=request.user,
            year=form.cleaned_data["year"],
            language=form.cleaned_data["language"],
            format=form.cleaned_data["format"],
        )
        messages.success(request, _("The report is being made. It is listed below when issued."))
        return redirect("national:report")
    reports = list(NationalReport.objects.all()[:30])
    for report in reports:
        # An issue whose task nobody will run any more says so, rather than waiting for ever.
        queue.give_up_if_lost(
            report, (NationalReport.State.QUEUED,), NationalReport.State.FAILED, error="WorkerLost"
        )
    return render(request, "national/report.html", {"form": form, "reports": reports})


def national_report_download(request: HttpRequest, pk: int) -> FileResponse:
    """An issued report, frozen, for anyone (it is a published document)."""
    report = get_object_or_404(NationalReport, pk=pk, state=NationalReport.State.DONE)
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file_name)
