"""The progress report page, its downloads, and the reports made in the background.

Members of the partnership (and national observers) read it, as they read the rounds. The HTML
page is fast and made while the request waits. The .docx and .pdf are asked for with a POST that
creates a `ReportJob` and leads to the job's page, which says how far it has got and offers the
file when it is ready (a 500-action PDF takes tens of seconds: see benchmarks/reports.py). The
older GET downloads still make the file while the request waits, for scripts and bookmarks.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from vawdasv.lib.bilingual import current_language, read
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Organisation
from vawdasv.plans.models import Strategy, Theme
from vawdasv.progress import selectors
from vawdasv.progress.enums import ReportJobState
from vawdasv.progress.models import IssuedReport, IssuedReportFile, ReportJob
from vawdasv.progress.report import FORMATS, file_name, issuing, jobs
from vawdasv.progress.report import html as report_html
from vawdasv.progress.report import render as render_report
from vawdasv.progress.report.data import ProgressReport, gather
from vawdasv.progress.report.forms import ReportForm, initial_data
from vawdasv.progress.translation.strings import counts as strings_counts
from vawdasv.progress.translation.strings import strategy_strings

DOWNLOADS = ("docx", "pdf", "html")
FIELDS = ("period", "lang", "theme", "lead")
SHOW = "show"  # the "Show report" button of the one form the report page has


def _form(request: HttpRequest, strategy: Strategy, source: QueryDict | None = None) -> ReportForm:
    source = request.GET if source is None else source
    data = QueryDict(mutable=True)
    data.update(initial_data(strategy, current_language()))
    for name in FIELDS:
        if name in source:
            data[name] = str(source[name])
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
    context.update(report_html.context(report))
    context["recent_jobs"] = job_views(jobs.recent_jobs_for(request.user, strategy))
    context["issued_reports"] = issuing.issued_reports(strategy)
    context["can_issue"] = permissions.can_issue_reports(request.user, strategy.partnership_id)
    if context["can_issue"]:
        context["translation_progress"] = _translation_progress(strategy, form)
    return render(request, "progress/report/page.html", context)


def _translation_progress(strategy: Strategy, form: ReportForm) -> str:
    """How much of the whole report is still untranslated, in each edition, before issuing."""
    lines = []
    for language in ("cy", "en"):
        edition = gather(strategy, form.reporting_period, language=language)
        if edition.untranslated:
            lines.append(
                _("%(language)s edition: %(count)s texts not yet translated.")
                % {"language": _language_name(language), "count": edition.untranslated}
            )
    changed = strings_counts(strategy_strings(strategy)).english_changed
    if changed:
        lines.append(
            ngettext(
                "%(count)s Welsh text of the plan, its updates or its reports was written for "
                "English that has changed since.",
                "%(count)s Welsh texts of the plan, its updates or its reports were written for "
                "English that has changed since.",
                changed,
            )
            % {"count": changed}
        )
    return " ".join(lines) or _("Every text in the report is in both English and Welsh.")


@login_required
@require_POST
def report_issue(request: HttpRequest, slug: str) -> HttpResponse:
    """Freeze the period's report (both languages, every format) as its next issued version."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    period = str(request.POST.get("period", ""))
    try:
        issued = issuing.issue_report(actor=request.user, strategy=strategy, period_label=period)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect(reverse("progress:report", kwargs={"slug": strategy.slug}))
    messages.success(
        request,
        _("Version %(version)s of the %(period)s report has been issued.")
        % {"version": issued.version, "period": issued.period_label},
    )
    query = urlencode({"period": issued.period_label})
    return redirect(reverse("progress:report", kwargs={"slug": strategy.slug}) + f"?{query}#issued")


@login_required
@require_POST
def report_issued_public(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Put an issued report on the public pages, or take it off (the regional team)."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    issued = get_object_or_404(IssuedReport.objects.select_related("strategy"), pk=pk,
                               strategy=strategy)  # fmt: skip
    public = request.POST.get("public") == "1"
    issuing.set_public(actor=request.user, issued=issued, public=public)
    said = (
        _("The %(period)s report, version %(version)s, is on the public pages.")
        if public
        else _("The %(period)s report, version %(version)s, is no longer on the public pages.")
    )
    messages.success(request, said % {"period": issued.period_label, "version": issued.version})
    query = urlencode({"period": issued.period_label})
    return redirect(reverse("progress:report", kwargs={"slug": strategy.slug}) + f"?{query}#issued")


def _issued_file_response(stored: IssuedReportFile) -> FileResponse:
    """An issued file as it was stored, as a download; a file gone from storage is a 404."""
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as gone:
        raise Http404 from gone
    return FileResponse(
        handle, as_attachment=True, filename=stored.file_name,
        content_type=issuing.content_type(stored),
    )  # fmt: skip


def public_issued_file(request: HttpRequest, pk: int) -> FileResponse:
    """A file of an issued report the regional team put on the public pages, for anyone."""
    return _issued_file_response(issuing.public_issued_file(pk))


@login_required
@require_GET
def report_issued_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """An issued file exactly as it was stored, for every member, for as long as it is kept."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    return _issued_file_response(issuing.issued_file(strategy, pk))


@login_required
def report_download(
    request: HttpRequest, slug: str, format_name: str
) -> HttpResponse | FileResponse:
    """The file made while the request waits (kept for scripts and saved links)."""
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


# Reports made in the background ------------------------------------------------------------


@login_required
@require_POST
def report_job_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for the .docx or .pdf; redirects to the job's page (a refresh never asks twice)."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    format_name = request.POST.get("format", "")
    if format_name not in (*jobs.JOB_FORMATS, SHOW):
        raise Http404
    form = _form(request, strategy, request.POST)
    if not form.is_valid():
        return render(
            request, "progress/report/page.html", {"strategy": strategy, "form": form}, status=400
        )
    if format_name == SHOW:
        # The choices and the downloads are one form, so a download always uses the options
        # on screen; "Show report" comes back to the page's own (shareable) address.
        chosen = {name: form.data.get(name, "") for name in FIELDS}
        url = reverse("progress:report", kwargs={"slug": strategy.slug})
        return redirect(f"{url}?{urlencode(chosen)}")
    job = jobs.request_report(
        actor=request.user,
        strategy=strategy,
        period=form.cleaned_data["period"],
        format=format_name,
        language=form.cleaned_data["lang"],
        filters=form.filters,
    )
    return redirect("progress:report-job", slug=strategy.slug, pk=job.pk)


@login_required
@require_GET
def report_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    job = jobs.get_report_job_for_user(request.user, slug, pk)
    context = {"strategy": job.strategy, "job": job_views([job])[0]}
    return render(request, "progress/report/job.html", context)


@login_required
@require_GET
def report_job_status(request: HttpRequest, slug: str, pk: int) -> JsonResponse:
    """What the job page's script shows, in the page's language."""
    job = job_views([jobs.get_report_job_for_user(request.user, slug, pk)])[0]
    response = JsonResponse(
        {
            "state": job.state,
            "state_label": job.state_label,
            "message": job.message,
            "tag_class": job.tag_class,
            "finished": job.finished,
            "file_url": job.file_url if job.state == ReportJobState.DONE else "",
            "error": job.error,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def report_job_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    job = jobs.get_report_job_for_user(request.user, slug, pk)
    if job.state != ReportJobState.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as gone:
        raise Http404 from gone
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.file_name,
        content_type=jobs.content_type(job),
    )


class FilterNames:
    """The themes and lead organisations the listed jobs were filtered by, fetched together.

    The report page lists several jobs and the job page's status is asked for every 2 seconds,
    so naming each job's filters with its own queries would add up.
    """

    def __init__(self, listed: list[ReportJob]) -> None:
        theme_ids = {job.filters.get("theme") for job in listed if job.filters}
        lead_ids = {job.filters.get("lead") for job in listed if job.filters}
        theme_ids.discard(None)
        lead_ids.discard(None)
        self.themes: dict[tuple[int, int], Theme] = {}
        if theme_ids:
            for theme in Theme.objects.filter(pk__in=theme_ids):
                self.themes[(theme.strategy_id, theme.pk)] = theme
        self.leads: dict[int, Organisation] = (
            Organisation.objects.in_bulk(list(lead_ids)) if lead_ids else {}
        )


def job_views(listed: list[ReportJob]) -> list[JobView]:
    """The jobs as pages show them, naming their filters with one query per kind of filter."""
    names = FilterNames(listed)
    return [JobView(job, names) for job in listed]


class JobView:
    """A job as its page and the report page's list show it, in the page's language.

    Build them with `job_views`, which fetches the filters' names for all the jobs at once.
    """

    def __init__(self, job: ReportJob, names: FilterNames) -> None:
        self.job = job
        self.pk = job.pk
        self.state = job.state
        self.state_label = str(ReportJobState(job.state).label)
        self.finished = job.state in (ReportJobState.DONE, ReportJobState.FAILED)
        self.error = job.error
        self.format_label = _format_label(job.format)
        self.period_label = job.period_label
        self.language = job.language
        self.language_name = _language_name(job.language)
        self.filters_text = _filters_text(job, names)
        self.created_at = job.created_at
        self.file_name = job.file_name
        slug = job.strategy.slug
        self.url = reverse("progress:report-job", kwargs={"slug": slug, "pk": job.pk})
        self.status_url = reverse("progress:report-job-status", kwargs={"slug": slug, "pk": job.pk})
        self.file_url = reverse("progress:report-job-file", kwargs={"slug": slug, "pk": job.pk})
        self.retry = {
            "period": job.period_label,
            "lang": job.language,
            "theme": (job.filters or {}).get("theme") or "",
            "lead": (job.filters or {}).get("lead") or "",
            "format": job.format,
        }
        self.report_query = urlencode({k: v for k, v in self.retry.items() if k != "format"})
        self.message = _message(job)

    @property
    def tag_class(self) -> str:
        return {
            ReportJobState.QUEUED: "govuk-tag--grey",
            ReportJobState.RUNNING: "govuk-tag--blue",
            ReportJobState.DONE: "govuk-tag--green",
            ReportJobState.FAILED: "govuk-tag--red",
        }.get(ReportJobState(self.state), "")


def _format_label(format_name: str) -> str:
    return _("Word document (.docx)") if format_name == "docx" else _("PDF document (.pdf)")


def _language_name(code: str) -> str:
    return {"en": _("English"), "cy": _("Welsh")}.get(code, code)


def _message(job: ReportJob) -> str:
    """One sentence for the live region: what is happening now."""
    if job.state == ReportJobState.QUEUED:
        return _("Your report is waiting to start.")
    if job.state == ReportJobState.RUNNING:
        stage = jobs.stage_label(job)
        if stage:
            return _("Your report is being made. Stage: %(stage)s.") % {"stage": stage}
        return _("Your report is being made.")
    if job.state == ReportJobState.DONE:
        return _("Your report is ready to download.")
    return _("Your report could not be made.")


def _filters_text(job: ReportJob, names: FilterNames) -> list[str]:
    """The filters in words ("Theme: PREPARE"), naming things in the page's language."""
    stored = job.filters or {}
    lines = []
    theme_id, lead_id = stored.get("theme"), stored.get("lead")
    # Keyed by strategy too: a theme of another strategy is never named on this one's job.
    theme = names.themes.get((job.strategy_id, theme_id)) if theme_id else None
    if theme is not None:
        lines.append(_("Theme: %(name)s") % {"name": read(theme, "name").text})
    lead = names.leads.get(lead_id) if lead_id else None
    if lead is not None:
        lines.append(_("Lead organisation: %(name)s") % {"name": read(lead, "name").text})
    return lines
