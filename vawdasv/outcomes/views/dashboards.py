"""The dashboard of headline data (members) and the public dashboard (published figures)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vawdasv.lib import markup
from vawdasv.lib.bilingual import read
from vawdasv.ops.exports import request_export
from vawdasv.outcomes import all_wales as all_wales_figures
from vawdasv.outcomes import dashboard, downloads, geography, selectors
from vawdasv.outcomes.forms import DownloadForm
from vawdasv.outcomes.models import Indicator, Publication
from vawdasv.outcomes.services import publication
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership

HEADLINES_PER_PAGE = 10
ALL_WALES_LINES_PER_PAGE = 20


@login_required
def headline_data(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = selectors.get_partnership_for_member(request.user, slug)
    theme = request.GET.get("theme", "")
    chosen = dashboard.selection(partnership, request.GET.get("area", partnership.slug), theme)
    areas, geo = chosen.areas, chosen.geo
    # Only the page's indicators are worked out and drawn: the queries and the page stay the
    # same size however large the framework grows.
    page = Paginator(chosen.indicators, HEADLINES_PER_PAGE).get_page(request.GET.get("page"))
    headlines = dashboard.headlines(list(page.object_list), partnership.slug, chosen.codes, geo)
    themes = {t.pk: str(read(t, "name")) for t in selectors.indicator_themes(partnership)}
    query = request.GET.copy()
    query.pop("page", None)
    form = DownloadForm(initial={"language": request.LANGUAGE_CODE, "area": geo, "theme": theme})
    return render(
        request,
        "outcomes/dashboard.html",
        {
            "partnership": partnership,
            "headlines": headlines,
            "page": page,
            "query": query.urlencode(),
            "areas": [(a.code, str(read(a, "name"))) for a in areas],
            "area": geo,
            "themes": sorted(themes.items(), key=lambda item: item[1]),
            "theme": theme,
            "missing": dashboard.missing_returns(partnership.pk),
            "chart": {
                "width": dashboard.CHART_WIDTH,
                "height": dashboard.CHART_HEIGHT,
                "axis": dashboard.CHART_HEIGHT - dashboard.CHART_PAD,
            },
            "download_form": form,
            "can_publish": permissions.can_publish_outcomes(request.user, partnership.pk),
        },
    )


@login_required
@require_POST
def download_request(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for a download of the dashboard as shown; a worker makes the file."""
    partnership = selectors.get_partnership_for_member(request.user, slug)
    form = DownloadForm(request.POST)
    if not form.is_valid():
        return redirect("outcomes:dashboard", slug=partnership.slug)
    data = form.cleaned_data
    job = request_export(
        user=request.user,
        kind=downloads.KIND,
        params={
            "slug": partnership.slug,
            "format": data["format"],
            "area": str(data["area"] or "")[:40],
            "theme": str(data["theme"] or "")[:40],
        },
        language=data["language"],
    )
    return redirect("core:export", token=job.token)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Publish an indicator's approved figures for a period, after disclosure control."""
    partnership = selectors.get_partnership_for_member(request.user, slug)
    if not permissions.can_publish_outcomes(request.user, partnership.pk):
        raise PermissionDenied
    indicator = get_object_or_404(Indicator, pk=pk, partnership=partnership)
    period = request.POST.get("period", "")[:20]
    try:
        publication.publish(actor=request.user, indicator=indicator, period_label=period)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(indicator)s for %(period)s published after disclosure control.")
            % {"indicator": read(indicator, "name"), "period": period},
        )
    return redirect("outcomes:dashboard", slug=partnership.slug)


@login_required
def all_wales(request: HttpRequest) -> HttpResponse:
    """Each indicator across the six regions and Wales for one quarter (see outcomes.all_wales),
    filtered by theme, quarter and region."""
    if not permissions.can_view_all_wales_outcomes(request.user):
        raise PermissionDenied
    everyone = all_wales_figures.regions(permissions.all_wales_partnerships(request.user))
    region = request.GET.get("region", "")
    shown_partnerships = [p for p in everyone if p.slug == region] or everyone
    quarters = all_wales_figures.periods(request.user, everyone)
    period = request.GET.get("period", "")
    if period not in quarters:
        period = quarters[0] if quarters else ""
    theme = request.GET.get("theme", "").strip()[:100]
    # A page of indicator codes first: only its figures are worked out and drawn.
    codes = all_wales_figures.codes(request.user, shown_partnerships, period, theme)
    page = Paginator(codes, ALL_WALES_LINES_PER_PAGE).get_page(request.GET.get("page"))
    found = all_wales_figures.lines(
        request.user, shown_partnerships, period, theme, only=list(page.object_list)
    )
    query = request.GET.copy()
    query.pop("page", None)
    # Wales is the sum of every region: only when every region is a column.
    whole = len(shown_partnerships) == (
        len(everyone)  # a reader of everything was given every region: no need to count
        if permissions.reads_everything(request.user)
        else len(all_wales_figures.regions(Partnership.objects.all()))
    )
    rows = []
    for line in found:
        # The rows made here: a template loop over the table's rows and cells cost about a
        # millisecond a request (profiled).
        cells = line.shown_cells(shown_partnerships)
        if whole:
            cells.append(dashboard.shown(line.wales(shown_partnerships)))
        rows.append(markup.table_row(line.name, line.code, cells))
    return render(
        request,
        "outcomes/all_wales.html",
        {
            "partnerships": shown_partnerships,
            "everyone": everyone,
            "region": region,
            "quarters": markup.options(((q, q) for q in quarters), period),
            "period": period,
            "theme": theme,
            "rows": markup.joined(rows),
            "whole": whole,
            "page": page,
            "query": query.urlencode(),
        },
    )


def public(request: HttpRequest, slug: str) -> HttpResponse:
    """Published, disclosure-controlled figures only: open to everyone."""
    partnership = get_object_or_404(Partnership, slug=slug)
    latest: dict[int, Publication] = {}
    for item in Publication.objects.filter(indicator__partnership=partnership).select_related(
        "indicator__numerator"
    ):
        if (
            item.indicator_id not in latest
            or item.period_start > latest[item.indicator_id].period_start
        ):
            latest[item.indicator_id] = item
    whole, *parts = geography.dashboard_areas(partnership)  # authorities, then wider areas
    tables = []
    for item in sorted(latest.values(), key=lambda p: p.indicator.code):
        figures = list(
            item.figures.select_related("category__category_set").prefetch_related(
                "category__labels"
            )
        )
        columns: list[tuple[int | None, str]] = [(None, "")]
        for f in figures:
            if f.category is not None and (f.category_id, "") not in [(c, "") for c, _l in columns]:
                label = f.category.label_on(item.period_start)
                columns.append(
                    (f.category_id, str(read(label, "label")) if label else f.category.code)
                )
        rows = []
        for area in [*parts, whole]:
            cells = {f.category_id: f for f in figures if f.geo_code == area.code}
            if not cells:
                continue
            rows.append((str(read(area, "name")), [cells.get(c) for c, _l in columns]))
        tables.append({"publication": item, "columns": columns, "rows": rows})
    return render(
        request,
        "outcomes/public.html",
        {"partnership": partnership, "tables": tables},
    )
