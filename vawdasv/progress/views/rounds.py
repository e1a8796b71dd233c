"""Progress rounds of a strategy: the list, opening, the round page, closing and reopening."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vawdasv.core.form_errors import add_validation_errors, posted
from vawdasv.partnerships import permissions
from vawdasv.plans import coverage
from vawdasv.progress import selectors, services
from vawdasv.progress.enums import RagStatus, UpdateState
from vawdasv.progress.forms import (
    ConfirmForm,
    DeadlineForm,
    OpenRoundForm,
    ReopenRoundForm,
    RoundFilterForm,
)


@login_required
def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.get_strategy_for_member(request.user, slug)
    return render(
        request,
        "progress/round_list.html",
        {
            "strategy": strategy,
            "rounds": selectors.rounds_for(strategy),
            "can_run": permissions.can_run_rounds(request.user, strategy.partnership_id),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.get_strategy_for_member(request.user, slug)
    if not permissions.can_run_rounds(request.user, strategy.partnership_id):
        raise PermissionDenied
    form = OpenRoundForm(posted(request), strategy=strategy)
    if request.method == "POST" and form.is_valid():
        try:
            progress_round = services.open_round(
                actor=request.user,
                strategy=strategy,
                period_label=form.cleaned_data["period"],
                deadline=form.cleaned_data["deadline"],
                today=selectors.today(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("Round opened for %(period)s") % {"period": progress_round.period_label}
            )
            return redirect(progress_round.get_absolute_url())
    return render(
        request,
        "progress/round_open.html",
        {
            "strategy": strategy,
            "form": form,
            "partnership": strategy.partnership,
            "gaps": coverage.without_lead_officer(strategy.partnership, strategy),
        },
        status=400 if form.errors else 200,
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Every update waiting for this administrator's review, soonest deadline first."""
    if not permissions.can_see_review_queue(request.user):
        raise PermissionDenied
    return render(
        request, "progress/review_queue.html", {"updates": selectors.review_queue(request.user)}
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    progress_round = selectors.get_round_for_user(request.user, pk)
    strategy = progress_round.strategy
    all_rows = selectors.round_rows(progress_round, request.user)
    filter_form = RoundFilterForm(request.GET or None, progress_round=progress_round)
    filters = filter_form.filters()
    rows = selectors.filter_rows(all_rows, filters)
    states = Counter(row.update.state if row.update else "" for row in all_rows)
    rags = Counter(
        row.update.rag
        for row in all_rows
        if row.update and row.update.state == UpdateState.APPROVED
    )
    return render(
        request,
        "progress/round_detail.html",
        {
            "round": progress_round,
            "strategy": strategy,
            "rows": rows,
            "filter_form": filter_form,
            "filtered": filters.active,
            "total": len(all_rows),
            "state_counts": [
                (_("Not started"), states[""]),
                *((state.label, states[state.value]) for state in UpdateState),
            ],
            "rag_counts": [(rag, rags[rag.value]) for rag in RagStatus],
            "can_run": permissions.can_run_rounds(request.user, strategy.partnership_id),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    progress_round = selectors.get_round_for_user(request.user, pk)
    if not permissions.can_run_rounds(request.user, progress_round.strategy.partnership_id):
        raise PermissionDenied
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.close_round(actor=request.user, progress_round=progress_round)
        messages.success(request, _("Round closed. Drafts are kept."))
        return redirect(progress_round.get_absolute_url())
    return render(
        request,
        "progress/round_confirm.html",
        {
            "round": progress_round,
            "strategy": progress_round.strategy,
            "form": form,
            "title": _("Close the %(period)s round?") % {"period": progress_round.period_label},
            "explanation": _(
                "Lead officers will no longer be able to change their updates. Drafts are kept, "
                "and you can reopen the round later."
            ),
            "warning": selectors.close_warning(progress_round),
            "button": _("Close round"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    progress_round = selectors.get_round_for_user(request.user, pk)
    if not permissions.can_run_rounds(request.user, progress_round.strategy.partnership_id):
        raise PermissionDenied
    form = ReopenRoundForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen_round(
                actor=request.user,
                progress_round=progress_round,
                deadline=form.cleaned_data.get("deadline"),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Round reopened"))
            return redirect(progress_round.get_absolute_url())
    return render(
        request,
        "progress/round_confirm.html",
        {
            "round": progress_round,
            "strategy": progress_round.strategy,
            "form": form,
            "title": _("Reopen the %(period)s round?") % {"period": progress_round.period_label},
            "explanation": _(
                "Lead officers will be able to change their drafts and returned updates again."
            ),
            "button": _("Reopen round"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator moves an open round's deadline; reminders follow the new one."""
    progress_round = selectors.get_round_for_user(request.user, pk)
    if not permissions.can_run_rounds(request.user, progress_round.strategy.partnership_id):
        raise PermissionDenied
    form = DeadlineForm(posted(request), initial={"version": progress_round.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_deadline(
                actor=request.user,
                progress_round=progress_round,
                deadline=form.cleaned_data["deadline"],
                expected_version=form.cleaned_data.get("version"),
            )
        except services.ConcurrentEditError:
            form.add_error(
                None,
                _("Somebody else changed this round while you were looking at it. Check it again."),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Deadline changed. Reminders will follow the new date."))
            return redirect(progress_round.get_absolute_url())
    return render(
        request,
        "progress/round_confirm.html",
        {
            "round": progress_round,
            "strategy": progress_round.strategy,
            "form": form,
            "title": _("Change the deadline of the %(period)s round")
            % {"period": progress_round.period_label},
            "explanation": _(
                "Lead officers who have not yet sent their update are reminded a week before the "
                "new deadline, and again if it passes."
            ),
            "button": _("Change deadline"),
        },
        status=400 if form.errors else 200,
    )
