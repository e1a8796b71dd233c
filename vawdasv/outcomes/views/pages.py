"""The outcomes pages: a partnership's framework and returns, and one return's grid."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.outcomes import completeness, grid, selectors
from vawdasv.outcomes.models import DataReturn
from vawdasv.outcomes.services import returns
from vawdasv.partnerships import permissions


@login_required
def framework(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = selectors.get_partnership_for_member(request.user, slug)
    return render(
        request,
        "outcomes/framework.html",
        {
            "partnership": partnership,
            "measures": selectors.measures_of(partnership),
            "indicators": selectors.indicators_of(partnership),
            "denominators": selectors.denominators_of(partnership),
            "category_sets": selectors.category_sets_of(partnership),
            "returns": selectors.returns_of(partnership),
            "suppliers": completeness.by_supplier(partnership.pk),
            "can_manage": permissions.can_manage_outcomes(request.user, partnership.pk),
            "rules": partnership.validation_rules.all(),
            "marac_areas": partnership.marac_areas.prefetch_related("local_authorities"),
        },
    )


def _return_page(
    request: HttpRequest, data_return: DataReturn, the_grid: grid.Grid, status: int = 200,
    problems: list[str] | None = None, warnings: list[str] | None = None,
) -> HttpResponse:  # fmt: skip
    user = request.user
    return render(
        request,
        "outcomes/return.html",
        {
            "data_return": data_return,
            "grid": the_grid,
            "problems": problems or [],
            "warnings": warnings or [],
            "can_enter": permissions.can_enter_return(user, data_return),
            "can_review": permissions.can_review_return(user, data_return),
            "events": data_return.events.select_related("actor"),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def data_return(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the grid; POST saves it (all or nothing) and, with "submit", sends it in."""
    item = selectors.get_return_for_user(request.user, pk)
    current = returns.current_values(item)
    if request.method == "GET":
        flagged = frozenset(returns.outlier_flags(item, current))
        return _return_page(request, item, grid.build(item, current, flagged=flagged))
    if not permissions.can_enter_return(request.user, item):
        raise PermissionDenied
    posted: dict[str, Any] = request.POST.dict()
    the_grid = grid.build(item, current, typed=posted)
    values, errors = grid.read_posted(the_grid, posted)
    if errors:
        the_grid = grid.build(item, current, typed=posted, errors=errors)
        return _return_page(request, item, the_grid, 400, problems=list(errors.values()))
    try:
        version = int(posted.get("version", ""))
    except ValueError:
        version = -1
    try:
        warnings = returns.save_values(
            actor=request.user, data_return=item, values=values, expected_version=version
        )
        if "submit" in posted:
            returns.submit_return(actor=request.user, data_return=item)
    except ConcurrentEditError as clash:
        assert isinstance(clash.current, DataReturn)
        theirs = returns.current_values(clash.current)
        the_grid = grid.build(item, current, typed=posted, theirs=theirs)
        item.version = clash.current.version
        message = _(
            "Somebody else saved this return while you were editing it. Nothing of yours was "
            "saved: their values are shown under your boxes. Check them and save again."
        )
        return _return_page(request, item, the_grid, 409, problems=[message])
    except returns.BlockingProblems as refused:
        cell_errors = {p.cell: p.message for p in refused.problems if p.cell}
        flagged = frozenset(cell_errors)
        the_grid = grid.build(item, current, typed=posted, errors=cell_errors, flagged=flagged)
        return _return_page(
            request, item, the_grid, 400, problems=[_problem(p, the_grid) for p in refused.problems]
        )
    except ValidationError as error:
        item.refresh_from_db()
        return _return_page(
            request, item, grid.build(item, returns.current_values(item)), 400,
            problems=list(error.messages),
        )  # fmt: skip
    messages.success(request, _("Return submitted.") if "submit" in posted else _("Values saved."))
    for warning in warnings:
        messages.warning(request, _problem(warning, the_grid))
    return redirect(item.get_absolute_url())


def _problem(problem: Any, the_grid: grid.Grid) -> str:
    for row in the_grid.rows:
        for box in row.cells:
            if box.cell == problem.cell:
                return f"{box.label}: {problem.message}"
    return str(problem.message)


@login_required
@require_POST
def review(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Approve, return (with a comment) or reopen (with a reason): the regional team."""
    item = selectors.get_return_for_user(request.user, pk)
    if not permissions.can_review_return(request.user, item):
        raise PermissionDenied
    comment = request.POST.get("comment", "")
    try:
        if decision == "approve":
            returns.approve_return(actor=request.user, data_return=item, comment=comment)
        elif decision == "return":
            returns.return_for_changes(actor=request.user, data_return=item, comment=comment)
        else:
            returns.reopen_return(actor=request.user, data_return=item, reason=comment)
    except ValidationError as error:
        return _return_page(
            request, item, grid.build(item, returns.current_values(item)), 400,
            problems=list(error.messages),
        )  # fmt: skip
    messages.success(request, _("The return is now: %(state)s") % {"state": _state(item)})
    return redirect(item.get_absolute_url())


def _state(item: DataReturn) -> str:
    item.refresh_from_db()
    return str(item.get_state_display())


@login_required
def template_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The .xlsx template for this return, with the values saved so far."""
    from vawdasv.lib import tabular
    from vawdasv.outcomes import spreadsheet

    item = selectors.get_return_for_user(request.user, pk)
    content = spreadsheet.template(item, returns.current_values(item))
    response = HttpResponse(content, content_type=tabular.XLSX_CONTENT_TYPE)
    period = item.period_label.replace("/", "-").replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="return-{item.pk}-{period}.xlsx"'
    return response


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """An uploaded template or CSV: saved whole, or refused with every problem's location."""
    from vawdasv.outcomes import spreadsheet

    item = selectors.get_return_for_user(request.user, pk)
    if not permissions.can_enter_return(request.user, item):
        raise PermissionDenied
    current = returns.current_values(item)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        return _return_page(request, item, grid.build(item, current), 400,
                            problems=[_("Choose a file to upload.")])  # fmt: skip
    if uploaded.size is not None and uploaded.size > spreadsheet.MAX_BYTES:
        return _return_page(request, item, grid.build(item, current), 400,
                            problems=[_("The file is larger than 5 MB.")])  # fmt: skip
    try:
        warnings = returns.upload_values(
            actor=request.user, data_return=item, name=uploaded.name or "", content=uploaded.read()
        )
    except spreadsheet.UploadRefused as refused:
        return _return_page(request, item, grid.build(item, current), 400,
                            problems=[str(p) for p in refused.problems])  # fmt: skip
    except returns.BlockingProblems as refused:
        the_grid = grid.build(item, current)
        return _return_page(request, item, the_grid, 400,
                            problems=[_problem(p, the_grid) for p in refused.problems])  # fmt: skip
    messages.success(request, _("File uploaded and values saved."))
    the_grid = grid.build(item, returns.current_values(item))
    for warning in warnings:
        messages.warning(request, _problem(warning, the_grid))
    return redirect(item.get_absolute_url())
