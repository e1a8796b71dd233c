"""The progress report page and its .docx and .pdf downloads.

Members of the partnership (and national observers) read it, as they read the rounds. The
files are made while the request waits. The page and the .docx take well under a second for a
70-action plan, but the PDF takes about 2 s of CPU for 70 actions and tens of seconds for 500
(see benchmarks/reports.py): large plans will need a background job with a link when ready.
"""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.http import urlencode

from vawdasv.lib.bilingual import current_language
from vawdasv.plans.models import Strategy
from vawdasv.progress import selectors
from vawdasv.progress.report import FORMATS, file_name
from vawdasv.progress.report import html as report_html
from vawdasv.progress.report import render as render_report
from vawdasv.progress.report.data import ProgressReport, gather
from vawdasv.progress.report.forms import ReportForm, initial_data

DOWNLOADS = ("docx", "pdf", "html")
FIELDS = ("period", "lang", "theme", "lead")


def _form(request: HttpRequest, strategy: Strategy) -> ReportForm:
    data = QueryDict(mutable=True)
    data.update(initial_data(strategy, current_language()))
    for name in FIELDS:
        if name in request.GET:
            data[name] = request.GET[name]
    return ReportForm(data, strategy=strategy)


def _report(form: ReportForm, strategy: Strategy) -> ProgressReport:
    return gather(
        strategy,
        form.reporting_period,
        language=form.cleaned_data["lang"],
        filters=form.filters,
    )


@login_required
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.get_strategy_for_member(request.user, slug)
    form = _form(request, strategy)
    context: dict[str, object] = {"strategy": strategy, "form": form}
    if not form.is_valid():
        return render(request, "progress/report/page.html", context, status=400)
    report = _report(form, strategy)
    query = urlencode({name: form.data.get(name, "") for name in FIELDS})
    context.update(report_html.context(report))
    context["downloads"] = [(name, query) for name in ("docx", "pdf")]
    return render(request, "progress/report/page.html", context)


@login_required
def report_download(
    request: HttpRequest, slug: str, format_name: str
) -> HttpResponse | FileResponse:
    if format_name not in DOWNLOADS:
        raise Http404
    strategy = selectors.get_strategy_for_member(request.user, slug)
    form = _form(request, strategy)
    if not form.is_valid():
        return render(
            request, "progress/report/page.html", {"strategy": strategy, "form": form}, status=400
        )
    report = _report(form, strategy)
    return FileResponse(
        io.BytesIO(render_report(report, format_name)),
        as_attachment=True,
        filename=file_name(report, format_name),
        content_type=FORMATS[format_name].content_type,
    )
